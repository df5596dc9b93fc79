import { entryDuration } from '@/lib/entry';
import { dayKey, formatDuration } from '@/lib/time';
import { entries, now, timer } from '@/lib/ui-state';

/** Today's entries (the running one included) with the day's total. */
export function TodayList() {
  const today = dayKey(now.value);
  const list = [...(timer.value ? [timer.value] : []), ...entries.value.filter((e) => e.day === today)];
  const total = list.reduce((sum, e) => sum + entryDuration(e, now.value), 0);
  return (
    <section aria-label="Today">
      <h2>
        Today{' '}
        <span class="total" data-testid="today-total">
          {formatDuration(total)}
        </span>
      </h2>
      {list.length === 0 ? (
        <p class="muted">Nothing tracked today yet.</p>
      ) : (
        <ul class="entries">
          {list.map((e) => (
            <li key={e.id} data-entry-id={e.id} data-running={e.running ? 'true' : undefined}>
              <div class="entry-text">
                {e.task ? (
                  <a href={e.task.url} target="_blank" rel="noreferrer">
                    {e.task.title || e.task.id}
                  </a>
                ) : (
                  <span>{e.notes || '(no notes)'}</span>
                )}
                {e.task && e.notes && <span class="muted notes">{e.notes}</span>}
              </div>
              <span class="duration">{formatDuration(entryDuration(e, now.value))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
