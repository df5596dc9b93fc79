import { useState } from 'preact/hooks';
import { bookingLabel } from '@/lib/core/booking';
import { entryDuration } from '@/lib/core/entry';
import { formatDuration } from '@/lib/core/time';
import { formatDurationWords, t } from '@/lib/i18n';
import { providerName } from '@/lib/providers/catalog';
import { send } from '@/lib/ui/client';
import { accounts, now, timer } from '@/lib/ui/state';
import { Icon } from '../shared/Icon';
import { RunningEditor } from '../shared/RunningEditor';

interface Props {
  onError(message: string): void;
  /** After Stop: the popup moves the focus somewhere that still exists. */
  onStopped?(): void;
}

/**
 * The running timer, compact, two lines: its title and elapsed time; where it goes ("→ Harvest · Project / Task")
 * beside the pencil (notes and project/task) and Stop.
 * Renders nothing when no timer runs.
 */
export function RunningTimer({ onError, onStopped }: Props) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = timer.value;
  if (!run) return null;
  const elapsed = entryDuration(run, now.value);
  const stop = async () => {
    setBusy(true);
    const reply = await send({ type: 'timer.stop' });
    setBusy(false);
    if (!reply.ok) return onError(reply.error);
    setEditing(false);
    onStopped?.();
  };
  const title = run.task ? run.task.title || run.task.id : run.notes || t('untitled_timer');
  const account = run.booking ? accounts.value.find((a) => a.id === run.booking?.accountId) : undefined;
  const where = run.booking
    ? `${providerName(account?.provider ?? run.booking.accountId.split(':')[0] ?? '')} · ${bookingLabel(run.booking) || t('no_project')}`
    : t('picker_local');
  return (
    <section class="running" aria-labelledby="running-heading">
      <h2 id="running-heading" class="sr-only">
        {t('running_title')}
      </h2>
      <div class="running-line">
        <strong class="running-title" title={run.task ? `${run.task.id} ${title}` : title}>
          {title}
        </strong>
        <span class="elapsed" data-testid="elapsed" role="timer" aria-label={t('elapsed_words', formatDurationWords(elapsed))}>
          {formatDuration(elapsed, true)}
        </span>
      </div>
      <div class="running-line">
        <span class="muted running-where" title={where}>
          <span aria-hidden="true">→ </span>
          <span class="sr-only">{t('destination_label')} </span>
          {where}
        </span>
        <div class="running-actions">
          <button
            type="button"
            class="icon"
            aria-expanded={editing}
            aria-label={t('edit_running')}
            title={t('edit_running')}
            onClick={() => setEditing(!editing)}
          >
            <Icon name="edit" />
          </button>
          <button type="button" class="stop" disabled={busy} onClick={stop}>
            <Icon name="stop" /> {t('stop')}
          </button>
        </div>
      </div>
      {editing && <RunningEditor key={run.id} entry={run} compact />}
    </section>
  );
}
