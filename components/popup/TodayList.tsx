import { type Entry, entryDuration, taskKey } from '@/lib/core/entry';
import { dayKey } from '@/lib/core/time';
import { clockOf, formatLongDate, t } from '@/lib/i18n';
import { accounts, defaultAccount, entries, now, settings, timer } from '@/lib/ui/state';
import { Duration } from '../shared/Duration';
import { EntryItem } from './EntryItem';

interface Group {
  key: string;
  title: string;
  /** Where it is booked: `Project / Task`, or Local. */
  booked: string;
  list: Entry[];
  ms: number;
}

const bookedAs = (e: Entry) =>
  e.booking ? `${e.booking.projectName || e.booking.projectId}${e.booking.taskName ? ` / ${e.booking.taskName}` : ''}` : t('local_booking');

/** Today's entries by task (or by project/task when there is no task page), in order of the latest work first. */
export function groupEntries(list: readonly Entry[], at: number): Group[] {
  const groups = new Map<string, Group>();
  for (const e of list) {
    const key = e.task
      ? `task:${taskKey(e.task)}`
      : e.booking
        ? `booking:${e.booking.accountId}|${e.booking.projectId}|${e.booking.taskId}`
        : 'none';
    let g = groups.get(key);
    if (!g) {
      const title = e.task ? e.task.title || e.task.id : e.booking ? bookedAs(e) : t('no_task');
      g = { key, title, booked: e.task || !e.booking ? bookedAs(e) : '', list: [], ms: 0 };
      groups.set(key, g);
    }
    g.list.push(e);
    g.ms += entryDuration(e, at);
  }
  return [...groups.values()];
}

interface Props {
  onNotice(message: string, isError?: boolean): void;
}

/** Today's entries (the running one included), grouped by task with a total per group and for the day. */
export function TodayList({ onNotice }: Props) {
  const at = now.value;
  const today = dayKey(at);
  const list = [...(timer.value ? [timer.value] : []), ...entries.value.filter((e) => e.day === today)];
  const total = list.reduce((sum, e) => sum + entryDuration(e, at), 0);
  const groups = groupEntries(list, at);
  const clock = clockOf(accounts.value, defaultAccount.value, settings.value.clock);
  return (
    <section aria-labelledby="today-heading" class="today">
      <h2 id="today-heading" tabIndex={-1}>
        <span title={formatLongDate(today)}>{t('today')}</span>
        <Duration class="total" ms={total} total testId="today-total" />
      </h2>
      {list.length === 0 ? (
        <p class="muted">{t('today_empty')}</p>
      ) : (
        <ul class="groups">
          {groups.map((g) => (
            <li key={g.key} class="group" data-group={g.key}>
              <div class="group-head">
                <div class="group-text">
                  <strong class="group-title">{g.title}</strong>
                  {g.booked && <span class="muted">{g.booked}</span>}
                </div>
                <Duration class="duration group-total" ms={g.ms} total />
              </div>
              <ul class="entries">
                {g.list.map((e) => (
                  <EntryItem key={e.id} entry={e} clock={clock} onNotice={onNotice} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
