import { afterAll, describe, expect, it } from 'vitest';
import { entry } from '../../test/support/entries';
import type { Entry } from './entry';
import { dayKey, HOUR, MINUTE } from './time';
import { barPercent, startOfWeek, summarizeProjects, summarizeWeek, weekDays, weekStartOf } from './week';

/**
 * Assertions hold in any time zone: dates are built on the local calendar (new Date(y, m, d, h)). The whole
 * suite also runs under zones with DST changes (and one without), so the DST weeks are really exercised.
 */

const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);
const key = (y: number, m: number, d: number) => dayKey(local(y, m, d).getTime());

let n = 0;
/** `ms` spent on `day`, each entry with an id of its own. */
const spent = (day: string, ms: number, extra: Partial<Entry> = {}): Entry => entry(`e${++n}`, { day, durationMs: ms, ...extra });

const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

describe.each(['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'])('week in %s', (tz) => {
  // Node re-reads TZ when it is assigned.
  const inZone = (fn: () => void) => () => {
    process.env.TZ = tz;
    fn();
  };

  it(
    'starts on Monday by default, and on the chosen day otherwise',
    inZone(() => {
      // Wednesday 2026-03-04
      expect(dayKey(startOfWeek(local(2026, 3, 4)).getTime())).toBe(key(2026, 3, 2));
      expect(dayKey(startOfWeek(local(2026, 3, 4), 0).getTime())).toBe(key(2026, 3, 1));
      expect(dayKey(startOfWeek(local(2026, 3, 4), 6).getTime())).toBe(key(2026, 2, 28));
      // A Monday is its own week start; a Sunday belongs to the week before (Monday start).
      expect(dayKey(startOfWeek(local(2026, 3, 2, 0, 0)).getTime())).toBe(key(2026, 3, 2));
      expect(dayKey(startOfWeek(local(2026, 3, 8, 23, 59)).getTime())).toBe(key(2026, 3, 2));
      expect(startOfWeek(local(2026, 3, 4, 18)).getHours()).toBe(0);
    }),
  );

  it(
    'has exactly 7 consecutive days across a spring-forward DST change (Europe and US)',
    inZone(() => {
      // Europe springs forward on Sunday 2024-03-31, the US on Sunday 2024-03-10.
      expect(weekDays(local(2024, 3, 31, 3, 30))).toEqual([
        '2024-03-25',
        '2024-03-26',
        '2024-03-27',
        '2024-03-28',
        '2024-03-29',
        '2024-03-30',
        '2024-03-31',
      ]);
      expect(weekDays(local(2024, 4, 1, 0, 30))[0]).toBe('2024-04-01');
      expect(weekDays(local(2024, 3, 10, 12))).toEqual([
        '2024-03-04',
        '2024-03-05',
        '2024-03-06',
        '2024-03-07',
        '2024-03-08',
        '2024-03-09',
        '2024-03-10',
      ]);
    }),
  );

  it(
    'has exactly 7 consecutive days across a fall-back DST change, where a day lasts 25 hours',
    inZone(() => {
      // Europe falls back on Sunday 2024-10-27; the naive "+ 7 × 24 h" lands on Sunday 23:00, not Monday.
      const days = weekDays(local(2024, 10, 27, 22));
      expect(days).toEqual(['2024-10-21', '2024-10-22', '2024-10-23', '2024-10-24', '2024-10-25', '2024-10-26', '2024-10-27']);
      expect(weekDays(local(2024, 10, 28, 0, 30))[0]).toBe('2024-10-28');
      // Australia (southern hemisphere) falls back on Sunday 2024-04-07.
      expect(weekDays(local(2024, 4, 7, 23, 30))[6]).toBe('2024-04-07');
      expect(weekDays(local(2024, 11, 3, 1, 30))).toContain('2024-11-03'); // US fall-back day
    }),
  );

  it(
    'sums per day and the week total, leaving out the days of the weeks around it',
    inZone(() => {
      const list = [
        spent('2024-10-20', 5 * HOUR), // Sunday of the week before: out
        spent('2024-10-21', 90 * MINUTE),
        spent('2024-10-21', 30 * MINUTE),
        spent('2024-10-27', 2 * HOUR), // the 25-hour Sunday
        spent('2024-10-28', 7 * HOUR), // Monday of the next week: out
      ];
      const sum = summarizeWeek(list, null, local(2024, 10, 27, 23, 30).getTime());
      expect(sum.days.map((d) => d.ms)).toEqual([2 * HOUR, 0, 0, 0, 0, 0, 2 * HOUR]);
      expect(sum.totalMs).toBe(4 * HOUR);
      // One minute into Monday, the next week: only Monday's entry.
      const next = summarizeWeek(list, null, local(2024, 10, 28, 0, 1).getTime());
      expect(next.days[0]).toEqual({ day: '2024-10-28', ms: 7 * HOUR });
      expect(next.totalMs).toBe(7 * HOUR);
    }),
  );

  it(
    'counts the running timer live, for the day it started, once',
    inZone(() => {
      const started = local(2024, 3, 30, 23, 0).getTime(); // Saturday before the Europe spring-forward night
      const now = started + 90 * MINUTE;
      const running = spent(dayKey(started), 0, { running: true, startedAt: started });
      const sum = summarizeWeek([running, spent(dayKey(started), HOUR)], running, now);
      expect(sum.days[5]).toEqual({ day: '2024-03-30', ms: HOUR + 90 * MINUTE });
      expect(sum.totalMs).toBe(HOUR + 90 * MINUTE);
    }),
  );

  it(
    'honours another week start across a year boundary',
    inZone(() => {
      const sum = summarizeWeek([spent('2025-12-28', HOUR), spent('2026-01-03', 2 * HOUR)], null, local(2026, 1, 1).getTime(), 0);
      expect(sum.days.map((d) => d.day)).toEqual([
        '2025-12-28',
        '2025-12-29',
        '2025-12-30',
        '2025-12-31',
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
      ]);
      expect(sum.totalMs).toBe(3 * HOUR);
    }),
  );
});

describe('weekStartOf', () => {
  it('accepts monday, sunday and 0..6, and falls back to Monday', () => {
    expect(weekStartOf(0)).toBe(0);
    expect(weekStartOf(6)).toBe(6);
    expect(weekStartOf(7)).toBe(1);
    expect(weekStartOf('0')).toBe(1);
    expect(weekStartOf(undefined)).toBe(1);
    expect(weekStartOf('sunday')).toBe(0);
    expect(weekStartOf('monday')).toBe(1);
  });
});

describe('the week chart scale', () => {
  it('is at least a workday: a minute is a sliver, not a full bar', () => {
    expect(barPercent(60_000, [{ ms: 60_000 }, { ms: 0 }])).toBe(0);
    expect(barPercent(4 * 3_600_000, [{ ms: 4 * 3_600_000 }])).toBe(50);
    expect(barPercent(10 * 3_600_000, [{ ms: 10 * 3_600_000 }, { ms: 5 * 3_600_000 }])).toBe(100);
    expect(barPercent(5 * 3_600_000, [{ ms: 10 * 3_600_000 }, { ms: 5 * 3_600_000 }])).toBe(50);
    expect(barPercent(0, [])).toBe(0);
  });
});

describe('summarizeProjects', () => {
  const booking = (projectId: string, taskId: string, projectName = '') => ({
    accountId: 'harvest:1',
    projectId,
    taskId,
    projectName,
    taskName: '',
  });
  const now = local(2025, 3, 12).getTime(); // a Wednesday

  it('sums each booking over the week, longest first, with the same total as the days', () => {
    const list = [
      spent(key(2025, 3, 10), HOUR, { booking: booking('p1', 't1', 'Website') }),
      spent(key(2025, 3, 11), 30 * MINUTE, { booking: booking('p1', 't1') }),
      spent(key(2025, 3, 12), 2 * HOUR, { booking: booking('p2', '') }),
      spent(key(2025, 3, 12), 15 * MINUTE),
      // last week: not counted
      spent(key(2025, 3, 9), 5 * HOUR, { booking: booking('p1', 't1') }),
    ];
    const running = spent(key(2025, 3, 12), 0, { running: true, startedAt: now - 10 * MINUTE, booking: booking('p2', '') });
    const projects = summarizeProjects(list, running, now);
    expect(projects.map((p) => [p.key, p.ms])).toEqual([
      ['harvest:1|p2|', 2 * HOUR + 10 * MINUTE],
      ['harvest:1|p1|t1', HOUR + 30 * MINUTE],
      ['local', 15 * MINUTE],
    ]);
    expect(projects[1]?.booking?.projectName).toBe('Website');
    const total = projects.reduce((s, p) => s + p.ms, 0);
    expect(total).toBe(summarizeWeek(list, running, now).totalMs);
  });

  it('follows the week start', () => {
    const sunday = spent(key(2025, 3, 9), HOUR, { booking: booking('p1', 't1') });
    expect(summarizeProjects([sunday], null, now, 1)).toEqual([]);
    expect(summarizeProjects([sunday], null, now, 0).map((p) => p.ms)).toEqual([HOUR]);
  });
});
