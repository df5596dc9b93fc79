import type { BookingRequest } from '../protocol/messages';
import type { Assignment } from '../providers/types';
import { type Entry, groupKey, type Task } from './entry';
import { ruleFor } from './rules';
import type { BookingRef, Rule } from './schemas';

/**
 * Which project/task a new entry books to, before the user picks: pure, shared by the modal and the popup (the
 * background applies the same rules when an intent names no booking). A picker value is `accountId|projectId|taskId`,
 * or 'local'.
 */

export const bookingValue = (ref: BookingRequest): string => (ref ? `${ref.accountId}|${ref.projectId}|${ref.taskId}` : 'local');

export function parseBookingValue(value: string): BookingRef | null {
  if (value === 'local') return null;
  const [accountId = '', projectId = '', taskId = ''] = value.split('|');
  return { accountId, projectId, taskId };
}

export interface BookingContext {
  lastBooking: Record<string, BookingRef | null>;
  defaultAccount: string;
  assignments: Record<string, { list: Assignment[] }>;
  rules: readonly Rule[];
}

/** Whether a picker value still exists: Local, or a pair in its account's cached (active) list. */
export function available(value: string, assignments: BookingContext['assignments']): boolean {
  const ref = parseBookingValue(value);
  return ref === null || !!assignments[ref.accountId]?.list.some((a) => a.projectId === ref.projectId && a.taskId === ref.taskId);
}

/**
 * The booking to preselect, and where it came from: a rule pinned for the task's site beats the choice remembered
 * for its group (or the last one overall), which beats the default account's first project. A remembered Local
 * choice stands only while Local is the default: once an account is linked (and made the default), new entries go
 * there, not silently to the browser.
 */
export function initialBooking(task: Task | null, ctx: BookingContext): { value: string; from: 'rule' | 'remembered' | 'default' } {
  const rule = ruleFor(ctx.rules, task);
  if (rule && available(bookingValue(rule), ctx.assignments)) return { value: bookingValue(rule), from: 'rule' };
  const remembered = (task ? ctx.lastBooking[groupKey(task)] : undefined) ?? ctx.lastBooking['*'];
  const usable = remembered !== undefined && (remembered !== null || ctx.defaultAccount === 'local');
  if (usable && available(bookingValue(remembered), ctx.assignments)) return { value: bookingValue(remembered), from: 'remembered' };
  const first = ctx.assignments[ctx.defaultAccount]?.list[0];
  const value =
    ctx.defaultAccount !== 'local' && first
      ? bookingValue({ accountId: ctx.defaultAccount, projectId: first.projectId, taskId: first.taskId })
      : 'local';
  return { value, from: 'default' };
}

/** Recent choices, most recent first: the one remembered for the task's group, the last overall, then the entries'. */
export function recentBookings(task: Task | null, lastBooking: BookingContext['lastBooking'], entries: readonly Entry[]): string[] {
  const out: string[] = [];
  const add = (ref: BookingRequest) => {
    if (ref === undefined) return;
    const v = bookingValue(ref);
    if (!out.includes(v)) out.push(v);
  };
  if (task) add(lastBooking[groupKey(task)]);
  add(lastBooking['*']);
  for (const e of entries) {
    add(e.booking);
    if (out.length >= 8) break;
  }
  return out;
}
