import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sendFromPopup, settled } from '../support/actions';
import {
  contentScriptWorld,
  dumpLocal,
  HOSTILE_TASK,
  HOSTILE_URL,
  hostilePage,
  linkDemoHarvest,
  useSecurityRig,
} from '../support/security';
import { readState } from '../support/state';

/**
 * storage.local from a content script's rights, production build in real Chromium (DESIGN.md "Security"): a
 * content script on a matched page reads it and writes it (it may: storage.local is shared with content scripts),
 * acting from its own isolated world through CDP. It must find nothing but what a button needs, and nothing it
 * writes may send a secret elsewhere or delete a remote entry, whatever the background does next (sync, restart).
 */

const rig = useSecurityRig();
const EVIL = 'evil.test';
const NOTES = 'Quarterly numbers for ACME, do not share';
const PROJECTION = ['disabledIntegrations', 'dockHidden', 'idlePrompt', 'running', 'selectorOverrides', 'sites', 'suggest'];

type Rec = { entryId: string; accountId: string; remoteId: string | null };

/** Sends a message from an extension page (the popup), as the user's own UI does. */
const fromPopup = (message: unknown) => sendFromPopup(rig.stint, message);

describe('storage.local seen and written from a content script', () => {
  const accountId = () => `harvest:${rig.demo.accountId}`;
  const booking = () => ({
    accountId: accountId(),
    projectId: String(rig.demo.projects.difference.id),
    taskId: String(rig.demo.taskIds.programming),
  });
  let page: Page;
  /** An entry Stint synced (its remote id), and one a colleague made in Harvest that Stint never knew. */
  let synced: { entryId: string; remoteId: string };
  let foreignRemoteId: number;

  // expect.poll runs inside a test only: the first test that needs the setup runs it, once.
  let ready: Promise<void> | null = null;
  const setup = () => {
    ready ??= prepare();
    return ready;
  };
  async function prepare() {
    rig.server.permissive(EVIL); // an attacker's server, ready to take whatever is sent to it
    await linkDemoHarvest(rig);
    expect(
      await fromPopup({ type: 'entry.save', task: null, notes: `${NOTES} (saved)`, time: '1:00', day: today(), booking: booking() }),
    ).toMatchObject({
      ok: true,
    });
    await settled(rig.stint, 30_000, accountId());
    const outbox = (await readState(await rig.stint.worker(), ['outbox'])).outbox as Record<string, Rec>;
    const rec = Object.values(outbox).find((r) => r.accountId === accountId() && r.remoteId);
    if (!rec?.remoteId) throw new Error('the saved entry did not sync');
    synced = { entryId: rec.entryId, remoteId: rec.remoteId };
    foreignRemoteId = rig.emu.addTimeEntry({
      userId: rig.demo.userId,
      projectId: rig.demo.projects.difference.id,
      taskId: rig.demo.taskIds.programming,
      spentDate: today(),
      hours: 2,
      notes: 'Made in Harvest by a colleague',
    });
    // A timer with notes and a project, on the hostile page's own task.
    const task = { integration: 'github', id: HOSTILE_TASK, title: 'Hostile issue', url: HOSTILE_URL };
    expect(await fromPopup({ type: 'timer.start', task, notes: NOTES, booking: booking() })).toMatchObject({ ok: true });
    page = await hostilePage(rig.stint);
    await expect.poll(() => page.locator('stint-button').getAttribute('data-state')).toBe('running');
  }

  it('reads only the running task’s key and start and the site settings: no notes, projects or account data', async () => {
    await setup();
    const world = await contentScriptWorld(rig.stint, page);
    const seen = await world.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: typeof browser }).chrome;
      const all = await c.storage.local.get(null);
      // Asking the background for the pages' state is refused to a content script.
      const asked = await c.runtime.sendMessage({
        type: 'state.get',
        topics: ['timer', 'recent', 'accounts', 'assignments', 'status', 'lastBooking', 'pending', 'rules', 'settings', 'sites'],
      });
      return { all, asked: JSON.stringify(asked) };
    }, null);
    await world.detach();

    expect(Object.keys(seen.all).sort()).toEqual(PROJECTION);
    expect(seen.all.running).toEqual({ key: `github:${HOSTILE_TASK}`, startedAt: expect.any(Number) });
    const text = JSON.stringify(seen.all);
    const linked = (await readState(await rig.stint.worker(), ['accounts'])).accounts as { accountName: string; userName: string }[];
    const secrets = [
      NOTES,
      'Difference', // the project's name
      'Programming', // the task's name
      rig.demo.token,
      accountId(),
      String(rig.demo.accountId),
      ...linked.flatMap((a) => [a.accountName, a.userName]),
    ];
    for (const s of secrets) expect({ s, in: text.includes(s) }).toEqual({ s, in: false });
    expect(seen.asked).toMatch(/"ok":false/);
    for (const s of secrets) expect({ s, in: seen.asked.includes(s) }).toEqual({ s, in: false });
  });

  it('what it writes neither sends the token elsewhere nor deletes a remote entry, through a sync and a restart', async () => {
    await setup();
    const before = await readState(await rig.stint.worker());
    const requestsBefore = rig.server.log.length;
    const world = await contentScriptWorld(rig.stint, page);
    const forged = await world.evaluate(
      async (f) => {
        const c = (globalThis as unknown as { chrome: typeof browser }).chrome;
        // Well-formed records, so a background that read them would act on them.
        const tombstone = (entryId: string, remoteId: string) => ({
          entryId,
          accountId: f.accountId,
          remoteId,
          wantVersion: Date.now(),
          pushedVersion: 0,
          remoteRunning: false,
          deleted: true,
          snapshot: {
            id: entryId,
            task: null,
            notes: 'x',
            day: '2026-01-01',
            startedAt: null,
            endedAt: null,
            durationMs: 60_000,
            running: false,
            booking: { accountId: f.accountId, projectId: '1', taskId: '1', projectName: '', taskName: '' },
            createdAt: 1,
            updatedAt: 1,
          },
          createAttemptAt: null,
          sent: null,
          attempts: 0,
          nextAt: 0,
          error: null,
        });
        const base = { accountName: 'x', userId: '1', userName: 'x', auth: 'token', timestampTimers: false, clock: '24h', addedAt: 1 };
        await c.storage.local.set({
          // The linked account turned into a Clockify one on another host (its token would go as X-Api-Key), and a
          // default account there.
          accounts: [
            { ...base, id: f.accountId, provider: 'clockify', remoteAccountId: f.remoteAccountId, baseUrl: `https://${f.evil}/api/v1` },
            { ...base, id: 'clockify:evil', provider: 'clockify', remoteAccountId: 'evil', baseUrl: `https://${f.evil}/api/v1` },
          ],
          defaultAccount: f.accountId,
          // Deletions of the synced entry and of one Stint never made, due now.
          outbox: { [f.synced.entryId]: tombstone(f.synced.entryId, f.synced.remoteId), forged: tombstone('forged', f.foreign) },
          // A different running timer, an emptied history, the previous build's layout markers.
          timer: {
            id: 'forged',
            task: null,
            notes: 'forged',
            day: '2026-01-01',
            startedAt: 1,
            endedAt: null,
            durationMs: 0,
            running: true,
            booking: null,
            createdAt: 1,
            updatedAt: 1,
          },
          entries: [],
          entries$: { v: 1 },
          outbox$: { v: 1 },
          migrated: null,
          pace: { harvest: { requests: 1, windowMs: 1 } },
          // What buttons show (theirs to spoil, and only that).
          running: { key: 'github:evil-org/hostile#1', startedAt: 0 },
        });
        return Object.keys(await c.storage.local.get(null)).sort();
      },
      { accountId: accountId(), remoteAccountId: String(rig.demo.accountId), evil: EVIL, synced, foreign: String(foreignRemoteId) },
    );
    await world.detach();
    expect(forged).toEqual(expect.arrayContaining(['accounts', 'outbox', 'timer', 'migrated', 'entries$']));

    // Nothing went to the other host, no request carried the token anywhere but Harvest, nothing was deleted
    // remotely (checked after each step, so a background that trusted storage.local fails here, not later).
    const harvestHosts = ['api.harvestapp.com', 'id.getharvest.com'];
    const nothingLeaked = (step: string) => {
      const after = rig.server.log.slice(requestsBefore);
      expect({ step, toEvil: after.filter((r) => r.host === EVIL) }).toEqual({ step, toEvil: [] });
      const carried = rig.server.log.filter((r) => !harvestHosts.includes(r.host) && r.credentials.includes(rig.demo.token));
      expect({ step, carried }).toEqual({ step, carried: [] });
      expect({ step, deletes: rig.emu.log.filter({ method: 'DELETE' }) }).toEqual({ step, deletes: [] });
      expect({ step, synced: rig.emu.timeEntry(Number(synced.remoteId)) !== undefined }).toEqual({ step, synced: true });
      expect({ step, foreign: rig.emu.timeEntry(foreignRemoteId) !== undefined }).toEqual({ step, foreign: true });
    };

    // The background carries on: a new entry for the linked account and a sync; a restart and another sync.
    const save = { type: 'entry.save', task: null, notes: 'after the forgery', time: '0:30', day: today(), booking: booking() };
    expect(await fromPopup(save)).toMatchObject({ ok: true });
    expect(await fromPopup({ type: 'sync.now' })).toMatchObject({ ok: true });
    nothingLeaked('first sync');
    await rig.stint.killWorker();
    await rig.stint.worker();
    expect(await fromPopup({ type: 'sync.now' })).toMatchObject({ ok: true });
    nothingLeaked('sync after a restart');
    // The sync did happen, to Harvest, with the token (the test is not vacuous).
    await settled(rig.stint, 30_000, accountId());
    const notes = (rig.emu.timeEntries({ accountId: rig.demo.accountId }) as { notes: string | null }[]).map((e) => e.notes);
    expect(notes).toContain('after the forgery');
    nothingLeaked('settled');

    // Stint's own state is what it was, plus the new entry; storage.local is the projection again.
    const now = await readState(await rig.stint.worker());
    expect(now.accounts).toEqual(before.accounts);
    expect(now.defaultAccount).toEqual(before.defaultAccount);
    expect(now.timer).toEqual(before.timer);
    expect(now.pace).toEqual(before.pace);
    const ids = (list: unknown) => (list as { id: string }[]).map((e) => e.id);
    expect(ids(now.entries)).toEqual(expect.arrayContaining(ids(before.entries)));
    // Added: the new entry, once; and, if a popup sync's read-back ran (as the request budget allows, not on every
    // sync), the entry made in Harvest itself, once.
    const added = (now.entries as { id: string; notes: string }[]).filter((e) => !ids(before.entries).includes(e.id));
    const notesAdded = added.map((e) => e.notes).sort();
    expect([['after the forgery'], ['Made in Harvest by a colleague', 'after the forgery']]).toContainEqual(notesAdded);
    expect(Object.values(now.outbox as Record<string, Rec & { deleted: boolean }>).filter((r) => r.deleted)).toEqual([]);
    const area = await dumpLocal(rig.stint);
    expect(area.running).toEqual({ key: `github:${HOSTILE_TASK}`, startedAt: (before.timer as { startedAt: number }).startedAt });
    expect(await page.locator('stint-button').getAttribute('data-state')).toBe('running');
  });
});

function today(): string {
  return new Date().toLocaleDateString('en-CA');
}
