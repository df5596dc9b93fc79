import { describe, expect, it } from 'vitest';
import { prefill } from './span';
import { parseManualTime } from './time';
import { renderNotes } from './tracker';

// The unit project's time zone is whatever the machine has: every expectation is written in local time.
const at = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('prefill', () => {
  it('is today and empty without a span (a timer)', () => {
    expect(prefill(undefined, at(2026, 3, 10, 15))).toEqual({ time: '', day: '2026-03-10' });
  });

  it('gives a timed event its own date and its range, which the time field reads back', () => {
    const p = prefill({ start: at(2026, 2, 3, 9), end: at(2026, 2, 3, 10, 30) }, at(2026, 3, 10, 15));
    expect(p).toEqual({ time: '9:00-10:30', day: '2026-02-03' });
    expect(parseManualTime(p.time)).toMatchObject({ ok: true, value: { kind: 'range', startMinute: 540, endMinute: 630 } });
  });

  it('gives an all-day event its date and no range', () => {
    expect(prefill({ day: '2026-12-24' }, at(2026, 3, 10, 15))).toEqual({ time: '', day: '2026-12-24' });
  });

  it('gives an event past midnight its start date and its length', () => {
    expect(prefill({ start: at(2026, 3, 10, 23), end: at(2026, 3, 11, 0, 45) }, 0)).toEqual({ time: '1:45', day: '2026-03-10' });
  });
});

describe('a meeting’s notes', () => {
  it('are its title, whatever the template', () => {
    const task = { integration: 'google-calendar', id: 'abc_20260310T130000Z', title: ' Standup ', url: 'https://calendar.google.com/' };
    expect(renderNotes('#{id} {title}', { ...task, span: { day: '2026-03-10' } })).toBe('Standup');
    expect(renderNotes('#{id} {title}', { ...task, title: 'Standup' })).toBe('#abc_20260310T130000Z Standup');
  });
});
