import { entryDuration } from '@/lib/core/entry';
import { dayKey } from '@/lib/core/time';
import { clockOf, formatLongDate, t } from '@/lib/i18n';
import { accounts, defaultAccount, entries, minuteNow, settings, timer } from '@/lib/ui/state';
import { Duration } from '../shared/Duration';
import { EntryItem } from './EntryItem';

interface Props {
  onNotice(message: string, isError?: boolean): void;
}

/**
 * Today's entries (the running one first), newest first, each with its own project/task: an entry is what was
 * booked, so entries of one task booked to three projects show three bookings, never one heading for all.
 */
export function TodayList({ onNotice }: Props) {
  const at = minuteNow.value;
  const today = dayKey(at);
  const list = [...(timer.value ? [timer.value] : []), ...entries.value.filter((e) => e.day === today)];
  const total = list.reduce((sum, e) => sum + entryDuration(e, at), 0);
  const clock = clockOf(accounts.value, defaultAccount.value, settings.value.clock);
  return (
    <section aria-labelledby="today-heading" class="today">
      <h2 id="today-heading" tabIndex={-1}>
        <span title={formatLongDate(today)}>{t('today')}</span>
        <Duration class="total" ms={total} total testId="today-total" />
      </h2>
      {list.length === 0 ? (
        <p class="muted empty">{t('today_empty')}</p>
      ) : (
        <ul class="entries">
          {list.map((e) => (
            <EntryItem key={e.id} entry={e} clock={clock} onNotice={onNotice} />
          ))}
        </ul>
      )}
    </section>
  );
}
