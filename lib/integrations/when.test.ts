import { describe, expect, it } from 'vitest';
import { readWhen } from './when';

const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('readWhen', () => {
  it.each([
    // Google Calendar's popover (the year comes from the view's URL)
    ['Tuesday, March 10⋅9:00 – 10:30am', local(2026, 3, 10, 9), local(2026, 3, 10, 10, 30)],
    ['Tuesday, March 10 ⋅ 9 – 10am', local(2026, 3, 10, 9), local(2026, 3, 10, 10)],
    ['Tuesday, March 10⋅11:30am – 12:30pm', local(2026, 3, 10, 11, 30), local(2026, 3, 10, 12, 30)],
    ['Tuesday, March 10⋅11 – 12:30pm', local(2026, 3, 10, 11), local(2026, 3, 10, 12, 30)],
    ['Tuesday, March 10⋅1:15 – 2pm', local(2026, 3, 10, 13, 15), local(2026, 3, 10, 14)],
    ['Friday, March 13, 2026⋅11pm – 12:30am', local(2026, 3, 13, 23), local(2026, 3, 14, 0, 30)],
    // Outlook's reading pane (en-US)
    ['Tue 3/10/2026 2:00 PM - 3:30 PM', local(2026, 3, 10, 14), local(2026, 3, 10, 15, 30)],
    // 24-hour layouts, ISO dates
    ['2026-03-10 09:05–17:45', local(2026, 3, 10, 9, 5), local(2026, 3, 10, 17, 45)],
    // Several days
    ['March 10, 2026, 10pm – March 11, 2026, 2am', local(2026, 3, 10, 22), local(2026, 3, 11, 2)],
  ])('%s', (text, start, end) => {
    expect(readWhen(text, 2026)).toEqual({ start, end });
  });

  it('honours a GMT offset the text names (an event in another time zone)', () => {
    expect(readWhen('Mar 10, 2026 9:00am – 10:00am (GMT+01:00) Central European Time - Paris', 2000)).toEqual({
      start: utc(2026, 3, 10, 8),
      end: utc(2026, 3, 10, 9),
    });
    expect(readWhen('Tue 3/10/2026 9:00 AM - 9:30 AM (UTC-05:00) Eastern Time', 2026)).toEqual({
      start: utc(2026, 3, 10, 14),
      end: utc(2026, 3, 10, 14, 30),
    });
    expect(readWhen('March 10, 2026 12:00 – 13:00 GMT', 2026)).toEqual({ start: utc(2026, 3, 10, 12), end: utc(2026, 3, 10, 13) });
  });

  it('reads an all-day event as its date', () => {
    expect(readWhen('Tuesday, March 10', 2027)).toEqual({ day: '2027-03-10' });
    expect(readWhen('Tue 3/10/2026 All day', 2000)).toEqual({ day: '2026-03-10' });
    expect(readWhen('March 10 – 12, 2026', 2026)).toEqual({ day: '2026-03-10' });
  });

  it('names nothing without a date', () => {
    for (const text of ['', '9:00 – 10:00am', 'Weekly on Tuesday', 'Sprint 42 review', 'x'.repeat(300)])
      expect(readWhen(text, 2026)).toBeNull();
  });
});
