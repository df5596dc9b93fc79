import { afterEach, describe, expect, it, vi } from 'vitest';
import { entry } from '../../test/support/entries';
import type { Entry } from '../core/entry';
import { dayKey } from '../core/time';
import * as store from '../state/store';
import { snapshot } from './snapshot';

const DAY = 86_400_000;

/** Writes behind the store's back, as the test suites' seeding does (test/support/state.ts). */
const writeBehind = (e: Entry) =>
  new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(store.DB_NAME);
    req.onsuccess = () => {
      const tx = req.result.transaction('entries', 'readwrite');
      tx.objectStore('entries').put(e);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });

const recentIds = async () => (await snapshot(['recent'])).recent?.map((e) => e.id);

describe('the recent entries as the worker keeps them for the pages', () => {
  afterEach(() => vi.useRealTimers());
  const today = () => dayKey(Date.now());

  it('answers from memory, which follows the writes without reading the database again', async () => {
    await store.write({ entries: [entry('a', { day: today() })] });
    expect(await recentIds()).toEqual(['a']);
    await writeBehind(entry('behind', { day: today() }));
    expect(await recentIds()).toEqual(['a']); // from memory: nothing of Stint's writes behind the store
    await store.write({ entries: [entry('b', { day: today() })] });
    expect((await recentIds())?.sort()).toEqual(['a', 'b']);
    await store.write({ deleteEntries: ['a'] });
    expect(await recentIds()).toEqual(['b']);
  });

  it('reads again once the caches are dropped (the suites seeding the database)', async () => {
    expect(await recentIds()).toEqual([]);
    await writeBehind(entry('seeded', { day: today() }));
    store.dropCaches();
    expect(await recentIds()).toEqual(['seeded']);
  });

  it('does not keep a read that a write overtook', async () => {
    // A damaged entry is set aside during the read (more round trips to the database): the write lands meanwhile.
    await store.countEntries(); // the database exists
    await writeBehind({ id: 'damaged', day: today() } as unknown as Entry);
    const reading = snapshot(['recent']);
    await store.write({ entries: [entry('late', { day: today() })] });
    await reading;
    expect(await recentIds()).toEqual(['late']);
  });

  it('moves its two-week window with the day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 20, 12));
    await store.write({ entries: [entry('edge', { day: dayKey(Date.now() - 14 * DAY) })] });
    expect(await recentIds()).toEqual(['edge']);
    vi.setSystemTime(new Date(2026, 10, 21, 12));
    expect(await recentIds()).toEqual([]);
  });
});
