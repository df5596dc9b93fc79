import type { Page, Worker } from 'playwright-core';

/**
 * Stint's data layer as the service worker (or any extension page) sees it (the extension origin's IndexedDB, lib/state/store.ts), read
 * and seeded by the tests in the previous build's shape: `entries` a list, `outbox` and `assignments` records by
 * key, everything else a single value. Seeding writes straight to the database, as a previous session would have
 * left it; pages read it through the background on their next snapshot.
 */

type Values = Record<string, unknown>;

/** Runs in the worker (or any extension page: the Firefox suites): the same database, stores and keys as lib/state/store.ts. */
export function inWorker(arg: { mode: 'read' | 'write'; keys?: string[] | null; values?: Values }): Promise<Values> {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('stint');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const done = (req: IDBRequest) =>
    new Promise<unknown>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const STORES = ['entries', 'outbox', 'assignments'];
  return open().then(async (db) => {
    const tx = db.transaction(['kv', 'entries', 'outbox', 'assignments'], arg.mode === 'read' ? 'readonly' : 'readwrite');
    const out: Values = {};
    if (arg.mode === 'write') {
      for (const [key, value] of Object.entries(arg.values ?? {})) {
        if (key === 'entries') {
          await done(tx.objectStore('entries').clear());
          for (const e of value as unknown[]) await done(tx.objectStore('entries').put(e));
        } else if (key === 'outbox' || key === 'assignments') {
          await done(tx.objectStore(key).clear());
          for (const [k, v] of Object.entries(value as Values)) await done(tx.objectStore(key).put(v, k));
        } else await done(tx.objectStore('kv').put(value, key));
      }
    } else {
      const kvKeys = ((await done(tx.objectStore('kv').getAllKeys())) as string[]).filter((k) => !arg.keys || arg.keys.includes(k));
      for (const k of kvKeys) out[k] = await done(tx.objectStore('kv').get(k));
      for (const store of STORES) {
        if (arg.keys && !arg.keys.includes(store)) continue;
        const keys = (await done(tx.objectStore(store).getAllKeys())) as string[];
        const values = (await done(tx.objectStore(store).getAll())) as unknown[];
        out[store] = store === 'entries' ? values : Object.fromEntries(keys.map((k, i) => [k, values[i]]));
      }
      if (out.entries) {
        type E = { day: string; startedAt: number | null; createdAt: number };
        (out.entries as E[]).sort((a, b) => b.day.localeCompare(a.day) || (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt));
      }
    }
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
      tx.onerror = resolve;
    });
    db.close();
    // The background keeps what it read in memory (lib/state/store.ts): after seeding, it reads the database again.
    // Here in the worker (Chromium), or in the background page of this extension page (Firefox). A build from
    // before that memory has no hook and nothing to drop (the bench measures older builds too).
    if (arg.mode === 'write') {
      type Hook = { __stintStore?: { dropCaches(): void } };
      const runtime = (globalThis as { browser?: { runtime?: { getBackgroundPage?(): Promise<Hook | null> } } }).browser?.runtime;
      const hook =
        (globalThis as Hook).__stintStore ?? (runtime?.getBackgroundPage ? await runtime.getBackgroundPage() : null)?.__stintStore;
      hook?.dropCaches();
    }
    return out;
  });
}

/** Reads these keys (all of them with none) of the data layer. */
export function readState(context: Worker | Page, keys?: string[]): Promise<Values> {
  return (context as Worker).evaluate(inWorker, { mode: 'read' as const, keys: keys ?? null });
}

/** Seeds the data layer (a list or record replaces the whole store). */
export async function writeState(worker: Worker, values: Values): Promise<void> {
  await worker.evaluate(inWorker, { mode: 'write' as const, values });
}
