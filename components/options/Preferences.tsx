import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t, weekdayName } from '@/lib/i18n';
import type { Message } from '@/lib/protocol/messages';
import { send } from '@/lib/ui/client';
import { settings } from '@/lib/ui/state';
import { SaveStatus } from './SaveStatus';

type Patch = Omit<Extract<Message, { type: 'settings.update' }>, 'type'>;
const ROUNDINGS = [0, 5, 6, 10, 15, 30] as const;

/**
 * Preferences: notes template, the attach toggle's default, week start, rounding, 12/24 h. Each change is saved as
 * it is made (the template a moment after the typing stops, and when the field is left): there is no Save button.
 */
export function Preferences() {
  const id = useId();
  const s = settings.value;
  const [template, setTemplate] = useState(s.notesTemplate);
  const field = useRef<HTMLInputElement>(null);
  const pendingSave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Settings changed elsewhere (an import, another options tab): the field follows, unless the user is typing in it
  // (the echo of a save made mid-typing must not take back what was typed since).
  useEffect(() => {
    if (document.activeElement !== field.current) setTemplate(s.notesTemplate);
  }, [s.notesTemplate]);
  useEffect(() => () => clearTimeout(pendingSave.current), []);
  const saveTemplate = (value: string) => {
    clearTimeout(pendingSave.current);
    if (value !== settings.value.notesTemplate) void save({ notesTemplate: value });
  };
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  async function save(patch: Patch) {
    setStatus('');
    setError('');
    const reply = await send({ type: 'settings.update', ...patch });
    if (reply.ok) setStatus(t('prefs_saved'));
    else setError(reply.error);
  }

  return (
    <section aria-labelledby={`${id}-title`} class="preferences">
      <h2 id={`${id}-title`}>{t('prefs_title')}</h2>
      <p class="muted">{t('prefs_autosave')}</p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          saveTemplate(template);
        }}
      >
        <div class="field">
          <label for={`${id}-template`}>{t('notes_template')}</label>
          <input
            id={`${id}-template`}
            ref={field}
            name="notes-template"
            value={template}
            maxLength={500}
            aria-describedby={`${id}-template-help`}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setTemplate(value);
              clearTimeout(pendingSave.current);
              pendingSave.current = setTimeout(() => saveTemplate(value), 600);
            }}
            onChange={(e) => saveTemplate(e.currentTarget.value)}
          />
          <p id={`${id}-template-help`} class="help">
            {t('notes_template_help')}
          </p>
        </div>
        <label class="check">
          <input
            type="checkbox"
            name="attach-task"
            checked={s.attachTask}
            onChange={(e) => void save({ attachTask: e.currentTarget.checked })}
          />
          {t('attach_task_default')}
        </label>
        <div class="row">
          <div class="field">
            <label for={`${id}-week`}>{t('week_start')}</label>
            <select
              id={`${id}-week`}
              name="week-start"
              value={s.weekStart}
              onChange={(e) => void save({ weekStart: e.currentTarget.value as Patch['weekStart'] })}
            >
              <option value="monday">{weekdayName(1)}</option>
              <option value="sunday">{weekdayName(0)}</option>
            </select>
          </div>
          <div class="field">
            <label for={`${id}-rounding`}>{t('rounding')}</label>
            <select
              id={`${id}-rounding`}
              name="rounding"
              value={String(s.roundingMinutes)}
              onChange={(e) => void save({ roundingMinutes: Number(e.currentTarget.value) as Patch['roundingMinutes'] })}
            >
              {ROUNDINGS.map((m) => (
                <option key={m} value={String(m)}>
                  {m === 0 ? t('rounding_none') : t('rounding_up', m)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-clock`}>{t('clock')}</label>
            <select
              id={`${id}-clock`}
              name="clock"
              value={s.clock}
              onChange={(e) => void save({ clock: e.currentTarget.value as Patch['clock'] })}
            >
              <option value="auto">{t('clock_auto')}</option>
              <option value="12h">{t('clock_12h')}</option>
              <option value="24h">{t('clock_24h')}</option>
            </select>
          </div>
        </div>
        <SaveStatus status={status} error={error} />
      </form>
    </section>
  );
}
