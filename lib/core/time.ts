/** Durations, dates and rounding. Pure functions; nothing here throws on user input. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the time field accepts, shown to the user whenever input is not understood. */
export const DURATION_HELP = 'Use 1:30, 1.5, 1.5h, 90m, 1h 30m or a range like 9:00-10:30 / 9am-10:30am.';

/** A manual time: a plain duration, or a clock range on the entry's day (minutes from midnight). */
export type ManualTime = { kind: 'duration'; minutes: number } | { kind: 'range'; startMinute: number; endMinute: number; minutes: number };

const MAX_MINUTES = 24 * 60;

const fail = (why: string): Parsed<never> => ({ ok: false, error: `${why} ${DURATION_HELP}` });

/** `9:00`, `9`, `9am`, `9:30pm`, `21:15` → minutes from midnight, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?$/i.exec(text.trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (minutes > 59) return null;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    if (hours === 12) hours = 0;
    if (meridiem.startsWith('p')) hours += 12;
  } else if (hours > 23) {
    return null;
  }
  return hours * 60 + minutes;
}

function parsePlainDuration(text: string): number | null {
  // 1:30 (h:mm)
  let m = /^(\d{1,3}):(\d{2})$/.exec(text);
  if (m) {
    const minutes = Number(m[2]);
    return minutes > 59 ? null : Number(m[1]) * 60 + minutes;
  }
  // 1.5 / 1,5 / .5 / 2 (hours), optionally with h / hr / hrs / hours
  m = /^(\d+(?:[.,]\d+)?|[.,]\d+)\s*(h|hr|hrs|hour|hours)?$/i.exec(text);
  if (m?.[1]) return Math.round(Number(m[1].replace(',', '.')) * 60);
  // 90m / 90 min / 90 minutes
  m = /^(\d+)\s*(m|min|mins|minute|minutes)$/i.exec(text);
  if (m) return Number(m[1]);
  // 1h 30m / 1h30 / 1 h 30 min
  m = /^(\d+)\s*h(?:rs?|ours?)?\s*(\d+)\s*(m|min|mins|minutes?)?$/i.exec(text);
  if (m) {
    const minutes = Number(m[2]);
    return minutes > 59 ? null : Number(m[1]) * 60 + minutes;
  }
  return null;
}

/**
 * Parses what a person types into the time field. Empty input is not an error for the modal (it means
 * "start a timer"), but it is not a duration either, so callers check for emptiness first.
 */
export function parseManualTime(input: string): Parsed<ManualTime> {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return fail('Enter a time.');
  if (text.length > 40) return fail(`"${text.slice(0, 40)}…" is not a time.`);

  const range = /^(.+?)\s*(?:-|–|—|to)\s*(.+)$/i.exec(text);
  if (range?.[1] && range[2]) {
    const start = parseClock(range[1]);
    const end = parseClock(range[2]);
    if (start === null || end === null) return fail(`"${text}" is not a time range.`);
    if (end <= start) return fail(`The range ${text} ends before it starts.`);
    return { ok: true, value: { kind: 'range', startMinute: start, endMinute: end, minutes: end - start } };
  }

  const minutes = parsePlainDuration(text);
  if (minutes === null || !Number.isFinite(minutes)) return fail(`"${text}" is not a duration.`);
  if (minutes <= 0) return fail('The duration must be more than zero.');
  if (minutes > MAX_MINUTES) return fail('A single entry cannot be longer than 24 hours.');
  return { ok: true, value: { kind: 'duration', minutes } };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Elapsed time as the button and popup show it: `0:05`, `1:30` (h:mm), or with seconds `1:30:07`. */
export function formatDuration(ms: number, withSeconds = false): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return withSeconds ? `${h}:${pad(m)}:${pad(s)}` : `${h}:${pad(m)}`;
}

/** Local calendar day of a timestamp, `YYYY-MM-DD`. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of a `YYYY-MM-DD` day plus `minute` minutes (DST-correct: uses the local calendar). */
export function atMinute(day: string, minute: number): number {
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (mo ?? 1) - 1, d ?? 1, Math.floor(minute / 60), minute % 60).getTime();
}

/** Rounds minutes up to the next multiple of `step` (0 or 1 = no rounding), as Harvest's "round up" does. */
export function roundUpMinutes(minutes: number, step: number): number {
  if (step <= 1) return minutes;
  return Math.ceil(minutes / step) * step;
}
