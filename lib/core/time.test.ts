import { describe, expect, it } from 'vitest';
import { atMinute, dayKey, formatDuration, parseClock, parseManualTime, roundUpMinutes } from './time';

const minutes = (input: string) => {
  const r = parseManualTime(input);
  if (!r.ok) throw new Error(r.error);
  return r.value.minutes;
};

describe('parseManualTime', () => {
  it.each([
    ['1:30', 90],
    ['0:05', 5],
    ['1.5', 90],
    ['1,5', 90],
    ['.25', 15],
    ['2', 120],
    ['1.5h', 90],
    ['1.5 hours', 90],
    ['90m', 90],
    ['90 min', 90],
    ['1h 30m', 90],
    ['1h30', 90],
    ['  1h   30m  ', 90],
    ['9:00-10:30', 90],
    ['9:00 - 10:30', 90],
    ['9am-10:30am', 90],
    ['11:30am-1pm', 90],
    ['12pm-12:45pm', 45],
    ['12am-1am', 60],
    ['9:00–10:30', 90],
    ['9 to 10', 60],
  ])('%s → %i minutes', (input, expected) => {
    expect(minutes(input)).toBe(expected);
  });

  it('keeps the clock range', () => {
    expect(parseManualTime('9:00-10:30')).toEqual({ ok: true, value: { kind: 'range', startMinute: 540, endMinute: 630, minutes: 90 } });
  });

  it.each([
    ['', 'Enter a time.'],
    ['abc', '"abc" is not a duration.'],
    ['1:75', '"1:75" is not a duration.'],
    ['10:30-9:00', 'ends before it starts'],
    ['25:00-26:00', 'is not a time range'],
    ['13pm-2pm', 'is not a time range'],
    ['0', 'more than zero'],
    ['0:00', 'more than zero'],
    ['25h', 'longer than 24 hours'],
    ['-1', 'is not a duration'],
    ['1h 75m', 'is not a duration'],
    ['9:00-', 'is not a duration'],
    ['x'.repeat(500), 'is not a time'],
    ['1e3', 'is not a duration'],
    ['Infinity', 'is not a duration'],
    ['<script>', 'is not a duration'],
  ])('%j is refused with a clear message', (input, message) => {
    const r = parseManualTime(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error).toContain('Use 1:30, 1.5');
    }
  });

  it('never throws, whatever it is given', () => {
    for (const s of ['\u0000', '١:٣٠', '💥', '9:00-10:30-11:00', ' - ', '1.2.3', ':30', '99999999999999999999h']) {
      expect(() => parseManualTime(s)).not.toThrow();
    }
  });
});

describe('clock and formatting', () => {
  it('parses clock times', () => {
    expect(parseClock('9')).toBe(540);
    expect(parseClock('21:15')).toBe(1275);
    expect(parseClock('12:30am')).toBe(30);
    expect(parseClock('24:00')).toBeNull();
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(90 * 60_000)).toBe('1:30');
    expect(formatDuration(3_725_000, true)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('builds local days and times', () => {
    const t = atMinute('2026-03-29', 9 * 60 + 30);
    expect(dayKey(t)).toBe('2026-03-29');
    expect(new Date(t).getHours()).toBe(9);
    expect(new Date(t).getMinutes()).toBe(30);
  });

  it('rounds up', () => {
    expect(roundUpMinutes(7, 15)).toBe(15);
    expect(roundUpMinutes(15, 15)).toBe(15);
    expect(roundUpMinutes(7, 0)).toBe(7);
  });
});
