import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, linkHarvestByToken, settled } from '../support/actions';
import type { Stint } from '../support/browser';
import { sendFrom } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/** Harvest changes made elsewhere reach Stint; a start/end-time (timestamp) account gets times, not just hours. */

const ISSUE_13 = 'https://github.com/octo-org/hello-world/issues/13';
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;
let stamp: DemoSeed;

let rig: Rig;
beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  stamp = emu.seedDemo({ timestamp: true, clock: '24h' });
  rig = await startStint({ emulators: [emu], fixtures: [fixture] });
  ({ stint } = rig);
});

afterAll(() => rig?.close());

/** Harvest's web app, as another client of the same account. */
async function harvestWeb(seed: DemoSeed, path: string, method: string, body?: unknown) {
  const res = await emu.fetch(`https://api.harvestapp.com${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${seed.token}`,
      'Harvest-Account-Id': String(seed.accountId),
      'User-Agent': 'Harvest web (test)',
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { id: number; [k: string]: unknown };
}

/** Opening the popup asks Stint to sync and look for remote changes. */
async function openPopup(): Promise<Page> {
  return stint.popup();
}

describe('Harvest: remote changes and start/end-time accounts', () => {
  it('follows a timer started and stopped in Harvest itself, buttons included', async () => {
    const options = await linkHarvestByToken(stint, demo.token, demo.accountId);
    await options.close();
    const page = await stint.context.newPage();
    await page.goto(ISSUE_13);
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');

    const today = new Date().toLocaleDateString('en-CA');
    const started = await harvestWeb(demo, '/v2/time_entries', 'POST', {
      project_id: demo.projects.analytical.id,
      task_id: demo.taskIds.meetings,
      spent_date: today,
      notes: 'Started in Harvest',
      external_reference: { id: 'octo-org/hello-world#13', group_id: 'octo-org/hello-world', permalink: ISSUE_13 },
    });
    let popup = await openPopup();
    await expect.poll(() => popup.locator('.running-title').textContent(), { timeout: 15_000 }).toContain('Started in Harvest');
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    await popup.close();

    await harvestWeb(demo, `/v2/time_entries/${started.id}/stop`, 'PATCH');
    popup = await openPopup();
    await expect.poll(() => popup.locator('.running').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    // Nothing was sent back: the stop came from Harvest.
    expect(emu.timeEntries({ accountId: demo.accountId })).toHaveLength(1);
    await Promise.all([page.close(), popup.close()]);
  });

  it('a tab gaining focus looks for a timer started in Harvest, waking a stopped worker; no popup needed', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_13);
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    const other = await stint.context.newPage(); // the issue's tab is in the background now
    const today = new Date().toLocaleDateString('en-CA');
    await harvestWeb(demo, '/v2/time_entries', 'POST', {
      project_id: demo.projects.analytical.id,
      task_id: demo.taskIds.meetings,
      spent_date: today,
      notes: 'Started in Harvest, seen on focus',
      external_reference: { id: 'octo-org/hello-world#13', group_id: 'octo-org/hello-world', permalink: ISSUE_13 },
    });
    // The worker stopped (as after 30 s idle), and the budgets forgot the last look: nothing polls on a clock.
    await (await stint.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { session: { remove(k: string): Promise<void> } } } }).chrome.storage.session.remove(
        'budgets',
      ),
    );
    await stint.killWorker();
    await page.bringToFront();
    await expect.poll(() => buttons(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    // Stopped here: Harvest follows.
    const popup = await openPopup();
    expect(await sendFrom(popup, { type: 'timer.stop' })).toEqual({ ok: true });
    await settled(stint);
    expect(emu.timeEntries({ accountId: demo.accountId }).filter((e) => (e as { is_running: boolean }).is_running)).toEqual([]);
    await popup.close();
    await Promise.all([page.close(), other.close()]);
  });

  it('books start and end times on a timestamp account', async () => {
    const options = await linkHarvestByToken(stint, stamp.token, stamp.accountId);
    await options.close();
    const popup = await openPopup();
    const booking = {
      accountId: `harvest:${stamp.accountId}`,
      projectId: String(stamp.projects.difference.id),
      taskId: String(stamp.taskIds.design),
    };
    const today = new Date().toLocaleDateString('en-CA');
    expect(
      await sendFrom(popup, {
        type: 'entry.save',
        task: null,
        notes: 'Range on a timestamp account',
        time: '9:00-10:30',
        day: today,
        booking,
      }),
    ).toEqual({
      ok: true,
    });
    expect(await sendFrom(popup, { type: 'timer.start', task: null, notes: 'Timer on a timestamp account', booking })).toEqual({
      ok: true,
    });
    await settled(stint);
    const list = emu.timeEntries({ accountId: stamp.accountId }) as Array<Record<string, unknown>>;
    expect(list.find((e) => e.notes === 'Range on a timestamp account')).toMatchObject({
      started_time: '09:00',
      ended_time: '10:30',
      hours: 1.5,
    });
    expect(list.find((e) => e.notes === 'Timer on a timestamp account')).toMatchObject({ is_running: true, ended_time: null });
    await sendFrom(popup, { type: 'timer.stop' });
    await settled(stint);
    const stopped = (emu.timeEntries({ accountId: stamp.accountId }) as Array<Record<string, unknown>>).find(
      (e) => e.notes === 'Timer on a timestamp account',
    );
    expect(stopped).toMatchObject({ is_running: false });
    expect(typeof stopped?.ended_time).toBe('string');
    await popup.close();
  });
});
