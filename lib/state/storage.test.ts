import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, items, readEntries, readSettings, readTimer } from './storage';

const entry = {
  id: 'e1',
  task: null,
  notes: 'n',
  day: '2026-11-22',
  startedAt: null,
  endedAt: null,
  durationMs: 60_000,
  running: false,
  booking: null,
  createdAt: 1,
  updatedAt: 1,
};

beforeEach(() => fakeBrowser.reset());

describe('storage', () => {
  it('runs migrations from an older version', async () => {
    await fakeBrowser.storage.local.set({ demo: { minutes: 90 }, demo$: { v: 1 } });
    const v2 = storage.defineItem<{ ms: number }>('local:demo', {
      fallback: { ms: 0 },
      version: 2,
      migrations: { 2: (old: { minutes: number }) => ({ ms: old.minutes * 60_000 }) },
    });
    await v2.migrate();
    expect(await v2.getValue()).toEqual({ ms: 5_400_000 });
    expect(await storage.getMeta('local:demo')).toEqual({ v: 2 });
  });

  it('reads back what it wrote', async () => {
    await items.entries.setValue([entry]);
    expect(await readEntries()).toEqual([entry]);
    expect(await readTimer()).toBeNull();
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads entries written before bookings existed as Local entries', async () => {
    const { booking: _, ...legacy } = entry;
    await fakeBrowser.storage.local.set({ entries: [legacy] });
    expect(await readEntries()).toEqual([entry]);
  });

  it('sets damaged entries aside and keeps the good ones', async () => {
    await fakeBrowser.storage.local.set({ entries: [entry, { id: 'broken', durationMs: 'lots' }] });
    expect(await readEntries()).toEqual([entry]);
    const { 'entries:unreadable': aside } = await fakeBrowser.storage.local.get('entries:unreadable');
    expect(aside).toMatchObject({ reason: '1 damaged entries', raw: [{ id: 'broken' }] });
  });

  it('sets an unreadable timer aside instead of failing', async () => {
    await fakeBrowser.storage.local.set({ timer: 'garbage' });
    expect(await readTimer()).toBeNull();
    const { 'timer:unreadable': aside } = await fakeBrowser.storage.local.get('timer:unreadable');
    expect(aside).toMatchObject({ raw: 'garbage' });
  });
});
