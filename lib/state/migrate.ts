import { EntrySchema, SyncRecordSchema } from '../core/schemas';
import { KV, KV_KEYS, type Kv, type KvKey } from './kv';
import { type AssignmentCache, type Change, get, type Outbox, setAside, write } from './store';

/**
 * The previous build kept everything in storage.local, one item per kind (`entries` one array, `outbox` one
 * object…). On the first start of this build it is moved into the data layer, once, losing nothing: what parses
 * is written in one transaction, what does not is set aside, and only then are the old items removed. After
 * that the background never reads storage.local again (content scripts can write it).
 */

export interface LegacyArea {
  get(keys?: null): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/** Old keys that map one to one onto a record of lib/state/kv.ts. */
const SAME: readonly KvKey[] = KV_KEYS.filter((k) => k !== 'migrated');

export async function migrateLegacy(area: LegacyArea, now = Date.now()): Promise<{ entries: number; outbox: number } | null> {
  if ((await get('migrated')) !== null) return null;
  const old = await area.get(null);
  const kv: Partial<Record<KvKey, unknown>> = {};
  for (const key of SAME) {
    if (!(key in old)) continue;
    const parsed = KV[key].schema.safeParse(old[key]);
    if (parsed.success) kv[key] = parsed.data;
    else await setAside(`legacy:${key}`, old[key], parsed.error.issues[0]?.message ?? 'invalid');
  }
  // A whole item of the wrong shape is set aside as it is, like a damaged record within one.
  for (const [key, ok] of [
    ['entries', Array.isArray],
    ['outbox', isObject],
    ['assignments', isObject],
  ] as const) {
    if (key in old && !ok(old[key])) await setAside(`legacy:${key}`, old[key], 'not the stored shape');
  }
  // Copies the previous build had already set aside (`<key>:unreadable`) move to the `aside` store.
  for (const key of Object.keys(old).filter((k) => k.endsWith(':unreadable'))) {
    const copy = old[key];
    const reason = isObject(copy) && typeof copy.reason === 'string' ? copy.reason : 'unreadable';
    await setAside(`legacy:${key}`, copy, `set aside by the previous build: ${reason}`);
  }
  const entries = [];
  for (const raw of Array.isArray(old.entries) ? old.entries : []) {
    const parsed = EntrySchema.safeParse(raw);
    if (parsed.success) entries.push(parsed.data);
    else await setAside('legacy:entry', raw, parsed.error.issues[0]?.message ?? 'invalid');
  }
  const outbox: Outbox = {};
  for (const [key, raw] of Object.entries(isObject(old.outbox) ? old.outbox : {})) {
    const parsed = SyncRecordSchema.safeParse(raw);
    if (parsed.success) outbox[key] = parsed.data;
    else await setAside(`legacy:outbox:${key}`, raw, parsed.error.issues[0]?.message ?? 'invalid');
  }
  const assignments: Record<string, AssignmentCache> = {};
  for (const [id, cache] of Object.entries(isObject(old.assignments) ? old.assignments : {})) {
    if (isObject(cache) && Array.isArray(cache.list) && typeof cache.fetchedAt === 'number')
      assignments[id] = cache as unknown as AssignmentCache;
    else await setAside(`legacy:assignments:${id}`, cache, 'not a project list');
  }
  const summary = { entries: entries.length, outbox: Object.keys(outbox).length };
  const change: Change = {
    kv: { ...(kv as Partial<Kv>), migrated: { at: now, ...summary } },
    entries,
    outbox,
    assignments,
  };
  await write(change);
  // Only once everything is committed: the old items (and WXT's `key$` version records, and set-aside copies, now
  // in the `aside` store).
  const legacy = Object.keys(old).filter(
    (k) => SAME.includes(k.replace(/(\$|:unreadable)$/, '') as KvKey) || /^(entries|outbox|assignments)(\$|:unreadable)?$/.test(k),
  );
  if (legacy.length > 0) await area.remove(legacy);
  return summary;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
