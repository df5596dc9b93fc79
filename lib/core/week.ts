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

/** A workday: the week chart's bars are scaled to at least this, so a few minutes never fill a whole bar. */
export const WORKDAY_MS = 8 * 3_600_000;

/** A day's bar height in percent of the week's scale (the longest day, or a workday when every day was shorter). */
export function barPercent(ms: number, days: readonly { ms: number }[]): number {
  const scale = Math.max(WORKDAY_MS, ...days.map((d) => d.ms));
  return Math.round((Math.max(0, ms) / scale) * 100);
}

/** One booking's time this week: `key` is `accountId|projectId|taskId`, or 'local' for entries kept in the browser. */
export interface ProjectTotal {
  key: string;
  booking: Entry['booking'];
  ms: number;
}

/**
 * Time per booking (project and task) over the week holding `now`, longest first: the same entries and days as
 * summarizeWeek, so the two always add up to the same total.
 */
export function summarizeProjects(
  entries: readonly Entry[],
  running: Entry | null,
  now: number,
  weekStart: WeekStart = DEFAULT_WEEK_START,
): ProjectTotal[] {
  const days = new Set(weekDays(new Date(now), weekStart));
  const all = running ? [running, ...entries.filter((e) => e.id !== running.id)] : entries;
  const totals = new Map<string, ProjectTotal>();
  for (const e of all) {
    if (!days.has(e.day)) continue;
    const b = e.booking;
    const key = b ? `${b.accountId}|${b.projectId}|${b.taskId}` : 'local';
    const slot = totals.get(key) ?? { key, booking: b, ms: 0 };
    // The labels of the latest entry win (an entry read back before the project list was cached has none).
    if (b && !slot.booking?.projectName && b.projectName) slot.booking = b;
    slot.ms += entryDuration(e, now);
    totals.set(key, slot);
  }
  return [...totals.values()].filter((t) => t.ms > 0).sort((a, b) => b.ms - a.ms || a.key.localeCompare(b.key));
}
