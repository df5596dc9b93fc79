import { describe, expect, it } from 'vitest';
import { entry } from '../../test/support/entries';
import type { Entry } from './entry';
import { dismiss, MAX_SPAN_MS, NO_SEEN, report, SEEN_DAYS, type Seen, suggestionMinutes, suggestions } from './seen';
import { atMinute, DAY, dayKey, MINUTE } from './time';

const eng42 = { integration: 'jira', id: 'ENG-42', title: 'Login', url: 'https://acme.atlassian.net/browse/ENG-42' };
const eng7 = { integration: 'jira', id: 'ENG-7', title: 'Logout', url: 'https://acme.atlassian.net/browse/ENG-7' };
const DAY1 = '2026-03-03';
const at = (hh: number, mm = 0, ss = 0) => atMinute(DAY1, hh * 60 + mm) + ss * 1000;

/** Feeds reports in order: [tab, task, shown, time, active?]. */
function run(steps: [string, typeof eng42, boolean, number, boolean?][], from: Seen = NO_SEEN): Seen {
  let seen = from;
  for (const [tab, task, shown, now, active = true] of steps) seen = report(seen, { tab, task, shown, now, active }).seen;
  return seen;
}
const ms = (seen: Seen, day: string, key = 'jira:ENG-42') => seen.days[day]?.[key]?.ms ?? 0;

/** An entry on ENG-42 that day (no time unless given). */
const tracked = (over: Partial<Entry>): Entry => entry('e', { task: eng42, day: DAY1, durationMs: 0, ...over });

describe('time seen per task per day', () => {
  it('accrues the time between a tab’s reports while shown, and nothing while hidden', () => {
    const seen = run([
      ['1', eng42, true, at(9)],
      ['1', eng42, true, at(9, 0, 30)], // heartbeat: +30 s
      ['1', eng42, false, at(9, 0, 50)], // hidden: +20 s
      ['1', eng42, true, at(9, 30)], // shown again half an hour later: the hidden time is not counted
      ['1', eng42, false, at(9, 30, 10)], // +10 s
    ]);
    expect(ms(seen, DAY1)).toBe(60_000);
    expect(seen.tabs).toEqual({});
  });

  it('a span longer than MAX_SPAN_MS counts nothing: a tab gone silent (asleep, crashed) is not counted', () => {
    const seen = run([
      ['1', eng42, true, at(9)],
      ['1', eng42, false, at(11)],
    ]);
    expect(ms(seen, DAY1)).toBe(0); // two hours silent: nothing counted
    const late = run([
      ['1', eng42, true, at(9)],
      ['1', eng42, true, at(9, 0, 50)],
      ['1', eng42, true, at(9, 0, 50) + MAX_SPAN_MS], // a heartbeat missed: still counted
      ['1', eng42, true, at(9, 0, 50) + 2 * MAX_SPAN_MS + 1], // one span too long: not
    ]);
    expect(ms(late, DAY1)).toBe(50_000 + MAX_SPAN_MS);
  });

  it('counts nothing while the machine is idle or locked', () => {
    const seen = run([
      ['1', eng42, true, at(9)],
      ['1', eng42, true, at(9, 0, 30), false],
      ['1', eng42, true, at(9, 1), true],
    ]);
    expect(ms(seen, DAY1)).toBe(30_000);
  });

  it('never counts one moment twice: two tabs shown at once share the wall time; a clock set back counts nothing', () => {
    const seen = run([
      ['1', eng42, true, at(9)],
      ['2', eng7, true, at(9)],
      ['1', eng42, true, at(9, 0, 30)],
      ['2', eng7, true, at(9, 0, 30)],
      ['2', eng7, true, at(9, 1)],
      ['1', eng42, true, at(9, 1)],
    ]);
    expect(ms(seen, DAY1) + ms(seen, DAY1, 'jira:ENG-7')).toBe(60_000);
    const back = run([['1', eng42, true, at(8, 59)]], seen);
    expect(run([['1', eng42, true, at(9, 0, 30)]], back).days).toEqual(seen.days);
  });

  it('a day never holds more than its wall time', () => {
    let seen = NO_SEEN;
    for (let t = at(0); t <= at(23, 59, 59); t += 20_000) {
      seen = run(
        [
          ['1', eng42, true, t],
          ['2', eng7, true, t],
        ],
        seen,
      );
    }
    expect(ms(seen, DAY1) + ms(seen, DAY1, 'jira:ENG-7')).toBeLessThanOrEqual(DAY);
  });

  it('a span across midnight is split between the two days', () => {
    const seen = run([
      ['1', eng42, true, at(23, 59, 40)],
      ['1', eng42, false, at(23, 59, 40) + 40_000],
    ]);
    expect(ms(seen, DAY1)).toBe(20_000);
    expect(ms(seen, '2026-03-04')).toBe(20_000);
  });

  it('credits only the task the span was opened for (another task on the tab starts a new span)', () => {
    const seen = run([
      ['1', eng42, true, at(9)],
      ['1', eng7, true, at(9, 0, 30)],
      ['1', eng7, false, at(9, 1)],
    ]);
    expect(ms(seen, DAY1)).toBe(0);
    expect(ms(seen, DAY1, 'jira:ENG-7')).toBe(30_000);
  });

  it(`keeps ${SEEN_DAYS} days: today and the ${SEEN_DAYS - 1} before`, () => {
    let seen = NO_SEEN;
    const start = at(10);
    for (let d = 0; d < 20; d++) {
      const t = start + d * DAY;
      seen = run(
        [
          ['1', eng42, true, t],
          ['1', eng42, false, t + 10_000],
        ],
        seen,
      );
    }
    const last = start + 19 * DAY;
    const days = Object.keys(seen.days).sort();
    expect(days).toHaveLength(SEEN_DAYS);
    expect(days[0]).toBe(dayKey(last - (SEEN_DAYS - 1) * DAY));
    expect(days.at(-1)).toBe(dayKey(last));
  });

  it('keeps a page’s title short and no meeting span', () => {
    const long = { ...eng42, title: 'x'.repeat(1000), span: { day: DAY1 } };
    const seen = run([
      ['1', long, true, at(9)],
      ['1', long, false, at(9, 0, 10)],
    ]);
    const kept = seen.days[DAY1]?.['jira:ENG-42']?.task;
    expect(kept?.title).toHaveLength(200);
    expect(kept && 'span' in kept).toBe(false);
  });
});

describe('suggestions: untracked = seen − tracked', () => {
  const items = { 'jira:ENG-42': { task: eng42, ms: 35 * MINUTE }, 'jira:ENG-7': { task: eng7, ms: 50 * MINUTE } };

  it('subtracts the task’s entries of that day and the running timer’s time today, most untracked first', () => {
    const list = suggestions(
      items,
      DAY1,
      [
        tracked({ durationMs: 10 * MINUTE }),
        tracked({ day: '2026-03-02', durationMs: 60 * MINUTE }), // another day: not this day's tracking
        tracked({ task: null, durationMs: 60 * MINUTE }),
      ],
      tracked({ task: eng7, running: true, startedAt: at(9), day: DAY1 }),
      at(9, 20),
    );
    expect(list.map((s) => [s.key, s.ms])).toEqual([
      ['jira:ENG-7', 30 * MINUTE],
      ['jira:ENG-42', 25 * MINUTE],
    ]);
  });

  it('a timer started yesterday counts only since midnight', () => {
    const list = suggestions(items, DAY1, [], tracked({ task: eng7, running: true, startedAt: at(0) - 5 * 60 * MINUTE }), at(0, 10));
    expect(list.find((s) => s.key === 'jira:ENG-7')?.ms).toBe(40 * MINUTE);
  });

  it('hides what is under a minute, fully tracked, or dismissed', () => {
    const small = { 'jira:ENG-42': { task: eng42, ms: 59_999 } };
    expect(suggestions(small, DAY1, [], null, at(12))).toEqual([]);
    expect(suggestions(items, DAY1, [tracked({ durationMs: 35 * MINUTE })], null, at(12)).map((s) => s.key)).toEqual(['jira:ENG-7']);
    const seen: Seen = { ...NO_SEEN, days: { [DAY1]: items } };
    expect(suggestions(dismiss(seen, DAY1, 'jira:ENG-7').days[DAY1], DAY1, [], null, at(12)).map((s) => s.key)).toEqual(['jira:ENG-42']);
  });

  it('an entry made from a suggestion leaves less than a minute untracked', () => {
    for (const seenMs of [60_000, 89_999, 90_000, 35 * MINUTE + 29_999, 35 * MINUTE + 30_000]) {
      const made = tracked({ durationMs: suggestionMinutes(seenMs) * MINUTE });
      expect(suggestions({ 'jira:ENG-42': { task: eng42, ms: seenMs } }, DAY1, [made], null, at(12))).toEqual([]);
    }
  });
});
