import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { byNewest, type Entry } from '../core/entry';
import { EntrySchema, type SyncRecord, SyncRecordSchema } from '../core/schemas';
import { type AssignmentCache, isAssignmentCache } from './assignment-cache';
import { DayWindow } from './day-window';
import { deepFreeze } from './frozen';
import { KV, type Kv, type KvKey } from './kv';

/**
 * The data layer: the extension origin's IndexedDB, which content scripts cannot open (unlike storage.local,
 * which they can read and write). Only the background uses this module; the pages get snapshots from it
 * (lib/background/snapshot.ts) and content scripts a projection of what a button needs (lib/state/projection.ts).
 *
 * One record per entry (indexed by day, so today and this week are a range read whatever the history holds), one
 * per outbox record, one project list per account, and the single-valued records of lib/state/kv.ts. Every
 * read is checked; a damaged record is set aside (the `aside` store) and reported, never fatal. A `write` is one
 * transaction: a worker killed mid-way leaves the old state or the new, never half.
 */

export type { AssignmentCache };
export type Outbox = Record<string, SyncRecord>;
/** What changed, for whoever renders it: a single-valued record, or one of the per-record stores. */
export type Topic = KvKey | 'entries' | 'outbox' | 'assignments';

interface StintDB extends DBSchema {
  entries: { key: string; value: Entry; indexes: { day: string } };
  outbox: { key: string; value: SyncRecord };
  assignments: { key: string; value: AssignmentCache };
  kv: { key: string; value: unknown };
  aside: { key: number; value: { at: number; what: string; reason: string; raw: unknown } };
}

export const DB_NAME = 'stint';
const STORES = ['kv', 'entries', 'outbox', 'assignments'] as const;
let opening: Promise<IDBPDatabase<StintDB>> | null = null;

function db(): Promise<IDBPDatabase<StintDB>> {
  opening ??= openDB<StintDB>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('entries', { keyPath: 'id' }).createIndex('day', 'day');
      d.createObjectStore('outbox');
      d.createObjectStore('assignments');
      d.createObjectStore('kv');
      d.createObjectStore('aside', { autoIncrement: true });
    },
  });
  return opening;
}

/** Closes the connection (unit tests start each case from a fresh database). */
export async function closeStore(): Promise<void> {
  const open = opening;
  opening = null;
  dropCaches();
  (await open)?.close();
}

/**
 * Forgets what this worker holds in memory, so the next reads go to the database: the test suites seed the
 * database behind a running worker (test/support/state.ts), as no code of Stint's ever does.
 */
export function dropCaches(): void {
  kvCache.clear();
  kvStamp++;
  entryCache.clear();
  entryStamp++;
  outboxCache = null;
  outboxWrites++;
  recent = null;
  assignmentCache.clear();
  assignmentStamp++;
  listed = false;
}

const listeners = new Set<(topics: Topic[]) => void>();
/** Follows every committed write, told in the task after it (the background pushes snapshots and projections from it). */
export function onChange(listener: (topics: Topic[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps an unreadable record in the `aside` store so nothing is ever silently dropped, and says so. */
export async function setAside(what: string, raw: unknown, reason: string): Promise<void> {
  await (await db()).add('aside', { at: Date.now(), what, reason, raw });
  console.warn(`Stint: stored ${what} was unreadable and was set aside: ${reason}`);
}

/** What was set aside, oldest first (for reports and tests). */
export async function asideRecords() {
  return (await db()).getAll('aside');
}

/**
 * The single values as checked in this worker, kept in step by `write` (their only writer): every intent reads
 * 3–5 of them, and one IndexedDB transaction for them was ~1.2 ms of a save's ~2.4 ms in the worker
 * (local_save_ms_p95_at_10000, offline_save_ms_p95_at_500). A read installs what it read only if no write and
 * no `dropCaches` came between its start and its end. Values are frozen: nobody edits one in place.
 */
const kvCache = new Map<KvKey, unknown>();
let kvStamp = 0;

export async function get<K extends KvKey>(key: K): Promise<Kv[K]> {
  return (await getMany([key]))[key];
}

/** Several single values read in one transaction (an intent reads what it needs in one go). */
export async function getMany<K extends KvKey>(keys: readonly K[]): Promise<Pick<Kv, K>> {
  const out = {} as Pick<Kv, K>;
  const missing: K[] = [];
  for (const key of keys) {
    if (kvCache.has(key)) out[key] = kvCache.get(key) as Kv[K];
    else missing.push(key);
  }
  if (missing.length === 0) return out;
  const stamp = kvStamp;
  const tx = (await db()).transaction('kv');
  const raws = await Promise.all(missing.map((key) => tx.store.get(key)));
  await tx.done;
  for (let i = 0; i < missing.length; i++) {
    const key = missing[i] as K;
    out[key] = deepFreeze(await checkedKv(key, raws[i]));
  }
  if (stamp === kvStamp) for (const key of missing) kvCache.set(key, out[key]);
  return out;
}

/** A stored single value checked against its schema; an unreadable one is set aside and its fallback used. */
async function checkedKv<K extends KvKey>(key: K, raw: unknown): Promise<Kv[K]> {
  if (raw === undefined) return KV[key].fallback as Kv[K];
  const parsed = KV[key].schema.safeParse(raw);
  if (parsed.success) return parsed.data as Kv[K];
  await setAside(`kv:${key}`, raw, parsed.error.issues[0]?.message ?? 'invalid');
  await (await db()).delete('kv', key);
  return KV[key].fallback as Kv[K];
}

/** Entries read back are checked one by one: a damaged one is set aside, the others stay usable. */
async function checked(raws: unknown[]): Promise<Entry[]> {
  const good: Entry[] = [];
  for (const raw of raws) {
    const parsed = EntrySchema.safeParse(raw);
    if (parsed.success) good.push(parsed.data);
    else {
      const id = (raw as { id?: unknown } | null)?.id;
      await setAside('entry', raw, parsed.error.issues[0]?.message ?? 'invalid');
      if (typeof id === 'string') await (await db()).delete('entries', id);
    }
  }
  return good;
}

/**
 * Entries by id as checked in this worker, kept in step by `write`: every flush reads the entries its work list
 * names, and with a backlog of 500 waiting on an unreachable tracker that was 500 IndexedDB reads after every
 * save (offline_save_ms_p95_at_500). Filled by `entry` and `entriesById` (a read a write or `dropCaches`
 * overtook is not kept); at most ENTRY_CACHE_MAX entries, emptied past that. Frozen: nobody edits one in place.
 */
const entryCache = new Map<string, Entry>();
let entryStamp = 0;
const ENTRY_CACHE_MAX = 5_000;

export async function entry(id: string): Promise<Entry | null> {
  return (await entriesById([id]))[0] ?? null;
}

/** The entries with these ids that exist, in one transaction. */
export async function entriesById(ids: readonly string[]): Promise<Entry[]> {
  const missing = ids.filter((id) => !entryCache.has(id));
  const read = new Map<string, Entry>();
  if (missing.length > 0) {
    const stamp = entryStamp;
    const tx = (await db()).transaction('entries');
    const raws = await Promise.all(missing.map((id) => tx.store.get(id)));
    await tx.done;
    for (const e of await checked(raws.filter((r) => r !== undefined))) read.set(e.id, deepFreeze(e));
    if (stamp === entryStamp) {
      if (entryCache.size + read.size > ENTRY_CACHE_MAX) entryCache.clear();
      for (const [id, e] of read) entryCache.set(id, e);
    }
  }
  return ids.flatMap((id) => {
    const e = read.get(id) ?? entryCache.get(id);
    return e ? [e] : [];
  });
}

/** The recent entries as read by `entriesFrom` (the popup's two weeks, the readback's window), kept in step by `write`. */
let recent: DayWindow | null = null;
/** A longer range read is not kept (an export of years): the window is for the first screen's days. */
const RECENT_MAX = 2_000;

/**
 * Stopped and manual entries of `fromDay` (YYYY-MM-DD) and later, newest first: a range of the day index, or the
 * kept window when it covers the range. Frozen: nobody edits one in place.
 */
export async function entriesFrom(fromDay: string): Promise<Entry[]> {
  if (recent?.covers(fromDay)) return recent.since(fromDay).sort(byNewest);
  const stamp = entryStamp;
  const raws = await (await db()).getAllFromIndex('entries', 'day', IDBKeyRange.lowerBound(fromDay));
  const entries = (await checked(raws)).map(deepFreeze);
  // Kept only if no write or dropCaches came while it was read.
  if (stamp === entryStamp && entries.length <= RECENT_MAX) recent = new DayWindow(fromDay, entries);
  return entries.sort(byNewest);
}

/** The entries of one day (YYYY-MM-DD): one key of the day index. */
export async function entriesOn(day: string): Promise<Entry[]> {
  return checked(await (await db()).getAllFromIndex('entries', 'day', IDBKeyRange.only(day)));
}

export async function allEntries(): Promise<Entry[]> {
  return (await checked(await (await db()).getAll('entries'))).sort(byNewest);
}

/** The most recent stopped or manual entry ("start the last one again"). */
export async function latestEntry(): Promise<Entry | null> {
  const d = await db();
  const last = await d.transaction('entries').store.index('day').openCursor(null, 'prev');
  if (!last) return null;
  const sameDay = await d.getAllFromIndex('entries', 'day', last.key);
  return (await checked(sameDay)).sort(byNewest)[0] ?? null;
}

export async function countEntries(): Promise<number> {
  return (await db()).count('entries');
}

/**
 * The outbox as checked in this worker, kept in step by `write` (the only writer of the outbox): the sync engine
 * reads every record several times a flush, and with a backlog of 500 each read was 500 schema checks, tens of ms
 * of the worker's time after every save (offline_save_ms_p95_at_500). Filled by the first whole read, unless a
 * write landed while that read ran; dropped with the connection. Records in it are frozen: nobody edits one in place.
 */
let outboxCache: Map<string, SyncRecord> | null = null;
let outboxWrites = 0;

/** Every outbox record (the sync engine's work list; each record is checked, a damaged one set aside). */
export async function outbox(): Promise<Outbox> {
  if (outboxCache) return Object.fromEntries(outboxCache);
  const writes = outboxWrites;
  const d = await db();
  const tx = d.transaction('outbox');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  const out = await checkOutbox(keys, values);
  if (outboxCache === null && writes === outboxWrites) outboxCache = new Map(Object.entries(out).map(([k, r]) => [k, Object.freeze(r)]));
  return out;
}

/** The outbox records under these keys (an intent journals only the entries it touched). */
export async function outboxRecords(keys: readonly string[]): Promise<Outbox> {
  if (outboxCache) {
    const cache = outboxCache;
    return Object.fromEntries(keys.flatMap((k) => (cache.has(k) ? [[k, cache.get(k) as SyncRecord]] : [])));
  }
  const d = await db();
  const tx = d.transaction('outbox');
  const values = await Promise.all(keys.map((k) => tx.store.get(k)));
  await tx.done;
  const found = keys.flatMap((k, i) => (values[i] === undefined ? [] : [[k, values[i]] as const]));
  return checkOutbox(
    found.map(([k]) => k),
    found.map(([, v]) => v),
  );
}

async function checkOutbox(keys: string[], values: unknown[]): Promise<Outbox> {
  const out: Outbox = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const parsed = SyncRecordSchema.safeParse(values[i]);
    if (parsed.success) out[key] = parsed.data;
    else {
      await setAside(`outbox:${key}`, values[i], parsed.error.issues[0]?.message ?? 'invalid');
      await (await db()).delete('outbox', key);
    }
  }
  return out;
}

/**
 * The project lists as checked in this worker (null: none stored), kept in step by `write`: a save booked to a
 * tracker reads its account's list to name the project, the picker's snapshot reads them all, and each was an
 * IndexedDB read and a check of every pair (10,000 with a large account). `listed`: every stored list is here.
 */
const assignmentCache = new Map<string, AssignmentCache | null>();
let assignmentStamp = 0;
let listed = false;

/** An account's cached project/task list (written by the background from validated provider answers). */
export async function assignments(accountId: string): Promise<AssignmentCache | null> {
  const kept = assignmentCache.get(accountId);
  if (kept !== undefined) return kept;
  const stamp = assignmentStamp;
  const raw = await (await db()).get('assignments', accountId);
  let found: AssignmentCache | null = null;
  if (isAssignmentCache(raw)) found = deepFreeze(raw);
  else if (raw !== undefined) {
    await setAside(`assignments:${accountId}`, raw, 'not a project list');
    await (await db()).delete('assignments', accountId);
  }
  if (stamp === assignmentStamp) assignmentCache.set(accountId, found);
  return found;
}

export async function allAssignments(): Promise<Record<string, AssignmentCache>> {
  if (!listed) {
    const stamp = assignmentStamp;
    const keys = await (await db()).getAllKeys('assignments');
    for (const key of keys) await assignments(key);
    listed = stamp === assignmentStamp;
  }
  const out: Record<string, AssignmentCache> = {};
  for (const [key, cache] of assignmentCache) if (cache) out[key] = cache;
  return out;
}

export interface Change {
  kv?: Partial<Kv>;
  /** Stopped and manual entries to put (the running timer is `kv.timer`). */
  entries?: readonly Entry[];
  deleteEntries?: readonly string[];
  outbox?: Outbox;
  deleteOutbox?: readonly string[];
  /** Per account id: its new project list, or null to drop it. */
  assignments?: Record<string, AssignmentCache | null>;
}

/** Commits a change in one transaction, then (in the next task) tells the listeners which topics changed. */
export async function write(change: Change): Promise<void> {
  const topics: Topic[] = Object.keys(change.kv ?? {}) as KvKey[];
  if (change.entries?.length || change.deleteEntries?.length) topics.push('entries');
  if (Object.keys(change.outbox ?? {}).length || change.deleteOutbox?.length) topics.push('outbox');
  if (Object.keys(change.assignments ?? {}).length) topics.push('assignments');
  if (topics.length === 0) return;
  const d = await db();
  // Only the stores it writes: a readwrite transaction waits for every transaction open on a store of its scope.
  const scope = STORES.filter((s) => (s === 'kv' ? Object.keys(change.kv ?? {}).length > 0 : topics.includes(s)));
  const tx = d.transaction(scope, 'readwrite');
  const ops: Promise<unknown>[] = [];
  for (const [key, value] of Object.entries(change.kv ?? {})) ops.push(tx.objectStore('kv').put(value, key));
  for (const e of change.entries ?? []) ops.push(tx.objectStore('entries').put(e));
  for (const id of change.deleteEntries ?? []) ops.push(tx.objectStore('entries').delete(id));
  for (const [key, r] of Object.entries(change.outbox ?? {})) ops.push(tx.objectStore('outbox').put(r, key));
  for (const key of change.deleteOutbox ?? []) ops.push(tx.objectStore('outbox').delete(key));
  for (const [id, cache] of Object.entries(change.assignments ?? {}))
    ops.push(cache ? tx.objectStore('assignments').put(cache, id) : tx.objectStore('assignments').delete(id));
  await Promise.all([...ops, tx.done]);
  if (change.kv) {
    kvStamp++;
    for (const [key, value] of Object.entries(change.kv) as [KvKey, unknown][]) {
      // What a read would return: the value as its schema gives it back (defaults filled in).
      const parsed = KV[key].schema.safeParse(value);
      if (parsed.success) kvCache.set(key, deepFreeze(parsed.data));
      else kvCache.delete(key);
    }
  }
  if (change.entries?.length || change.deleteEntries?.length) {
    entryStamp++;
    for (const e of change.entries ?? []) {
      const parsed = EntrySchema.safeParse(e);
      // Kept as a read gives it back: the next flush names the entry just saved, the popup re-reads its days.
      const kept = parsed.success ? deepFreeze(parsed.data) : null;
      if (kept && entryCache.size < ENTRY_CACHE_MAX) entryCache.set(e.id, kept);
      else entryCache.delete(e.id);
      if (kept) recent?.put(kept);
      else recent?.delete(e.id);
    }
    for (const id of change.deleteEntries ?? []) {
      entryCache.delete(id);
      recent?.delete(id);
    }
  }
  if (Object.keys(change.assignments ?? {}).length) {
    assignmentStamp++;
    // A copy: the writer's object stays its own.
    for (const [id, cache] of Object.entries(change.assignments ?? {}))
      assignmentCache.set(id, cache && isAssignmentCache(cache) ? deepFreeze(structuredClone(cache)) : null);
  }
  if (change.outbox || change.deleteOutbox) {
    outboxWrites++;
    for (const [key, r] of Object.entries(change.outbox ?? {})) outboxCache?.set(key, Object.freeze(r));
    for (const key of change.deleteOutbox ?? []) outboxCache?.delete(key);
  }
  // After the current task: the caller's reply (an intent's answer to the page waiting on it) leaves first,
  // then the listeners' broadcasts, projection and badge run.
  setTimeout(() => {
    for (const listener of listeners) listener(topics);
  }, 0);
}

/** Read-modify-write of one record; `next` giving back the (frozen) value it got writes nothing. Callers hold the lock. */
export async function update<K extends KvKey>(key: K, next: (value: Kv[K]) => Kv[K]): Promise<Kv[K]> {
  const before = await get(key);
  const value = next(before);
  if (value !== before) await write({ kv: { [key]: value } as Partial<Kv> });
  return value;
}
