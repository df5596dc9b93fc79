import { atMinute, dayKey, HOUR, MINUTE } from './time';

/**
 * Idle time, forgotten timers and the reminder to track, decided here, purely: (activity, event or tick, timer,
 * settings) → the new activity record, the question to put to the user, and what to notify. The background feeds
 * it the browser's idle states (lib/background/activity.ts) and persists what it returns: the worker stops
 * after 30 s, the idle period it was in the middle of does not. Nothing here changes an entry: a question is
 * answered by the user (the `prompt.resolve` intent), never decided silently.
 */

/** The browser's idle states (chrome.idle): a locked screen counts as idle. */
export type IdleState = 'active' | 'idle' | 'locked';
export const IDLE_STATES = ['active', 'idle', 'locked'] as const;

export interface Activity {
  state: IdleState;
  /** When the current idle period began (idle or locked); null while active. */
  idleSince: number | null;
  /** Since when the user has been active with no timer running (the reminder to track); null otherwise. */
  untrackedSince: number | null;
  /** When the last reminder to track was shown (never two within the hour). */
  remindedAt: number | null;
  /** The timer a forgotten-timer reminder was raised for: once per timer. */
  forgottenFor: string | null;
}
export const NO_ACTIVITY: Activity = { state: 'active', idleSince: null, untrackedSince: null, remindedAt: null, forgottenFor: null };

/**
 * A question about the running timer. `idle`: the machine was idle from `from` to `to` (the return) while it ran:
 * keep, discard (the entry ends at `from`, a new one starts at `to`) or stop at `from`. `forgotten`: it has run past
 * the end of the day or too long: stop at `from` (the last activity) or keep it running. `idleMs`: the idle time
 * (idle periods merged into one question add up).
 */
export interface Prompt {
  kind: 'idle' | 'forgotten';
  timerId: string;
  from: number;
  to: number;
  idleMs: number;
}
export type PromptChoice = 'keep' | 'discard' | 'stop';

/** The settings this module reads (lib/core/schemas.ts declares them). */
export interface ActivitySettings {
  /** Ask about idle time after this many minutes idle; 0 = never. */
  idleMinutes: number;
  /** Remind of a timer still running after this local time ('HH:MM'); '' = no. */
  endOfDay: string;
  /** …or running longer than this many hours; 0 = no. */
  maxTimerHours: number;
  trackReminder: {
    enabled: boolean;
    /** Working days, 0 = Sunday … 6 = Saturday. */
    days: number[];
    /** Working hours, local 'HH:MM', `from` included, `to` excluded. */
    from: string;
    to: string;
    /** Remind after this many minutes of activity with no timer. */
    afterMinutes: number;
  };
}

/** What the background knows of the running timer. */
export type RunningTimer = { id: string; startedAt: number } | null;

/** The idle detection interval the browser is asked for: the threshold, or 10 min for activity data when off. */
export function detectionSeconds(s: Pick<ActivitySettings, 'idleMinutes'>): number {
  return (s.idleMinutes > 0 ? s.idleMinutes : 10) * 60;
}

/** The question still standing for this timer: one about another timer (stopped, replaced) is void. */
export function livePrompt(prompt: Prompt | null, timer: RunningTimer): Prompt | null {
  return prompt && timer && prompt.timerId === timer.id ? prompt : null;
}

/**
 * An idle period [start, end] while `timer` ran: the question it raises, merged with one still open. Only the part
 * of the period the timer ran counts, and only when it reaches the threshold.
 */
function raiseIdle(open: Prompt | null, start: number, end: number, timer: RunningTimer, thresholdMs: number): Prompt | null {
  if (!timer || thresholdMs <= 0) return open;
  const from = Math.max(start, timer.startedAt);
  if (end - from < thresholdMs) return open;
  // Still unanswered from an earlier period: one question from the first idle start to this return.
  if (open?.kind === 'idle') return { ...open, to: end, idleMs: open.idleMs + (end - from) };
  // A forgotten-timer reminder is superseded: the idle question offers its stop, and more.
  return { kind: 'idle', timerId: timer.id, from, to: end, idleMs: end - from };
}

export interface Observed {
  activity: Activity;
  prompt: Prompt | null;
  /** A question was raised or grown by this event (notify the user). */
  raised: boolean;
}

/**
 * The browser reports a new idle state at `at`. `detectionMs`: the interval it was asked for (it says 'idle' after
 * that long without input, so the period began that long before). `thresholdMs`: ask about idle periods at least
 * this long (0 = never).
 */
export function observe(
  activity: Activity,
  event: { state: IdleState; at: number },
  ctx: { detectionMs: number; thresholdMs: number; timer: RunningTimer; prompt: Prompt | null },
): Observed {
  const open = livePrompt(ctx.prompt, ctx.timer);
  const same = { activity, prompt: open, raised: false };
  if (event.state === 'active') {
    if (activity.state === 'active') return same;
    const start = activity.idleSince ?? event.at;
    const prompt = raiseIdle(open, start, event.at, ctx.timer, ctx.thresholdMs);
    return {
      activity: { ...activity, state: 'active', idleSince: null, untrackedSince: ctx.timer ? null : event.at },
      prompt,
      raised: prompt !== open,
    };
  }
  // Idle or locked: the period began at the earliest sign (locked while already idle keeps the idle start).
  const began = event.state === 'idle' ? event.at - ctx.detectionMs : event.at;
  const idleSince = activity.idleSince === null ? began : Math.min(activity.idleSince, began);
  if (activity.state === event.state && activity.idleSince === idleSince) return same;
  return { activity: { ...activity, state: event.state, idleSince, untrackedSince: null }, prompt: open, raised: false };
}

/** Minutes after local midnight of 'HH:MM', or null. */
export function clockMinutes(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The next day's key (calendar arithmetic, so a 23 h or 25 h DST day is still one day). */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dayKey(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1, 12).getTime());
}

/** The first end of day after a timer started ('HH:MM' local; a timer started after it runs to the next day's). */
export function endOfDayAfter(startedAt: number, endOfDay: string): number | null {
  const minute = clockMinutes(endOfDay);
  if (minute === null) return null;
  const day = dayKey(startedAt);
  const today = atMinute(day, minute);
  return startedAt < today ? today : atMinute(nextDay(day), minute);
}

/** Whether a timer started at `startedAt` is forgotten at `now`: past the end of its day, or running too long. */
export function isForgotten(startedAt: number, now: number, s: Pick<ActivitySettings, 'endOfDay' | 'maxTimerHours'>): boolean {
  if (s.maxTimerHours > 0 && now - startedAt >= s.maxTimerHours * HOUR) return true;
  const eod = endOfDayAfter(startedAt, s.endOfDay);
  return eod !== null && now >= eod;
}

/** Whether `now` falls in the working days and hours (local time). */
export function inWorkingHours(now: number, r: ActivitySettings['trackReminder']): boolean {
  const d = new Date(now);
  const from = clockMinutes(r.from);
  const to = clockMinutes(r.to);
  if (from === null || to === null || !r.days.includes(d.getDay())) return false;
  const minute = d.getHours() * 60 + d.getMinutes();
  return minute >= from && minute < to;
}

export interface Ticked {
  activity: Activity;
  prompt: Prompt | null;
  notify: 'forgotten' | 'track' | null;
}

/**
 * Once a minute (an alarm): a forgotten timer raises its reminder, once per timer, with the last activity as the
 * stop time (the start of the current idle period, or now when the user is active); activity with no timer raises
 * the reminder to track, in working hours, after the set minutes, never twice within the hour.
 */
export function tick(
  activity: Activity,
  ctx: { now: number; timer: RunningTimer; prompt: Prompt | null; settings: ActivitySettings },
): Ticked {
  const { now, timer, settings } = ctx;
  let prompt = livePrompt(ctx.prompt, timer);
  let next: Activity = activity;
  let notify: Ticked['notify'] = null;
  const untrackedSince = activity.state === 'active' && !timer ? (activity.untrackedSince ?? now) : null;
  if (untrackedSince !== activity.untrackedSince) next = { ...next, untrackedSince };

  if (timer && !prompt && next.forgottenFor !== timer.id && isForgotten(timer.startedAt, now, settings)) {
    const last = Math.max(timer.startedAt, next.state === 'active' ? now : (next.idleSince ?? now));
    prompt = { kind: 'forgotten', timerId: timer.id, from: last, to: now, idleMs: now - last };
    next = { ...next, forgottenFor: timer.id };
    notify = 'forgotten';
  }

  const r = settings.trackReminder;
  const due =
    r.enabled &&
    untrackedSince !== null &&
    now - untrackedSince >= r.afterMinutes * MINUTE &&
    (next.remindedAt === null || now - next.remindedAt >= HOUR || now < next.remindedAt) &&
    inWorkingHours(now, r);
  if (due) {
    next = { ...next, remindedAt: now };
    notify = notify ?? 'track';
  }
  return { activity: next, prompt, notify };
}
