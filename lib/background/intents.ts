import { type Entry, groupKey, type Task, taskKey } from '../core/entry';
import { missingFields, missingMessage } from '../core/required';
import { ruleFor } from '../core/rules';
import type { Booking, BookingRef, Tag } from '../core/schemas';
import { type ClassifyContext, classify, ruleTags } from '../core/tags';
import { applyIntent, type Outcome } from '../core/tracker';
import { formatLongDate, t } from '../i18n';
import type { TrackerIntent } from '../protocol/messages';
import { providerInfo } from '../providers/catalog';
import type { Kv } from '../state/kv';
import * as store from '../state/store';
import { journal } from '../sync/outbox';

/**
 * A timer or entry intent, applied and made durable: the timer state machine (lib/core/tracker.ts) runs on the
 * records the intent touches (the timer, the one entry it names), and the new state goes to the data layer with
 * its outbox records in one transaction. The cost does not grow with the history or the backlog.
 * Callers hold the state lock.
 */

export interface IntentDeps {
  now: number;
  newId: () => string;
  /** The sender's id for this intent, the same on each of its tries (lib/ui/client.ts); null when it gave none. */
  requestId?: string | null;
}

/** How many applied request ids are kept: a retry follows its first try within seconds. */
export const APPLIED_KEPT = 50;

/** The single values an intent reads, in one transaction (each read is a round trip to the browser's storage). */
const READ = ['appliedRequests', 'timer', 'settings', 'lastBooking', 'rules', 'accounts', 'defaultAccount'] as const;
type Read = Pick<Kv, (typeof READ)[number]>;

/** Resolves a booking request against the linked accounts, the rules and the account's cached project list. */
async function bookingResolver(ref: BookingRef | null | undefined, task: Task | null, kv: Read): Promise<Booking | null | string> {
  if (ref === null) return null;
  if (ref === undefined) {
    // No explicit choice: a pinned rule for the task's site, else the default account (Local needs nothing).
    const rule = ruleFor(kv.rules, task);
    if (rule) return bookingResolver(rule, task, kv);
    const defaultId = kv.defaultAccount;
    if (defaultId === 'local' || !kv.accounts.some((a) => a.id === defaultId)) return null;
    return t('booking_choose');
  }
  const account = kv.accounts.find((a) => a.id === ref.accountId);
  if (!account) return t('booking_account_gone');
  const found = (await store.assignments(account.id))?.list.find((a) => a.projectId === ref.projectId && a.taskId === ref.taskId);
  if (!found) return t('booking_unavailable', account.accountName);
  return { ...ref, projectName: found.projectName, taskName: found.taskName };
}

/** The booking references an intent carries (resolved before the pure state machine runs). */
function refsOf(msg: TrackerIntent): { ref: BookingRef | null | undefined; task: Task | null }[] {
  switch (msg.type) {
    case 'timer.start':
    case 'entry.save':
      return [{ ref: msg.booking, task: msg.task }];
    case 'timer.update':
    case 'entry.update':
      return msg.booking === undefined ? [] : [{ ref: msg.booking, task: null }];
    default:
      return [];
  }
}

/**
 * What classifying an entry needs per account, read before the pure state machine runs: whether its tracker has
 * tags, its cached workspace tags, and the billable default of each of its project/task pairs.
 */
async function classifyContexts(
  ids: ReadonlySet<string>,
  accounts: Read['accounts'],
): Promise<(booking: Booking) => ClassifyContext | null> {
  const caches = new Map<string, Awaited<ReturnType<typeof store.assignments>>>();
  for (const a of accounts) if (ids.has(a.id) && providerInfo(a.provider)?.tags) caches.set(a.id, await store.assignments(a.id));
  return (booking) => {
    const account = accounts.find((a) => a.id === booking.accountId);
    // null: not linked (any more); a tracker without tags carries none.
    if (!account) return null;
    if (!providerInfo(account.provider)?.tags) return { tagged: false, tags: [] };
    const cache = caches.get(account.id);
    const pair = cache?.list.find((a) => a.projectId === booking.projectId && a.taskId === booking.taskId);
    return {
      tagged: true,
      tags: (cache?.tags ?? []) as Tag[],
      ...(pair?.billable !== undefined ? { billableDefault: pair.billable } : {}),
    };
  };
}

/** Intents that make or edit an entry: what they leave must carry what its workspace requires. */
const EDITS = new Set<string>(['timer.start', 'entry.save', 'timer.update', 'entry.update', 'entry.continue']);

function requiredRefusal(msg: TrackerIntent, entry: Entry | undefined, accounts: Read['accounts']): string | null {
  const booking = entry?.booking;
  if (!EDITS.has(msg.type) || !entry || !booking) return null;
  const account = accounts.find((a) => a.id === booking.accountId);
  const missing = account ? missingFields(account.required, { ...booking, notes: entry.notes, tags: entry.tags?.length ?? 0 }) : [];
  return account && missing.length > 0 ? missingMessage(account.accountName, missing) : null;
}

/** Remembers the project/task chosen for a task's group (repository, board…), as Harvest's button does. */
function remembered(all: Record<string, BookingRef | null>, entry: Entry): Record<string, BookingRef | null> {
  const b = entry.booking;
  // The tags go with the booking: the next entry of the group offers them again (lib/core/tags.ts initialTags).
  const ref = b
    ? { accountId: b.accountId, projectId: b.projectId, taskId: b.taskId, ...(entry.tags ? { tagIds: entry.tags.map((x) => x.id) } : {}) }
    : null;
  const keys = entry.task ? ['*', groupKey(entry.task)] : ['*'];
  // Unchanged, the same object: the save then leaves this record (and the store it lives in) out of its write.
  if (keys.every((k) => k in all && sameRef(all[k] ?? null, ref))) return all;
  const next: Record<string, BookingRef | null> = { ...all };
  for (const k of keys) next[k] = ref;
  return next;
}

const sameRef = (a: BookingRef | null, b: BookingRef | null): boolean =>
  a === null || b === null
    ? a === b
    : a.accountId === b.accountId &&
      a.projectId === b.projectId &&
      a.taskId === b.taskId &&
      (a.tagIds === b.tagIds || (a.tagIds?.length === b.tagIds?.length && !!a.tagIds?.every((id, i) => id === b.tagIds?.[i])));

export type IntentResult = { ok: true } | { ok: false; error: string; kind?: string };

/**
 * A meeting (a task with a span) logged a second time on the same day: the user is warned first (the modal then
 * offers to log it again). One day of the day index is read; other tasks are never checked.
 */
async function loggedBefore(msg: TrackerIntent): Promise<IntentResult | null> {
  if (msg.type !== 'entry.save' || !msg.task?.span || msg.again) return null;
  const key = taskKey(msg.task);
  const sameDay = await store.entriesOn(msg.day);
  return sameDay.some((e) => e.task && taskKey(e.task) === key)
    ? { ok: false, error: t('meeting_logged', formatLongDate(msg.day)), kind: 'logged' }
    : null;
}

export async function applyTrackerIntent(msg: TrackerIntent, deps: IntentDeps): Promise<IntentResult> {
  const requestId = deps.requestId ?? null;
  const [kv, named] = await Promise.all([store.getMany(READ), 'id' in msg ? store.entry(msg.id) : null]);
  const { timer, settings, lastBooking, rules } = kv;
  const applied = requestId ? kv.appliedRequests : [];
  // A try of an intent already saved (its reply was lost with the worker that saved it): done, not done twice.
  if (requestId && applied.includes(requestId)) return { ok: true };
  const duplicate = await loggedBefore(msg);
  if (duplicate) return duplicate;
  const state = { timer, entries: named ? [named] : [] };
  // Bookings are resolved first (they read the data layer); the state machine itself stays pure and synchronous.
  const resolved = new Map<BookingRef | null | undefined, Booking | null | string>();
  for (const { ref, task } of refsOf(msg)) resolved.set(ref, await bookingResolver(ref, task, kv));
  // The accounts an entry of this intent may be classified for: the ones booked to, and the edited entry's own.
  const involved = new Set(
    [...resolved.values(), named?.booking, timer?.booking].flatMap((b) => (b && typeof b === 'object' ? [b.accountId] : [])),
  );
  const contextOf = await classifyContexts(involved, kv.accounts);
  // Entries made by this intent have no outbox record yet: only the others' records are read.
  const made = new Set<string>();
  const outcome = applyIntent(state, msg, {
    now: deps.now,
    newId: () => {
      const id = deps.newId();
      made.add(id);
      return id;
    },
    book: (ref) => resolved.get(ref) ?? null,
    roundTo: settings.roundingMinutes,
    classify: (booking, ask, before) => {
      // A one-click start that named no booking books by the rule: with the rule's tags, unless tags were given.
      const pinned = (msg.type === 'timer.start' || msg.type === 'entry.save') && ask.tags === undefined;
      const tags = pinned ? ruleTags(rules, msg.task, msg.booking) : ask.tags;
      return classify(booking, { ...ask, tags }, before, booking ? contextOf(booking) : null);
    },
  });
  if (!outcome.ok) return outcome;
  // The entry made or edited is the last one changed (a start first stops the timer that ran).
  const last = outcome.changed[outcome.changed.length - 1];
  const refused = requiredRefusal(msg, last, kv.accounts);
  if (refused) return { ok: false, error: refused, kind: 'required' };

  const makes = msg.type === 'timer.start' || msg.type === 'entry.save';
  const booked = makes && last ? remembered(lastBooking, last) : lastBooking;
  await commit(outcome, timer, made, {
    ...(booked !== lastBooking ? { lastBooking: booked } : {}),
    ...(requestId ? { appliedRequests: [requestId, ...applied].slice(0, APPLIED_KEPT) } : {}),
  });
  return { ok: true };
}

/**
 * Makes an outcome of the state machine durable: the timer, the entries and their outbox records, with `kv`, in one
 * transaction. `made`: ids of entries this outcome created (they have no outbox record to read yet). A question
 * open about a timer that is no longer the one running is void: it goes in the same write.
 */
export async function commit(
  outcome: Extract<Outcome, { ok: true }>,
  timer: Entry | null,
  made: Set<string>,
  kv: Partial<Kv>,
): Promise<void> {
  const touched = [...outcome.changed, ...outcome.removed].map((e) => e.id).filter((id) => !made.has(id));
  const before = touched.length > 0 ? await store.outboxRecords(touched) : {};
  const after = journal(before, outcome.changed, outcome.removed);
  const replaced = outcome.state.timer !== timer && outcome.state.timer?.id !== timer?.id;
  await store.write({
    kv: {
      // Only when it changed: a timer write reaches every content script (the projection) and the toolbar icon.
      ...(outcome.state.timer !== timer ? { timer: outcome.state.timer } : {}),
      ...(replaced ? { prompt: null } : {}),
      ...kv,
    },
    entries: outcome.changed.filter((e) => !e.running),
    deleteEntries: outcome.removed.filter((e) => !e.running && e.id !== outcome.state.timer?.id).map((e) => e.id),
    outbox: Object.fromEntries(Object.entries(after).filter(([key, r]) => before[key] !== r)),
    deleteOutbox: Object.keys(before).filter((key) => !(key in after)),
  });
}
