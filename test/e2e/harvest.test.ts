import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, linkHarvestByToken, modal, openModal, settled, stored } from '../support/actions';
import type { Stint } from '../support/browser';
import { harvestBooking, harvestEntries } from '../support/harvest-json';
import { type Rig, startStint } from '../support/rig';

/** Harvest through the production build: link in options, start/stop from a GitHub page, offline, faults. */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;

let rig: Rig;
beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  rig = await startStint({ emulators: [emu], fixtures: [fixture] });
  ({ stint } = rig);
});

// Each test sets up its own faults; none leak into the next.
beforeEach(() => emu.faults.clear());

afterAll(() => rig?.close());

const entries = () => harvestEntries(emu, demo);
const bookingOf = (projectId: number, taskId: number) => harvestBooking(demo, projectId, taskId);

async function startFromModal(page: Page, booking: string, time = '') {
  await openModal(page);
  // The project/task combobox: open its list and pick the option carrying the booking value.
  await modal(page).getByRole('combobox', { name: 'Project / task' }).press('ArrowDown');
  await modal(page).locator(`[role="option"][data-value="${booking}"]`).click();
  await expect.poll(() => modal(page).locator('input[name="booking"]').inputValue()).toBe(booking);
  if (time) await modal(page).locator('input[name="time"]').fill(time);
  await modal(page)
    .getByRole('button', { name: time ? 'Save entry' : 'Start timer' })
    .click();
}

async function syncNow() {
  const popup = await stint.popup(); // opening the popup asks for a sync
  await popup.close();
}

describe('Harvest backend, real Chromium', () => {
  it('links a Harvest account with a token in the options page', async () => {
    const options = await linkHarvestByToken(stint, demo.token, demo.accountId);
    const card = options.locator(`li[data-account-id="harvest:${demo.accountId}"]`);
    await expect.poll(() => card.locator('.facts').textContent()).toMatch(/^Ada Lovelace — account Analytical Engines Ltd — /);
    await expect.poll(() => card.locator('.sync-state').textContent()).toContain('Connected · ');
    await expect.poll(() => card.textContent()).toMatch(/4 project\/task pairs/);
    expect(await card.textContent()).toContain('Default');
    await options.close();
  });

  it('starts from a task page with the chosen project/task, then stops with hours', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, bookingOf(demo.projects.difference.id, demo.taskIds.programming));
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    await expect.poll(() => entries().filter((e) => e.is_running).length).toBe(1);
    const running = entries()[0];
    expect(running).toMatchObject({
      is_running: true,
      notes: expect.stringContaining('Crash when saving'),
      project: { id: demo.projects.difference.id },
      task: { id: demo.taskIds.programming },
      external_reference: { id: 'octo-org/hello-world#12', group_id: 'octo-org/hello-world', permalink: ISSUE_12 },
    });
    await page.waitForTimeout(1200);
    await buttons(page).getByRole('button').click();
    await expect.poll(() => entries()[0]?.is_running).toBe(false);
    expect(entries()).toHaveLength(1);
    expect(typeof entries()[0]?.hours).toBe('number');
    await page.close();
  });

  it('remembers the project/task chosen for the repository', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    expect(await modal(page).locator('input[name="booking"]').inputValue()).toBe(
      bookingOf(demo.projects.difference.id, demo.taskIds.programming),
    );
    await page.close();
  });

  it('keeps working offline and syncs everything exactly once when Harvest is back', async () => {
    const before = entries().length;
    emu.faults.setDown('drop');
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, bookingOf(demo.projects.analytical.id, demo.taskIds.meetings));
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    await buttons(page).getByRole('button').click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await startFromModal(page, bookingOf(demo.projects.analytical.id, demo.taskIds.programming), '1:30');
    const popup = await stint.popup();
    await expect
      .poll(() => popup.locator('.sync-banner').textContent(), { timeout: 20_000 })
      .toBe('Waiting for Harvest (offline) · 2 changes waitingRetry now');
    expect(await popup.locator('.entries li').count()).toBeGreaterThanOrEqual(3);
    expect(entries()).toHaveLength(before);

    emu.faults.setDown(false);
    await popup.reload();
    await expect.poll(() => entries().length, { timeout: 30_000 }).toBe(before + 2);
    await expect.poll(() => popup.locator('.sync-banner').getAttribute('data-state'), { timeout: 10_000 }).toBe('synced');
    expect(await popup.locator('.sync-banner').textContent()).toBe('Synced to Harvest · just now');
    const manual = entries().find((e) => e.hours === 1.5);
    expect(manual).toMatchObject({ is_running: false, task: { id: demo.taskIds.programming } });
    await Promise.all([page.close(), popup.close()]);
  });

  it('never duplicates a create whose response was lost, even with the worker killed mid-flush', async () => {
    await settled(stint);
    const before = entries().length;
    emu.faults.commitThenDrop(2, { method: 'POST', path: '/v2/time_entries' });
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, bookingOf(demo.projects.difference.id, demo.taskIds.design), '0:45');
    await startFromModal(page, bookingOf(demo.projects.difference.id, demo.taskIds.design), '0:15');
    await stint.killWorker();
    await syncNow();
    await settled(stint);
    expect(emu.log.count({ method: 'POST', path: '/v2/time_entries' })).toBeGreaterThanOrEqual(2);
    // And killed while a create is in flight (the server answers late; the worker is gone by then).
    emu.faults.setLatency(1500);
    await startFromModal(page, bookingOf(demo.projects.analytical.id, demo.taskIds.meetings), '0:05');
    await page.waitForTimeout(500);
    await stint.killWorker();
    emu.faults.setLatency(0);
    await syncNow();
    await settled(stint);
    expect(entries().filter((e) => e.hours === 0.08)).toHaveLength(1);
    expect(entries()).toHaveLength(before + 3);
    expect(entries().filter((e) => e.hours === 0.75)).toHaveLength(1);
    expect(entries().filter((e) => e.hours === 0.25)).toHaveLength(1);
    await page.close();
  });

  it("shows Harvest's own message when it refuses an entry", async () => {
    // Harvest keeps refusing (opening the options page asks for a sync, which retries the entry).
    emu.faults.failNext(1000, { method: 'POST', path: '/v2/time_entries', status: 422, body: '{"message":"Spent date is locked"}' });
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, bookingOf(demo.projects.difference.id, demo.taskIds.programming), '0:30');
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    try {
      await expect
        .poll(() => options.locator(`li[data-account-id="harvest:${demo.accountId}"]`).textContent(), { timeout: 20_000 })
        .toContain('Spent date is locked');
    } catch (err) {
      const w = await stint.worker();
      console.log('DIAG outbox', JSON.stringify(await stored(w, 'outbox')));
      console.log('DIAG status', JSON.stringify(await stored(w, 'status')));
      console.log('DIAG log', JSON.stringify(emu.log.entries.slice(-8).map((l) => [l.method, l.path, l.outcome, l.realAt])), Date.now());
      throw err;
    } finally {
      emu.faults.clear();
    }
    await Promise.all([page.close(), options.close()]);
  });

  it('asks to reconnect when the token is revoked', async () => {
    emu.revokeToken(demo.token);
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, bookingOf(demo.projects.difference.id, demo.taskIds.programming), '0:10');
    const popup = await stint.popup();
    await expect.poll(() => popup.locator('.sync-banner').textContent(), { timeout: 20_000 }).toMatch(/^Harvest needs reconnect · /);
    expect(await popup.locator('.sync-banner').getByRole('button', { name: 'Reconnect' }).count()).toBe(1);
    await Promise.all([page.close(), popup.close()]);
  });
});
