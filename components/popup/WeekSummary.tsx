import { dayKey } from '@/lib/core/time';
import { barPercent, summarizeWeek, weekStartOf } from '@/lib/core/week';
import { dayDate, dtf, formatLongDate, t } from '@/lib/i18n';
import { entries, minuteNow, settings, timer } from '@/lib/ui/state';
import { Duration } from '../shared/Duration';
import { WeekProjects } from './WeekProjects';

/**
 * This week, one column per day, with the week's total. Bars are scaled to at least a workday (a minute is a
 * sliver, not a full bar); a day with nothing shows "–". Week start from the settings (Monday by default).
 */
export function WeekSummary() {
  const at = minuteNow.value;
  const weekStart = weekStartOf(settings.value.weekStart);
  const week = summarizeWeek(entries.value, timer.value, at, weekStart);
  const today = dayKey(at);
  const weekday = dtf({ weekday: 'short' });
  const monthDay = dtf({ day: 'numeric' });
  return (
    <section aria-labelledby="week-heading" class="week">
      <h2 id="week-heading">
        <span>{t('week')}</span>
        <Duration class="total" ms={week.totalMs} total testId="week-total" />
      </h2>
      <table class="week-table">
        <caption class="sr-only">{t('week_caption')}</caption>
        <thead>
          <tr>
            {week.days.map((d) => (
              <th key={d.day} scope="col" abbr={formatLongDate(d.day)} class={d.day === today ? 'today' : undefined}>
                <span>{weekday.format(dayDate(d.day))}</span> <span class="num">{monthDay.format(dayDate(d.day))}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {week.days.map((d) => (
              <td
                key={d.day}
                data-day={d.day}
                aria-current={d.day === today ? 'date' : undefined}
                class={d.day === today ? 'today' : undefined}
              >
                <span class="bar" aria-hidden="true">
                  {d.ms > 0 && <span style={{ height: `${Math.max(2, barPercent(d.ms, week.days))}%` }} />}
                </span>
                {d.ms > 0 ? (
                  <Duration class="day-total" ms={d.ms} />
                ) : (
                  <span class="day-total empty">
                    <span aria-hidden="true">–</span>
                    <span class="sr-only">{t('week_day_empty')}</span>
                  </span>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <WeekProjects />
    </section>
  );
}
