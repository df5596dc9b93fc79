import { useState } from 'preact/hooks';
import { entryDuration } from '@/lib/core/entry';
import { formatDuration } from '@/lib/core/time';
import { formatDurationWords, t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { now, timer } from '@/lib/ui/state';
import { RunningEditor } from '../shared/RunningEditor';

interface Props {
  onError(message: string): void;
  /** After Stop: the popup moves the focus somewhere that still exists. */
  onStopped?(): void;
}

/** The running timer, live, with Stop, and its notes/project/task editable. Renders nothing when no timer runs. */
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
  return (
    <section class="running" aria-labelledby="running-heading">
      <h2 id="running-heading" class="sr-only">
        {t('running_title')}
      </h2>
      <div class="running-row">
        <div class="running-text">
          <strong class="running-title">{run.task ? run.task.title || run.task.id : run.notes || t('untitled_timer')}</strong>
          {run.task && <span class="muted">{run.task.id}</span>}
          {run.booking && (
            <span class="muted">
              {run.booking.projectName}
              {run.booking.taskName ? ` / ${run.booking.taskName}` : ''}
            </span>
          )}
        </div>
        <span class="elapsed" data-testid="elapsed" role="timer" aria-label={t('elapsed_words', formatDurationWords(elapsed))}>
          {formatDuration(elapsed, true)}
        </span>
        <button type="button" class="stop" disabled={busy} onClick={stop}>
          {t('stop')}
        </button>
      </div>
      <button type="button" class="link" aria-expanded={editing} onClick={() => setEditing(!editing)}>
        {editing ? t('edit_running_close') : t('edit_running')}
      </button>
      {editing && <RunningEditor key={run.id} entry={run} compact />}
    </section>
  );
}
