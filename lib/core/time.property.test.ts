import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, MINUTE, parseClock, parseManualTime } from './time';

/**
 * Property-based fuzz of what people type into the time field (fast-check). The parsers face arbitrary text
 * (pasted, IME, emoji, control characters): they must never throw, must explain every refusal, and whatever
 * they accept must be a sane duration. Example-based cases live in time.test.ts.
 */

const RUNS = { numRuns: 2000 };

/** Arbitrary text: ASCII, full Unicode (lone surrogates included) and graphemes, short and long. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ maxLength: 2000 }),
);

/** Text that looks like a time: the field's own vocabulary, shuffled. Reaches the parsers' deeper branches. */
const timeish = fc
  .array(
    fc.constantFrom(
      ...'0123456789'.split(''),
      ':',
      '.',
      ',',
      ' ',
      '-',
      '–',
      '—',
      'to',
      'h',
      'hr',
      'hrs',
      'hours',
      'm',
      'min',
      'minutes',
      'am',
      'pm',
      'a',
      'p',
      '\t',
      '+',
      'e',
      'Infinity',
      'NaN',
      '0x',
      '٣',
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

const input = fc.oneof(anyText, timeish);

const pad = (n: number) => String(n).padStart(2, '0');
const clock24 = (minute: number) => `${Math.floor(minute / 60)}:${pad(minute % 60)}`;
const clock12 = (minute: number) => {
  const h = Math.floor(minute / 60);
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(minute % 60)}${h < 12 ? 'am' : 'pm'}`;
};

describe('parseManualTime, any input', () => {
  it('never throws; refuses with a message, or gives 0 < minutes ≤ 24 h', () => {
    fc.assert(
      fc.property(input, (text) => {
        const r = parseManualTime(text);
        if (!r.ok) {
          expect(typeof r.error).toBe('string');
          expect(r.error.trim().length).toBeGreaterThan(0);
          // The message quotes the input at most briefly (a pasted novel is not echoed back).
          expect(r.error.length).toBeLessThan(400);
          return;
        }
        const v = r.value;
        expect(Number.isInteger(v.minutes)).toBe(true);
        expect(v.minutes).toBeGreaterThan(0);
        expect(v.minutes).toBeLessThanOrEqual(1440);
        if (v.kind === 'range') {
          expect(v.startMinute).toBeGreaterThanOrEqual(0);
          expect(v.endMinute).toBeLessThan(1440);
          expect(v.endMinute - v.startMinute).toBe(v.minutes);
        }
      }),
      RUNS,
    );
  });

  it('ignores surrounding and repeated whitespace', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(' ', '  ', '\t', '\n', ' \t '), (text, ws) => {
        expect(parseManualTime(`${ws}${text}${ws}`)).toEqual(parseManualTime(text));
      }),
      RUNS,
    );
  });
});

describe('parseClock, any input', () => {
  it('never throws; gives null or a minute of the day', () => {
    fc.assert(
      fc.property(input, (text) => {
        const m = parseClock(text);
        if (m === null) return;
        expect(Number.isInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThan(1440);
      }),
      RUNS,
    );
  });

  it('reads back every minute of the day, 24 h and 12 h', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), (minute) => {
        expect(parseClock(clock24(minute))).toBe(minute);
        expect(parseClock(clock12(minute))).toBe(minute);
        expect(parseClock(clock12(minute).toUpperCase())).toBe(minute);
      }),
    );
  });
});

describe('round trips', () => {
  const minutes = fc.integer({ min: 1, max: 1440 });

  it('formatDuration → parseManualTime gives the same minutes', () => {
    fc.assert(
      fc.property(minutes, fc.integer({ min: 0, max: 59_999 }), (m, extraMs) => {
        // What the popup shows for an entry (h:mm, seconds dropped) is what the field reads back.
        const r = parseManualTime(formatDuration(m * MINUTE + extraMs));
        expect(r).toEqual({ ok: true, value: { kind: 'duration', minutes: m } });
      }),
    );
  });

  it('minutes, decimal hours and "1h 30m" spellings give the same minutes', () => {
    fc.assert(
      fc.property(minutes, (m) => {
        const same = (text: string) => expect(parseManualTime(text), text).toEqual({ ok: true, value: { kind: 'duration', minutes: m } });
        same(`${m}m`);
        same(`${m} minutes`);
        same(`${(m / 60).toFixed(2)}`);
        same(`${(m / 60).toFixed(2).replace('.', ',')}h`);
        if (m % 60 !== 0 && m > 60) same(`${Math.floor(m / 60)}h ${m % 60}m`);
      }),
    );
  });

  it('a range reads back its bounds, in either clock, with any dash', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    fc.assert(
      fc.property(range, fc.constantFrom('-', ' - ', '–', '—', ' to '), fc.boolean(), ([start, end], dash, twelve) => {
        const fmt = twelve ? clock12 : clock24;
        expect(parseManualTime(`${fmt(start)}${dash}${fmt(end)}`)).toEqual({
          ok: true,
          value: { kind: 'range', startMinute: start, endMinute: end, minutes: end - start },
        });
        // Backwards is refused with a reason, never a negative duration.
        const back = parseManualTime(`${fmt(end)}${dash}${fmt(start)}`);
        expect(back.ok).toBe(false);
      }),
    );
  });
});
