import { afterAll, describe, expect, it } from 'vitest';
import {
  type Activity,
  type ActivitySettings,
  endOfDayAfter,
  inWorkingHours,
  isForgotten,
  livePrompt,
  NO_ACTIVITY,
  observe,
  type Prompt,
  tick,
} from './activity';
import { HOUR, MINUTE } from './time';

const T0 = Date.UTC(2026, 10, 23, 8); // a Monday
const timer = { id: 'run1', startedAt: T0 };
const TEN = 10 * MINUTE;
const ctx = (over: Partial<Parameters<typeof observe>[2]> = {}) => ({ detectionMs: TEN, thresholdMs: TEN, timer, prompt: null, ...over });

/** Feeds events in order; the last result. */
function feed(events: [Activity['state'], number][], c = ctx()) {
  let activity = NO_ACTIVITY;
  let prompt: Prompt | null = c.prompt;
  let raised = false;
  for (const [state, at] of events) {
    const out = observe(activity, { state, at }, { ...c, prompt });
    activity = out.activity;
    prompt = out.prompt;
    raised = out.raised;
  }
  return { activity, prompt, raised };
}

describe('idle periods', () => {
  it('dates an idle report back by the detection interval, and asks on return', () => {
    // 'idle' is reported at 9:10 after 10 min without input: the idle time began at 9:00.
    const out = feed([
      ['idle', T0 + HOUR + TEN],
      ['active', T0 + HOUR + 25 * MINUTE],
    ]);
    expect(out.raised).toBe(true);
    expect(out.prompt).toEqual({ kind: 'idle', timerId: 'run1', from: T0 + HOUR, to: T0 + HOUR + 25 * MINUTE, idleMs: 25 * MINUTE });
    expect(out.activity).toMatchObject({ state: 'active', idleSince: null, untrackedSince: null });
  });

  it('asks only from the threshold on: a shorter lock asks nothing', () => {
    expect(
      feed([
        ['locked', T0 + HOUR],
        ['active', T0 + HOUR + TEN - 1],
      ]).prompt,
    ).toBeNull();
    expect(
      feed([
        ['locked', T0 + HOUR],
        ['active', T0 + HOUR + TEN],
      ]).prompt,
    ).toMatchObject({ from: T0 + HOUR, idleMs: TEN });
  });

  it('counts a locked screen as idle, from the lock (or from the idle start when locked while idle)', () => {
    const locked = feed([
      ['locked', T0 + HOUR],
      ['active', T0 + 2 * HOUR],
    ]);
    expect(locked.prompt).toMatchObject({ from: T0 + HOUR, to: T0 + 2 * HOUR });
    // Idle at 9:10 (since 9:00), locked at 9:30, back at 10:00: one period from 9:00.
    const both = feed([
      ['idle', T0 + HOUR + TEN],
      ['locked', T0 + HOUR + 30 * MINUTE],
      ['active', T0 + 2 * HOUR],
    ]);
    expect(both.prompt).toMatchObject({ from: T0 + HOUR, to: T0 + 2 * HOUR, idleMs: HOUR });
    // Locked first, then the idle report (whose computed start is later): still from the lock.
    const lockedFirst = feed([
      ['locked', T0 + HOUR],
      ['idle', T0 + HOUR + 15 * MINUTE],
      ['active', T0 + 2 * HOUR],
    ]);
    expect(lockedFirst.prompt).toMatchObject({ from: T0 + HOUR });
  });

  it('never asks when the threshold is off or no timer runs; then the return starts untracked activity', () => {
    expect(
      feed(
        [
          ['locked', T0 + HOUR],
          ['active', T0 + 3 * HOUR],
        ],
        ctx({ thresholdMs: 0 }),
      ).prompt,
    ).toBeNull();
    const none = feed(
      [
        ['locked', T0 + HOUR],
        ['active', T0 + 3 * HOUR],
      ],
      ctx({ timer: null }),
    );
    expect(none.prompt).toBeNull();
    expect(none.activity.untrackedSince).toBe(T0 + 3 * HOUR);
  });

  it('counts only the part of a period the timer ran', () => {
    const late = { id: 'run2', startedAt: T0 + HOUR + 55 * MINUTE };
    // Idle from 9:00 to 10:00, but the timer (started elsewhere) ran only its last 5 minutes: below the threshold.
    expect(
      feed(
        [
          ['locked', T0 + HOUR],
          ['active', T0 + 2 * HOUR],
        ],
        ctx({ timer: late }),
      ).prompt,
    ).toBeNull();
    const earlier = { id: 'run3', startedAt: T0 + HOUR + 30 * MINUTE };
    expect(
      feed(
        [
          ['locked', T0 + HOUR],
          ['active', T0 + 2 * HOUR],
        ],
        ctx({ timer: earlier }),
      ).prompt,
    ).toMatchObject({
      from: T0 + HOUR + 30 * MINUTE,
      idleMs: 30 * MINUTE,
    });
  });

  it('merges a second idle period into the question still open, adding up the idle time', () => {
    const out = feed([
      ['locked', T0 + HOUR],
      ['active', T0 + HOUR + 20 * MINUTE],
      ['locked', T0 + HOUR + 30 * MINUTE],
      ['active', T0 + HOUR + 45 * MINUTE],
    ]);
    expect(out.raised).toBe(true);
    expect(out.prompt).toEqual({ kind: 'idle', timerId: 'run1', from: T0 + HOUR, to: T0 + HOUR + 45 * MINUTE, idleMs: 35 * MINUTE });
  });

  it('drops a question about a timer that is no longer the one running', () => {
    const old: Prompt = { kind: 'idle', timerId: 'gone', from: T0, to: T0 + HOUR, idleMs: HOUR };
    expect(livePrompt(old, timer)).toBeNull();
    expect(livePrompt(old, null)).toBeNull();
    expect(
      feed(
        [
          ['locked', T0 + HOUR],
          ['active', T0 + 2 * HOUR],
        ],
        ctx({ prompt: old }),
      ).prompt,
    ).toMatchObject({ timerId: 'run1' });
    // A repeated report changes nothing.
    const a = observe(NO_ACTIVITY, { state: 'active', at: T0 }, ctx());
    expect(a.raised).toBe(false);
    expect(a.activity).toBe(NO_ACTIVITY);
  });
});

const settings: ActivitySettings = {
  idleMinutes: 10,
  endOfDay: '',
  maxTimerHours: 0,
  trackReminder: { enabled: true, days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', afterMinutes: 15 },
};

const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});
const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('forgotten timers', () => {
  it('reminds of a timer running longer than the set hours, once, with the last activity as the stop time', () => {
    const s = { ...settings, maxTimerHours: 8 };
    const idle: Activity = { ...NO_ACTIVITY, state: 'locked', idleSince: T0 + 7 * HOUR };
    expect(tick(idle, { now: T0 + 8 * HOUR - 1, timer, prompt: null, settings: s }).notify).toBeNull();
    const out = tick(idle, { now: T0 + 8 * HOUR, timer, prompt: null, settings: s });
    expect(out.notify).toBe('forgotten');
    expect(out.prompt).toEqual({ kind: 'forgotten', timerId: 'run1', from: T0 + 7 * HOUR, to: T0 + 8 * HOUR, idleMs: HOUR });
    // Answered (keep): the next minute does not ask again for this timer.
    const again = tick(out.activity, { now: T0 + 9 * HOUR, timer, prompt: null, settings: s });
    expect(again.notify).toBeNull();
    expect(again.prompt).toBeNull();
    // While active, the last activity is now.
    const active = tick(NO_ACTIVITY, { now: T0 + 9 * HOUR, timer, prompt: null, settings: s });
    expect(active.prompt).toMatchObject({ from: T0 + 9 * HOUR });
    // An open idle question is not replaced.
    const open: Prompt = { kind: 'idle', timerId: 'run1', from: T0, to: T0 + HOUR, idleMs: HOUR };
    expect(tick(NO_ACTIVITY, { now: T0 + 9 * HOUR, timer, prompt: open, settings: s }).prompt).toBe(open);
  });

  it.each(['Europe/Paris', 'America/New_York', 'UTC'])('uses the local end of the day, across DST changes (%s)', (tz) => {
    process.env.TZ = tz;
    // Europe: 2026-03-29 springs forward; the US: 2026-03-08; autumn 2026-10-25 / 2026-11-01.
    for (const [y, mo, d] of [
      [2026, 3, 29],
      [2026, 3, 8],
      [2026, 10, 25],
      [2026, 11, 1],
    ] as const) {
      const start = local(y, mo, d, 9);
      expect(endOfDayAfter(start, '18:00')).toBe(local(y, mo, d, 18));
      expect(isForgotten(start, local(y, mo, d, 17, 59), { endOfDay: '18:00', maxTimerHours: 0 })).toBe(false);
      expect(isForgotten(start, local(y, mo, d, 18), { endOfDay: '18:00', maxTimerHours: 0 })).toBe(true);
      // Started after the end of the day: the next day's, one calendar day later whatever the day's length.
      expect(endOfDayAfter(local(y, mo, d, 19), '18:00')).toBe(local(y, mo, d + 1, 18));
    }
    // A timer started at 00:30 on the night the clocks go back is not forgotten before that evening.
    expect(isForgotten(local(2026, 10, 25, 0, 30), local(2026, 10, 25, 17), { endOfDay: '18:00', maxTimerHours: 0 })).toBe(false);
    expect(endOfDayAfter(T0, '')).toBeNull();
    expect(endOfDayAfter(T0, '25:00')).toBeNull();
  });
});

describe('the reminder to track', () => {
  const monday10 = () => local(2026, 11, 23, 10);
  it('reminds once after the set minutes of activity with no timer, then not again within the hour', () => {
    process.env.TZ = 'Europe/Paris';
    const start = monday10();
    let a = tick(NO_ACTIVITY, { now: start, timer: null, prompt: null, settings }).activity;
    expect(a.untrackedSince).toBe(start);
    expect(tick(a, { now: start + 15 * MINUTE - 1, timer: null, prompt: null, settings }).notify).toBeNull();
    const first = tick(a, { now: start + 15 * MINUTE, timer: null, prompt: null, settings });
    expect(first.notify).toBe('track');
    a = first.activity;
    expect(tick(a, { now: start + 15 * MINUTE + HOUR - 1, timer: null, prompt: null, settings }).notify).toBeNull();
    expect(tick(a, { now: start + 15 * MINUTE + HOUR, timer: null, prompt: null, settings }).notify).toBe('track');
  });

  it('stays quiet when off, outside working days or hours, while idle or while a timer runs', () => {
    process.env.TZ = 'Europe/Paris';
    const long: Activity = { ...NO_ACTIVITY, untrackedSince: monday10() - 2 * HOUR };
    const at = (now: number, over: Partial<ActivitySettings> = {}, a = long, t: typeof timer | null = null) =>
      tick(a, { now, timer: t, prompt: null, settings: { ...settings, ...over } }).notify;
    expect(at(monday10())).toBe('track');
    expect(at(monday10(), { trackReminder: { ...settings.trackReminder, enabled: false } })).toBeNull();
    expect(at(local(2026, 11, 22, 10))).toBeNull(); // Sunday
    expect(at(local(2026, 11, 23, 8, 59))).toBeNull();
    expect(at(local(2026, 11, 23, 18))).toBeNull();
    expect(at(monday10(), {}, { ...long, state: 'idle', idleSince: monday10() - MINUTE })).toBeNull();
    const running = tick(long, { now: monday10(), timer, prompt: null, settings });
    expect(running.notify).toBeNull();
    expect(running.activity.untrackedSince).toBeNull();
    expect(inWorkingHours(monday10(), { ...settings.trackReminder, from: 'bad' })).toBe(false);
  });
});
