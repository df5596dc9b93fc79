import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { entry, syncRecord } from '../../test/support/entries';
import { DEFAULT_SETTINGS } from '../core/defaults';
import type { Entry } from '../core/entry';
import type { SyncRecord } from '../core/schemas';
import { migrateLegacy } from './migrate';
import { project } from './projection';
import * as store from './store';

describe('data layer', () => {
  it('reads back what it wrote, one record per entry, and falls back when nothing is stored', async () => {
    expect(await store.get('timer')).toBeNull();
    expect(await store.get('settings')).toEqual(DEFAULT_SETTINGS);
    await store.write({ entries: [entry('a', { day: '2026-11-20' }), entry('b', { day: '2026-11-22' })], outbox: { a: syncRecord('a') } });
    expect(await store.entry('a')).toEqual(entry('a', { day: '2026-11-20' }));
    expect((await store.allEntries()).map((e) => e.id)).toEqual(['b', 'a']);
    expect(await store.outbox()).toEqual({ a: syncRecord('a') });
    await store.write({ deleteEntries: ['a'], deleteOutbox: ['a'] });
    expect(await store.entry('a')).toBeNull();
    expect(await store.outbox()).toEqual({});
  });

  it('reads a day range through the day index, newest first', async () => {
    await store.write({
      entries: [entry('old', { day: '2025-01-01' }), entry('x', { day: '2026-11-21' }), entry('y', { day: '2026-11-23', createdAt: 5 })],
    });
    expect((await store.entriesFrom('2026-11-21')).map((e) => e.id)).toEqual(['y', 'x']);
    expect((await store.latestEntry())?.id).toBe('y');
  });

  it('tells listeners which topics a write changed', async () => {
    const seen: string[][] = [];
    const off = store.onChange((topics) => seen.push([...topics]));
    await store.write({ kv: { timer: null, settings: DEFAULT_SETTINGS }, entries: [entry('a', { day: '2026-11-20' })] });
    // Told after the writer's own continuation (its reply leaves first), in the next task.
    expect(seen).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    off();
    expect(seen).toEqual([['timer', 'settings', 'entries']]);
  });

  it('update writes nothing when the function gives back the value it got', async () => {
    await store.write({ kv: { dockHidden: ['github'] } });
    const tick = () => new Promise((r) => setTimeout(r, 0));
    await tick();
    const seen: string[][] = [];
    const off = store.onChange((topics) => seen.push([...topics]));
    await store.update('dockHidden', (ids) => ids);
    await tick();
    expect(seen).toEqual([]);
    expect(await store.update('dockHidden', (ids) => [...ids, 'gitlab'])).toEqual(['github', 'gitlab']);
    await tick();
    off();
    expect(seen).toEqual([['dockHidden']]);
    store.dropCaches(); // read back from the database, not the cache
    expect(await store.get('dockHidden')).toEqual(['github', 'gitlab']);
  });

  it('sets a damaged entry aside and keeps the good ones', async () => {
    await store.write({
      entries: [entry('a', { day: '2026-11-20' }), { ...entry('broken', { day: '2026-11-20' }), durationMs: 'lots' } as unknown as Entry],
    });
    expect((await store.allEntries()).map((e) => e.id)).toEqual(['a']);
    expect(await store.asideRecords()).toMatchObject([{ what: 'entry', raw: { id: 'broken' } }]);
    expect(await store.countEntries()).toBe(1);
  });

  it('sets an unreadable record aside instead of failing', async () => {
    await store.write({ kv: { timer: 'garbage' as unknown as null } });
    expect(await store.get('timer')).toBeNull();
    expect(await store.asideRecords()).toMatchObject([{ what: 'kv:timer', raw: 'garbage' }]);
  });
});

describe('the outbox as this worker holds it', () => {
  it('follows every write once read whole, and serves the records an intent asks for', async () => {
    await store.write({ outbox: { a: syncRecord('a'), b: syncRecord('b') } });
    expect(Object.keys(await store.outbox()).sort()).toEqual(['a', 'b']);
    await store.write({ outbox: { c: syncRecord('c', { attempts: 2 }) }, deleteOutbox: ['a'] });
    const now = await store.outbox();
    expect(Object.keys(now).sort()).toEqual(['b', 'c']);
    expect(now.c?.attempts).toBe(2);
    expect(await store.outboxRecords(['a', 'c'])).toEqual({ c: now.c });
    // The same after the connection (and what it held) is dropped: it came from the database, not memory alone.
    await store.closeStore();
    expect(Object.keys(await store.outbox()).sort()).toEqual(['b', 'c']);
  });

  it('does not keep a whole read that a write overtook', async () => {
    await store.write({ outbox: { a: syncRecord('a') } });
    const reading = store.outbox();
    await store.write({ outbox: { b: syncRecord('b') } });
    await reading;
    expect(Object.keys(await store.outbox()).sort()).toEqual(['a', 'b']);
  });

  it('hands out records nobody can edit in place', async () => {
    await store.write({ outbox: { a: syncRecord('a') } });
    const rec = (await store.outbox()).a as SyncRecord;
    expect(Object.isFrozen(rec)).toBe(true);
    expect(() => {
      (rec as { attempts: number }).attempts = 5;
    }).toThrow();
  });
});

/** Writes behind the store's back, as the test suites' seeding does (test/support/state.ts). */
const writeBehind = (key: string | null, value: unknown, into: 'kv' | 'entries' | 'assignments' = 'kv') =>
  new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(store.DB_NAME);
    req.onsuccess = () => {
      const tx = req.result.transaction(into, 'readwrite');
      if (key === null) tx.objectStore(into).put(value);
      else tx.objectStore(into).put(value, key);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });

describe('the single values as this worker holds them', () => {
  it('serves what it read or wrote from memory until its caches are dropped', async () => {
    await store.write({ kv: { defaultAccount: 'harvest:1' } });
    expect(await store.get('sites')).toEqual({});
    await writeBehind('defaultAccount', 'clockify:w');
    await writeBehind('sites', { 'https://git.example.com': 'gitlab' });
    // Both come from memory: the one written through the store and the one read from it.
    expect(await store.getMany(['defaultAccount', 'sites'])).toEqual({ defaultAccount: 'harvest:1', sites: {} });
    store.dropCaches();
    expect(await store.getMany(['defaultAccount', 'sites'])).toEqual({
      defaultAccount: 'clockify:w',
      sites: { 'https://git.example.com': 'gitlab' },
    });
  });

  it('keeps the value as a read gives it back, and hands out values nobody can edit in place', async () => {
    await store.write({ kv: { settings: { ...DEFAULT_SETTINGS, notesTemplate: 'x' } } });
    const settings = await store.get('settings');
    expect(settings.notesTemplate).toBe('x');
    expect(Object.isFrozen(settings)).toBe(true);
    expect(() => {
      (settings as { notesTemplate: string }).notesTemplate = 'y';
    }).toThrow();
    store.dropCaches();
    expect(await store.get('settings')).toEqual(settings);
  });

  it('does not keep a read that a write overtook', async () => {
    await store.countEntries(); // the database exists
    await writeBehind('defaultAccount', 'old');
    const reading = store.get('defaultAccount');
    await store.write({ kv: { defaultAccount: 'new' } });
    await reading;
    expect(await store.get('defaultAccount')).toBe('new');
  });
});

describe('entries by id as this worker holds them', () => {
  it('serves entries it read or wrote from memory, follows writes and deletes, and forgets them when dropped', async () => {
    await store.write({ entries: [entry('a', { day: '2026-11-20' }), entry('b', { day: '2026-11-21' })] });
    expect((await store.entriesById(['a', 'b', 'none'])).map((e) => e.id)).toEqual(['a', 'b']);
    const task = { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1' };
    await store.write({ entries: [entry('a', { day: '2026-11-20', notes: 'edited', task })], deleteEntries: ['b'] });
    const [a] = await store.entriesById(['a', 'b']);
    expect(a?.notes).toBe('edited');
    expect(await store.entry('b')).toBeNull();
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.task)).toBe(true);
    // From the database again after the caches are dropped: the same.
    store.dropCaches();
    expect(await store.entry('a')).toEqual(a);
  });

  it('does not keep a read that a write overtook', async () => {
    await store.write({ entries: [entry('a', { day: '2026-11-20' })] });
    store.dropCaches();
    const reading = store.entry('a');
    await store.write({ entries: [entry('a', { day: '2026-11-20', notes: 'new' })] });
    await reading;
    expect((await store.entry('a'))?.notes).toBe('new');
  });
});

describe('migration from the previous build', () => {
  const legacy = {
    timer: entry('t', {
      day: '2026-11-22',
      running: true,
      startedAt: 5,
      task: { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1' },
    }),
    entries: [entry('a', { day: '2026-11-20' }), { id: 'broken' }],
    outbox: { a: syncRecord('a'), 'a@clockify:w': syncRecord('a', { accountId: 'clockify:w', deleted: true }) },
    settings: { notesTemplate: '{title}', attachTask: false },
    accounts: [],
    defaultAccount: 'local',
    rules: [{ integration: 'github', groupId: '*', accountId: 'harvest:1', projectId: 'p', taskId: 't' }],
    assignments: { 'harvest:1': { fetchedAt: 3, list: [{ projectId: 'p', projectName: 'P', taskId: 't', taskName: 'T' }] } },
    sites: { 'https://git.example.com': 'gitlab' },
    entries$: { v: 1 },
    // What the previous build had set aside itself.
    'rules:unreadable': { at: 2, reason: 'Expected array', raw: 'garbage' },
  };

  it('moves every item into the data layer once, sets the unreadable aside, and removes the old items', async () => {
    await fakeBrowser.storage.local.set(legacy);
    expect(await migrateLegacy(fakeBrowser.storage.local, 10)).toEqual({ entries: 1, outbox: 2 });
    expect((await store.get('timer'))?.id).toBe('t');
    expect((await store.allEntries()).map((e) => e.id)).toEqual(['a']);
    expect(Object.keys(await store.outbox()).sort()).toEqual(['a', 'a@clockify:w']);
    expect(await store.get('settings')).toEqual({ ...DEFAULT_SETTINGS, notesTemplate: '{title}', attachTask: false });
    expect(await store.get('rules')).toEqual(legacy.rules);
    expect(await store.assignments('harvest:1')).toEqual(legacy.assignments['harvest:1']);
    expect(await store.get('sites')).toEqual(legacy.sites);
    expect(await store.asideRecords()).toMatchObject([
      { what: 'legacy:rules:unreadable', raw: legacy['rules:unreadable'], reason: 'set aside by the previous build: Expected array' },
      { what: 'legacy:entry', raw: { id: 'broken' } },
    ]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // Once: what a page writes into storage.local afterwards is never read.
    await fakeBrowser.storage.local.set({ accounts: [{ id: 'evil' }], outbox: {} });
    expect(await migrateLegacy(fakeBrowser.storage.local)).toBeNull();
    expect(Object.keys(await store.outbox())).toHaveLength(2);
  });

  it('sets aside whole items of the wrong shape and damaged project lists, never drops them', async () => {
    const damaged = { entries: { not: 'a list' }, outbox: ['nope'], assignments: { 'harvest:1': { list: 'x' } } };
    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.local.set(damaged);
    expect(await migrateLegacy(fakeBrowser.storage.local)).toEqual({ entries: 0, outbox: 0 });
    expect(await store.asideRecords()).toMatchObject([
      { what: 'legacy:entries', raw: damaged.entries },
      { what: 'legacy:outbox', raw: damaged.outbox },
      { what: 'legacy:assignments:harvest:1', raw: damaged.assignments['harvest:1'] },
    ]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('projects only what a button needs into storage.local', async () => {
    await fakeBrowser.storage.local.set(legacy);
    await migrateLegacy(fakeBrowser.storage.local);
    await project(fakeBrowser.storage.local);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      running: { key: 'github:o/r#1', startedAt: 5 },
      sites: legacy.sites,
      selectorOverrides: {},
      disabledIntegrations: [],
      dockHidden: [],
      suggest: false,
    });
  });
});

describe('the recent days as this worker holds them', () => {
  const ids = async (from: string) => (await store.entriesFrom(from)).map((e) => e.id);

  it('serves a range it read from memory, follows writes, moves and deletes, and forgets it when dropped', async () => {
    await store.write({
      entries: [entry('old', { day: '2026-10-01' }), entry('a', { day: '2026-11-20' }), entry('b', { day: '2026-11-21' })],
    });
    expect(await ids('2026-11-20')).toEqual(['b', 'a']);
    // Behind the store's back: not seen while the window is kept.
    await writeBehind(null, entry('behind', { day: '2026-11-22' }), 'entries');
    await store.write({ entries: [entry('c', { day: '2026-11-23' }), entry('b', { day: '2026-09-30' })], deleteEntries: ['a'] });
    expect(await ids('2026-11-20')).toEqual(['c']);
    expect(await ids('2026-11-23')).toEqual(['c']);
    const [c] = await store.entriesFrom('2026-11-23');
    expect(Object.isFrozen(c)).toBe(true);
    // A wider range than the window is read from the database.
    expect(await ids('2026-09-01')).toEqual(['c', 'behind', 'old', 'b']);
    store.dropCaches();
    expect(await ids('2026-11-20')).toEqual(['c', 'behind']);
  });

  it('does not keep a range read that a write overtook', async () => {
    await store.write({ entries: [entry('a', { day: '2026-11-20' })] });
    const reading = store.entriesFrom('2026-11-20');
    await store.write({ entries: [entry('b', { day: '2026-11-21' })] });
    await reading;
    expect(await ids('2026-11-20')).toEqual(['b', 'a']);
  });
});

describe('the project lists as this worker holds them', () => {
  const list = (projectId: string): store.AssignmentCache => ({
    fetchedAt: 1,
    list: [{ projectId, taskId: 't', projectName: projectId, taskName: 'T' }],
  });

  it('serves the lists it read or wrote from memory, follows writes and drops, and forgets them when dropped', async () => {
    await store.write({ assignments: { 'harvest:1': list('p1') } });
    expect(Object.keys(await store.allAssignments())).toEqual(['harvest:1']);
    await writeBehind('clockify:w', list('behind'), 'assignments');
    expect(Object.keys(await store.allAssignments())).toEqual(['harvest:1']);
    await store.write({ assignments: { 'toggl:9': list('p9'), 'harvest:1': null } });
    expect(Object.keys(await store.allAssignments())).toEqual(['toggl:9']);
    const kept = await store.assignments('toggl:9');
    expect(kept?.list[0]?.projectId).toBe('p9');
    expect(Object.isFrozen(kept?.list[0])).toBe(true);
    store.dropCaches();
    expect(Object.keys(await store.allAssignments()).sort()).toEqual(['clockify:w', 'toggl:9']);
  });

  it('keeps a copy of what was written: the writer may go on editing its own object', async () => {
    const mine = list('p1');
    await store.write({ assignments: { 'harvest:1': mine } });
    mine.list[0] = { projectId: 'edited', taskId: 't', projectName: 'E', taskName: 'T' };
    expect((await store.assignments('harvest:1'))?.list[0]?.projectId).toBe('p1');
  });

  it('does not keep a read that a write overtook', async () => {
    await store.write({ assignments: { 'harvest:1': list('old') } });
    store.dropCaches();
    const reading = store.assignments('harvest:1');
    await store.write({ assignments: { 'harvest:1': list('new') } });
    await reading;
    expect((await store.assignments('harvest:1'))?.list[0]?.projectId).toBe('new');
  });
});
