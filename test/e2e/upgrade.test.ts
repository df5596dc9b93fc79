import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/core/defaults';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { sendFromPopup } from '../support/actions';
import { launchStint, type Stint } from '../support/browser';
import { HostsServer } from '../support/hosts-server';
import { legacyLayout } from '../support/legacy';
import { readState } from '../support/state';

/**
 * Upgrading from the previous build, production build in real Chromium: the previous build's storage.local
 * layout (test/support/legacy.ts) is installed in a profile whose data layer is empty, Chromium is started again
 * on that profile (as after an update), and everything is compared field by field with what went in; then the
 * upgraded outbox syncs to the Harvest emulator with the account's stored token.
 */

const PROJECTION_KEYS = ['disabledIntegrations', 'dockHidden', 'idlePrompt', 'running', 'selectorOverrides', 'sites', 'suggest'];
type Values = Record<string, unknown>;

let server: HostsServer;
let emu: HarvestEmulator;
let demo: DemoSeed;
let stint: Stint;
let profileDir: string;
let legacy: ReturnType<typeof legacyLayout>;
const remote: { toDelete: number; synced: number } = { toDelete: 0, synced: 0 };

/** Runs in the worker: the previous build's storage.local and token, and Stint's data layer emptied. */
async function installLegacy(arg: { layout: Values; secret: { accountId: string; token: string } }) {
  const chrome = (globalThis as unknown as { chrome: typeof browser }).chrome;
  // Version 1 and the store each database has there (lib/background/secrets.ts creates `secrets` the same way).
  const open = (name: string, store?: string) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        if (store) req.result.createObjectStore(store);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const commit = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  // Stint's data layer as the new build creates it on first start: its stores, empty (no `migrated` record).
  const db = await open('stint');
  const stores = [...db.objectStoreNames];
  const clear = db.transaction(stores, 'readwrite');
  for (const name of stores) clear.objectStore(name).clear();
  await commit(clear);
  db.close();
  // The previous build kept tokens in this database already, in the same shape.
  const secrets = await open('stint-secrets', 'secrets');
  const put = secrets.transaction('secrets', 'readwrite');
  put.objectStore('secrets').put({ token: arg.secret.token }, arg.secret.accountId);
  await commit(put);
  secrets.close();
  await chrome.storage.local.clear();
  await chrome.storage.local.set(arg.layout);
  return chrome.storage.local.get(null);
}

/** Runs in the worker: what was set aside, oldest first. */
async function asideRecords(): Promise<{ what: string; reason: string; raw: unknown }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('stint');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const all = await new Promise<{ what: string; reason: string; raw: unknown }[]>((resolve, reject) => {
    const req = db.transaction('aside').objectStore('aside').getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return all;
}

const migrated = async (w: Worker) => (await readState(w, ['migrated'])).migrated ?? null;

/** Polls in a hook (expect.poll runs inside tests only). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
const localArea = (w: Worker) => w.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get(null));

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  const seed = { userId: demo.userId, projectId: demo.projects.difference.id, taskId: demo.taskIds.programming, hours: 1 };
  const day = new Date().toLocaleDateString('en-CA');
  remote.toDelete = emu.addTimeEntry({ ...seed, spentDate: day, notes: 'Deleted here, still on Harvest' });
  remote.synced = emu.addTimeEntry({ ...seed, spentDate: day, notes: 'Synced yesterday' });
  server = await new HostsServer().start();
  server.emulator(emu);
  legacy = legacyLayout({
    harvestAccount: demo.accountId,
    harvestUser: demo.userId,
    project: demo.projects.difference.id,
    task: demo.taskIds.programming,
    remoteToDelete: remote.toDelete,
    remoteSynced: remote.synced,
  });
  profileDir = mkdtempSync(join(tmpdir(), 'stint-upgrade-'));
  // A profile with the extension installed, then given the previous build's data, then closed.
  const first = await launchStint({ port: server.port, profileDir });
  try {
    const worker = await first.worker();
    // Its start-up done (migration of nothing, then the projection written), so nothing of it overwrites ours.
    await until(
      () => migrated(worker),
      (m) => m !== null,
      'the first start to set up its data layer',
    );
    await until(
      async () => Object.keys(await localArea(worker)).sort(),
      (keys) => keys.join() === PROJECTION_KEYS.join(),
      'the first start to write its projection',
    );
    const installed = await worker.evaluate(installLegacy, {
      layout: legacy.layout,
      secret: { accountId: legacy.harvest, token: demo.token },
    });
    expect(installed).toEqual(legacy.layout);
    expect(await localArea(worker)).toEqual(legacy.layout);
  } finally {
    await first.close();
  }
  // Chromium started again on that profile: the first start of the new build's worker on the old data.
  stint = await launchStint({ port: server.port, profileDir });
  const worker = await stint.worker();
  await until(
    () => migrated(worker),
    (m) => m !== null,
    'the upgraded start to migrate',
  );
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('upgrade from the previous build', () => {
  it('keeps every entry, outbox record, account, project list and setting, field by field', async () => {
    const old = legacy.layout;
    const oldStatus = old.status as Record<string, unknown>;
    const oldOutbox = old.outbox as Record<string, unknown>;
    const now = await readState(await stint.worker());
    const goodEntries = (old.entries as unknown as { id: string }[]).filter((e) => e.id !== 'broken-entry');
    expect(byId(now.entries as { id: string }[])).toEqual(byId(goodEntries));
    expect(now.outbox).toEqual(old.outbox);
    expect(now.assignments).toEqual(old.assignments);
    // Every setting the user had, as it was; settings added since take their defaults.
    expect(now.settings).toEqual({ ...DEFAULT_SETTINGS, ...(old.settings as object) });
    for (const key of [
      'timer',
      'accounts',
      'defaultAccount',
      'lastBooking',
      'sites',
      'selectorOverrides',
      'disabledIntegrations',
      'rules',
      'oauthClientIds',
      'pace',
    ]) {
      expect({ key, value: now[key] }).toEqual({ key, value: old[key] });
    }
    // Connection status is the background's to rewrite (it checks each linked account at start); the status of
    // an account nothing checks any more arrives untouched, and every linked account has one.
    const status = now.status as Record<string, unknown>;
    expect(status['toggl:1']).toEqual(oldStatus['toggl:1']);
    expect(Object.keys(status).sort()).toEqual(Object.keys(oldStatus).sort());
    expect(now.migrated).toMatchObject({ entries: goodEntries.length, outbox: Object.keys(oldOutbox).length });
  });

  it('sets aside what it could not read, including what the previous build had set aside', async () => {
    const aside = await (await stint.worker()).evaluate(asideRecords);
    expect(aside.map((a) => a.what).sort()).toEqual(['legacy:entry', 'legacy:rules:unreadable']);
    expect(aside.find((a) => a.what === 'legacy:entry')?.raw).toEqual({ id: 'broken-entry', notes: 42 });
    expect(aside.find((a) => a.what === 'legacy:rules:unreadable')?.raw).toEqual(legacy.layout['rules:unreadable']);
  });

  it('leaves only the content scripts’ projection in storage.local', async () => {
    const area = (await localArea(await stint.worker())) as Values;
    expect(Object.keys(area).sort()).toEqual(PROJECTION_KEYS);
    const timer = legacy.layout.timer as { startedAt: number; task: { integration: string; id: string } };
    expect(area.running).toEqual({ key: `${timer.task.integration}:${timer.task.id}`, startedAt: timer.startedAt });
    for (const key of ['sites', 'selectorOverrides', 'disabledIntegrations']) expect(area[key]).toEqual(legacy.layout[key]);
  });

  it('shows the upgraded data: the accounts in options, the running timer and today in the popup', async () => {
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    for (const id of [legacy.harvest, legacy.clockify, legacy.toggl])
      await options.locator(`li.account[data-account-id="${id}"]`).waitFor();
    await options.close();
    const popup = await stint.popup();
    await popup.locator('.running').waitFor();
    // Today's list, the running entry first (the same entries may also be offered under "Continue recent work").
    await popup.locator('.today li[data-running="true"]').getByText('Running since before the upgrade').waitFor();
    await popup.locator('.today').getByText('Carry lever: café ☕, naïve fix').waitFor();
    await popup.locator('.today').getByText('Saved offline, waiting to sync').waitFor();
    await popup.close();
  });

  it('syncs the upgraded outbox with the stored token: creates what waited, deletes what was deleted', async () => {
    expect(await sendFromPopup(stint, { type: 'sync.now' })).toEqual({ ok: true });
    const notes = () => (emu.timeEntries({ accountId: demo.accountId }) as { notes: string | null }[]).map((e) => e.notes);
    await expect.poll(notes, { timeout: 20_000 }).toContain('Saved offline, waiting to sync');
    await expect.poll(() => emu.timeEntry(remote.toDelete) ?? null, { timeout: 20_000 }).toBeNull();
    expect(emu.timeEntry(remote.synced)).toBeDefined();
    expect(notes().filter((n) => n === 'Saved offline, waiting to sync')).toHaveLength(1);
    // Every request carried the token that was stored before the upgrade.
    expect(emu.log.filter({}).every((r) => r.token === demo.token)).toBe(true);
    type Rec = { remoteId: string | null; nextAt: number | null };
    const outbox = async () => (await readState(await stint.worker(), ['outbox'])).outbox as Record<string, Rec>;
    await expect.poll(async () => (await outbox())['h-pending']?.remoteId ?? null, { timeout: 20_000 }).not.toBeNull();
    await expect.poll(async () => 'h-deleted' in (await outbox()), { timeout: 20_000 }).toBe(false);
    // Parked until the user edits the entry: asking to sync does not resend what the server refused.
    expect((await outbox())['h-parked']).toMatchObject({ remoteId: null, nextAt: null });
  });
});
