import type { Entry } from './schemas';

/**
 * Entries as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break is
 * quoted and its quotes doubled). Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
 * or a carriage return) is prefixed with an apostrophe (OWASP, "CSV injection"): task titles come from web pages.
 */

/** How far an entry got towards its account: kept locally, synced, waiting to sync, or refused by the server. */
export type SyncState = 'local' | 'synced' | 'waiting' | 'refused';

export const CSV_COLUMNS = [
  'date',
  'start',
  'end',
  'hours',
  'account',
  'project',
  'task',
  'notes',
  'task_id',
  'task_title',
  'task_url',
  'synced',
  // Added after the first columns, so spreadsheets reading those by position still do.
  'tags',
  'billable',
] as const;

/** A text field a spreadsheet will not run as a formula. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field. */
export function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Decimal hours with two digits (1:15 → 1.25); no thousands separator, a dot whatever the locale. */
export const hours = (ms: number): string => (Math.round(ms / 36_000) / 100).toFixed(2);

const pad = (n: number) => String(n).padStart(2, '0');
/** Billable as yes/no; empty when unknown (Stint never said: the tracker decides, or a tracker without the flag). */
const billable = (e: Entry): string => (e.billable === undefined ? '' : e.billable ? 'yes' : 'no');

/** Local wall-clock time HH:MM, or '' when unknown. */
const clock = (ms: number | null): string => {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export interface CsvContext {
  /** Account name by account id. */
  accountName(id: string): string;
  syncState(entry: Entry): SyncState;
}

/** The CSV of stopped entries, oldest first (running timers are left out: they have no duration yet). */
export function entriesCsv(entries: readonly Entry[], ctx: CsvContext): string {
  const rows = [...entries]
    .filter((e) => !e.running)
    .sort((a, b) => a.day.localeCompare(b.day) || (a.startedAt ?? a.createdAt) - (b.startedAt ?? b.createdAt))
    .map((e) => {
      const text = [
        e.booking ? ctx.accountName(e.booking.accountId) : 'Local',
        e.booking?.projectName ?? '',
        e.booking?.taskName ?? '',
        e.notes,
        e.task?.id ?? '',
        e.task?.title ?? '',
        e.task?.url ?? '',
      ].map(neutralise);
      const tags = neutralise((e.tags ?? []).map((tag) => tag.name).join('; '));
      return [e.day, clock(e.startedAt), clock(e.endedAt), hours(e.durationMs), ...text, ctx.syncState(e), tags, billable(e)];
    });
  return `${[[...CSV_COLUMNS], ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
