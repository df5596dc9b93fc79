import { type Entry, entryDuration } from './entry';
import { dayKey } from './time';

/**
 * The week summary: the 7 local calendar days of the week holding a date, and the time tracked on each.
 * Pure. Days are stepped on the local calendar (new Date(y, m, d + i)), never by adding 24 h, so a week
 * holding a DST change still has exactly its 7 days.
 */

/** First day of the week, as Date#getDay: 0 = Sunday, 1 = Monday (the default), … 6 = Saturday. */
export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const DEFAULT_WEEK_START: WeekStart = 1;

/** Local midnight of the first day of the week holding `date`. */
export function startOfWeek(date: Date, weekStart: WeekStart = DEFAULT_WEEK_START): Date {
  const back = (date.getDay() - weekStart + 7) % 7;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - back);
}

/** The week's 7 days, `YYYY-MM-DD`, in order. */
export function weekDays(date: Date, weekStart: WeekStart = DEFAULT_WEEK_START): string[] {
  const first = startOfWeek(date, weekStart);
  return Array.from({ length: 7 }, (_, i) => dayKey(new Date(first.getFullYear(), first.getMonth(), first.getDate() + i).getTime()));
}

export interface WeekSummary {
  days: { day: string; ms: number }[];
  totalMs: number;
}

/**
 * Time per day of the week holding `now`. An entry counts for its own `day` (as the trackers book it);
 * the running timer's elapsed time counts for the day it started.
 */
export function summarizeWeek(
  entries: readonly Entry[],
  running: Entry | null,
  now: number,
  weekStart: WeekStart = DEFAULT_WEEK_START,
): WeekSummary {
  const days = weekDays(new Date(now), weekStart).map((day) => ({ day, ms: 0 }));
  const byDay = new Map(days.map((d) => [d.day, d]));
  const all = running ? [running, ...entries.filter((e) => e.id !== running.id)] : entries;
  let totalMs = 0;
  for (const e of all) {
    const slot = byDay.get(e.day);
    if (!slot) continue;
    const ms = entryDuration(e, now);
    slot.ms += ms;
    totalMs += ms;
  }
  return { days, totalMs };
}

/** The week-start preference (`monday` / `sunday`, or a day number 0..6); anything else is the default (Monday). */
export function weekStartOf(value: unknown): WeekStart {
  if (value === 'sunday') return 0;
  if (value === 'monday') return 1;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6 ? (value as WeekStart) : DEFAULT_WEEK_START;
}
