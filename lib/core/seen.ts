import { type Entry, entryDuration, type Task, taskKey } from './entry';
import { atMinute, DAY, dayKey, MINUTE } from './time';

/**
 * On-device suggestions, decided here, purely: how long each recognised task page was the visible, focused tab
 * per day (from the content scripts' reports, measured and clamped by the worker's own clock), and what of it is
 * not tracked yet. The background keeps the record in the data layer (lib/background/seen.ts); nothing of it
 * leaves the browser.
 *
 * A content script only says "task T is shown now" (on showing and every HEARTBEAT_MS while shown) or "not shown
 * any more". The worker credits the time since that tab's previous "shown" report when it is at most MAX_SPAN_MS
 * (else nothing: a tab that stopped reporting, a machine asleep), never time already credited to another tab (the high-water
 * mark `until`: a day never holds more than its wall time), and nothing while the machine is idle or locked.
 */

/** A content script reports a shown task this often. */
export const HEARTBEAT_MS = 30_000;
/** A span longer than this counts nothing: one heartbeat missed is still counted, a tab gone silent (asleep) is not. */
export const MAX_SPAN_MS = 2 * HEARTBEAT_MS;
/** Days kept: today and the 13 before. */
export const SEEN_DAYS = 14;
/** Tasks kept per day (the most seen stay); a record stays small whatever the browsing. */
export const MAX_TASKS_PER_DAY = 100;
/** Tabs followed at once. */
const MAX_TABS = 50;
/**
 * Suggestions under this are not shown: an entry holds whole minutes, and a glance at a task page is not work. One
 * minute is the smallest entry a suggestion can make.
 */
export const MIN_SUGGESTION_MS = MINUTE;
const TITLE_MAX = 200;

/** What a suggestion needs to become an entry: the task without its meeting span, its title cut short. */
export type SeenTask = Omit<Task, 'span'>;
export interface SeenItem {
  task: SeenTask;
  ms: number;
  /** The user dismissed this day's suggestion for the task. */
  dismissed?: boolean;
}
export interface Seen {
  /** Day (YYYY-MM-DD) → task key → time seen. */
  days: Record<string, Record<string, SeenItem>>;
  /** Tab id → the task it last reported shown, and when (the start of the span its next report closes). */
  tabs: Record<string, { key: string; at: number }>;
  /** Time is credited up to here: a span before it was counted already (another tab, a clock set back). */
  until: number;
}
export const NO_SEEN: Seen = { days: {}, tabs: {}, until: 0 };

export interface SeenReport {
  tab: string;
  task: Task;
  shown: boolean;
  now: number;
  /** The machine is in use (not idle, not locked). */
  active: boolean;
}

const slim = (task: Task): SeenTask => {
  const { span: _, ...rest } = task;
  return { ...rest, title: rest.title.slice(0, TITLE_MAX) };
};

/** The next local midnight after `at`. */
function nextMidnight(at: number): number {
  const d = new Date(at);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

/** Adds [from, to) to the task's days, split at local midnights. */
function credit(days: Seen['days'], task: SeenTask, from: number, to: number): Seen['days'] {
  const out = { ...days };
  const key = taskKey(task);
  for (let start = from; start < to; ) {
    const end = Math.min(to, nextMidnight(start));
    const day = dayKey(start);
    const items = { ...(out[day] ?? {}) };
    const had = items[key];
    if (had || Object.keys(items).length < MAX_TASKS_PER_DAY) {
      // The latest title and link win (a title that rendered late).
      items[key] = { ...had, task, ms: (had?.ms ?? 0) + (end - start) };
      out[day] = items;
    }
    start = end;
  }
  return out;
}

/** Drops days before the 14 kept and tabs silent for longer than a span could last. */
export function prune(seen: Seen, now: number): Seen {
  const first = dayKey(now - (SEEN_DAYS - 1) * DAY);
  const days = Object.fromEntries(Object.entries(seen.days).filter(([day]) => day >= first));
  const tabs = Object.fromEntries(
    Object.entries(seen.tabs)
      .filter(([, tab]) => tab.at > now - MAX_SPAN_MS && tab.at <= now)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_TABS),
  );
  return { ...seen, days, tabs };
}

/** A content script's report, applied: the time credited, the tab's new state, the old days pruned. */
export function report(seen: Seen, r: SeenReport): { seen: Seen; creditedMs: number } {
  const task = slim(r.task);
  const key = taskKey(task);
  const open = seen.tabs[r.tab];
  let { days, until } = seen;
  let creditedMs = 0;
  // Only the span this tab opened for this same task, not gone stale, and only while the machine is in use.
  if (open && open.key === key && r.active && r.now - open.at <= MAX_SPAN_MS) {
    const from = Math.max(open.at, until);
    if (r.now > from) {
      days = credit(days, task, from, r.now);
      creditedMs = r.now - from;
      until = r.now;
    }
  }
  const { [r.tab]: _, ...others } = seen.tabs;
  const tabs = r.shown ? { ...others, [r.tab]: { key, at: r.now } } : others;
  return { seen: prune({ days, tabs, until }, r.now), creditedMs };
}

export interface Suggestion {
  key: string;
  task: SeenTask;
  /** Seen minus tracked, that day. */
  ms: number;
}

/**
 * The day's untracked task time: per task, the time seen minus the time tracked on it that day (its entries, and
 * the running timer's time since the day began), dismissed ones and those under a minute left out, most first.
 */
export function suggestions(
  items: Record<string, SeenItem> | undefined,
  day: string,
  entries: readonly Entry[],
  timer: Entry | null,
  now: number,
): Suggestion[] {
  const tracked = new Map<string, number>();
  const add = (key: string, ms: number) => tracked.set(key, (tracked.get(key) ?? 0) + ms);
  for (const e of entries) if (e.task && e.day === day) add(taskKey(e.task), entryDuration(e, now));
  if (timer?.running && timer.task && timer.startedAt !== null) {
    const dayStart = atMinute(day, 0);
    add(taskKey(timer.task), Math.max(0, now - Math.max(timer.startedAt, dayStart)));
  }
  return Object.entries(items ?? {})
    .filter(([, item]) => !item.dismissed)
    .map(([key, item]) => ({ key, task: item.task, ms: item.ms - (tracked.get(key) ?? 0) }))
    .filter((s) => s.ms >= MIN_SUGGESTION_MS)
    .sort((a, b) => b.ms - a.ms);
}

/** Whole minutes an entry made from a suggestion holds (at least one). */
export const suggestionMinutes = (ms: number): number => Math.max(1, Math.round(ms / MINUTE));

/** Dismisses one day's suggestion for a task. */
export function dismiss(seen: Seen, day: string, key: string): Seen {
  const item = seen.days[day]?.[key];
  if (!item) return seen;
  return { ...seen, days: { ...seen.days, [day]: { ...seen.days[day], [key]: { ...item, dismissed: true } } } };
}
