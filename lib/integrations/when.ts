import type { TaskInfo } from './types';

/**
 * When a calendar event happens, read from the text its detail view shows ("Tuesday, March 10⋅9:00 – 10:30am",
 * "Tue 3/10/2026 2:00 PM - 3:30 PM", "Mar 10, 2026 9:00am – 10:00am (GMT+01:00) Paris"). English layouts;
 * calendars show times in the user's time zone unless they name another one, as a GMT offset, which is then
 * honoured. Pure and small: it ships in the calendar sites' content scripts.
 */
export type Span = NonNullable<TaskInfo['span']>;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// 2026-03-10 | March 10(, 2026) | Mar. 10 2026 | 3/10/2026 (US order, as Outlook's en-US layout writes it)
const DATE =
  /(\d{4})-(\d{2})-(\d{2})|\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?![\d/])(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b|\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
const ZONE = /\(?\b(?:GMT|UTC)\s*(?:([+-−])\s*(\d{1,2})(?::?(\d{2}))?)?\)?/i;
const TIME = /\b(\d{1,2})(?![\d/])(?:[:.](\d{2}))?\s*([ap])?\.?\s*(?:m\b\.?)?/gi;

interface Day {
  y: number;
  m: number;
  d: number;
}
interface Clock {
  h: number;
  min: number;
  mer?: string;
}

function dates(text: string, year: number): { days: Day[]; rest: string } {
  const days: Day[] = [];
  const rest = text.replace(DATE, (all, iy, im, id, mon, md, my, um, ud, uy) => {
    let day: Day | null = null;
    if (iy) day = { y: +iy, m: +im, d: +id };
    else if (uy) day = { y: +uy, m: +um, d: +ud };
    else {
      const m = MONTHS.indexOf(String(mon).slice(0, 3).toLowerCase()) + 1;
      if (m > 0 && String(mon).length <= 9) day = { y: my ? +my : year, m, d: +md };
    }
    if (!day || day.m > 12 || day.d < 1 || day.d > 31) return all;
    days.push(day);
    return ' | ';
  });
  return { days, rest };
}

function clocks(text: string): Clock[] {
  const out: Clock[] = [];
  for (const m of text.matchAll(TIME)) {
    const h = Number(m[1]);
    const min = m[2] === undefined ? 0 : Number(m[2]);
    if (min > 59 || h > 23) continue;
    out.push({ h, min, mer: m[3]?.toLowerCase() });
  }
  return out;
}

/** 12-hour clocks: the end's am/pm applies to a start that has none ("9 – 10:30am"), unless that starts later. */
function hours(c: Clock, fallback?: string): number {
  const mer = c.mer ?? fallback;
  if (!mer || c.h > 12) return c.h;
  return (c.h % 12) + (mer === 'p' ? 12 : 0);
}

/** A wall-clock time on a day, in the user's time zone, or at a GMT offset (minutes east) when the text names one. */
function instant(day: Day, h: number, min: number, offset: number | null): number {
  if (offset === null) return new Date(day.y, day.m - 1, day.d, h, min).getTime();
  return Date.UTC(day.y, day.m - 1, day.d, h, min) - offset * 60_000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The event's span, or null when the text names no date. `year` stands in when the text has none. */
export function readWhen(raw: string, year: number): Span | null {
  const text = raw.replace(/\s+/g, ' ').replace(/[⋅·•]/g, ' ').trim();
  if (!text || text.length > 200) return null;
  const zone = ZONE.exec(text);
  const offset = zone ? (zone[1] === '-' || zone[1] === '−' ? -1 : 1) * (Number(zone[2] ?? 0) * 60 + Number(zone[3] ?? 0)) : null;
  const { days, rest } = dates(zone ? text.replace(zone[0], ' ') : text, year);
  const first = days[0];
  if (!first) return null;
  const times = /all[ -]day/i.test(rest) ? [] : clocks(rest);
  const [a, b] = times;
  if (!a || !b) return { day: `${first.y}-${pad(first.m)}-${pad(first.d)}` };
  let startH = hours(a, b.mer);
  const endH = hours(b, a.mer);
  if (!a.mer && b.mer && startH * 60 + a.min > endH * 60 + b.min) startH = hours(a, 'a');
  const start = instant(first, startH, a.min, offset);
  let end = instant(days[1] ?? first, endH, b.min, offset);
  // "11pm – 12:30am" on one date ends the next day.
  if (end <= start && !days[1]) end = instant({ ...first, d: first.d + 1 }, endH, b.min, offset);
  return end > start ? { start, end } : null;
}
