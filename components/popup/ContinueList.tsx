import { useState } from 'preact/hooks';
import { bookingLabel } from '@/lib/core/booking';
import { recentWork } from '@/lib/core/recent';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { entries, timer } from '@/lib/ui/state';
import { Icon } from '../shared/Icon';

/** "Continue": the last few distinct pieces of work (any day of the last two weeks), each one click from running again. */
export function ContinueList({ onError }: { onError(message: string): void }) {
  const [busy, setBusy] = useState(false);
  const list = recentWork(entries.value, timer.value);
  if (list.length === 0) return null;
  return (
    <section class="continue" aria-labelledby="continue-heading">
      <h2 id="continue-heading">{t('continue_heading')}</h2>
      <ul>
        {list.map((e) => {
          const title = e.task ? e.task.title || e.task.id : e.notes;
          return (
            <li key={e.id} data-entry-id={e.id}>
              <button
                type="button"
                class="icon"
                disabled={busy}
                aria-label={t('entry_continue_label', title)}
                title={t('entry_continue')}
                onClick={async () => {
                  setBusy(true);
                  const reply = await send({ type: 'entry.continue', id: e.id });
                  setBusy(false);
                  if (!reply.ok) onError(reply.error);
                }}
              >
                <Icon name="play" />
              </button>
              <span class="continue-text">
                <span class="continue-title">{title}</span>
                <span class="muted">{e.booking ? bookingLabel(e.booking) || t('no_project') : t('local_booking')}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
