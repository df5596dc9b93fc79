import { send } from '@/lib/client';
import { entryDuration } from '@/lib/entry';
import { formatDuration } from '@/lib/time';
import { now, timer } from '@/lib/ui-state';

/** The running timer, live, with Stop. Renders nothing when no timer runs. */
export function RunningTimer({ onError }: { onError(message: string): void }) {
  const t = timer.value;
  if (!t) return null;
  const stop = async () => {
    const reply = await send({ type: 'timer.stop' });
    if (!reply.ok) onError(reply.error);
  };
  return (
    <section class="running" aria-label="Running timer">
      <div class="running-text">
        <strong class="running-title">{t.task ? t.task.title || t.task.id : t.notes || 'Timer'}</strong>
        {t.task && <span class="muted">{t.task.id}</span>}
      </div>
      <span class="elapsed" data-testid="elapsed">
        {formatDuration(entryDuration(t, now.value), true)}
      </span>
      <button type="button" class="stop" onClick={stop}>
        Stop
      </button>
    </section>
  );
}
