import type { TaskSpan } from './schemas';
import { dayKey } from './time';

/** What the timer form starts with for a task: its time field's text and its date (YYYY-MM-DD). */
export interface Prefill {
  time: string;
  day: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${d.getHours()}:${pad(d.getMinutes())}`;

/**
 * A meeting's span as the modal's time field and date take it, in the time zone this code runs in (the user's):
 * a timed event → its date and `9:00-10:30`, which the time field parses as a range; an all-day event → its date
 * and no time. An event that ends on a later day than it starts cannot be one range of one day: its date and its
 * length (`14:00`) then. No span → today, empty (a timer).
 */
export function prefill(span: TaskSpan | undefined, now: number): Prefill {
  if (!span) return { time: '', day: dayKey(now) };
  if ('day' in span) return { time: '', day: span.day };
  const start = new Date(span.start);
  const end = new Date(span.end);
  const day = dayKey(span.start);
  if (dayKey(span.end) === day) return { time: `${clock(start)}-${clock(end)}`, day };
  const minutes = Math.round((span.end - span.start) / 60_000);
  return { time: `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`, day };
}
