import { useId, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { settings } from '@/lib/ui/state';
import { SaveStatus } from './SaveStatus';

/**
 * On-device suggestions (lib/core/seen.ts), off by default: what is counted, that it never leaves the browser and
 * is kept 14 days, the switch, and a button that forgets everything counted so far.
 */
export function SuggestionPreferences() {
  const id = useId();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const report = (ok: string, err = '') => {
    setStatus(ok);
    setError(err);
  };

  async function toggle(on: boolean) {
    const reply = await send({ type: 'settings.update', suggestions: on });
    report(reply.ok ? t('prefs_saved') : '', reply.ok ? '' : reply.error);
  }
  async function clear() {
    const reply = await send({ type: 'seen.clear' });
    report(reply.ok ? t('suggest_cleared') : '', reply.ok ? '' : reply.error);
  }

  return (
    <section aria-labelledby={`${id}-title`} class="suggest-prefs">
      <h2 id={`${id}-title`}>{t('suggest_title')}</h2>
      <p id={`${id}-explain`}>{t('suggest_explain')}</p>
      <p id={`${id}-privacy`} class="muted">
        {t('suggest_privacy')}
      </p>
      <div class="stack">
        <label class="check">
          <input
            type="checkbox"
            name="suggestions"
            checked={settings.value.suggestions}
            aria-describedby={`${id}-explain ${id}-privacy`}
            onChange={(e) => void toggle(e.currentTarget.checked)}
          />
          {t('suggest_enable')}
        </label>
        <div class="actions left">
          <button type="button" onClick={() => void clear()}>
            {t('suggest_clear')}
          </button>
        </div>
      </div>
      <SaveStatus status={status} error={error} />
    </section>
  );
}
