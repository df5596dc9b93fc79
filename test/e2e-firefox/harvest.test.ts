import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { type FirefoxStint, launchFirefoxStint } from '../support/firefox';
import { buttonState, clickTaskButton, linkHarvestByToken, settled, startFromModal } from '../support/firefox-actions';
import { serveFixtures } from '../support/fixtures';
import { harvestBooking, harvestEntries } from '../support/harvest-json';
import { HostsServer } from '../support/hosts-server';

/** Harvest in real Firefox: link with a token in options, an entry arrives once, offline then online syncs once. */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let server: HostsServer;
let stint: FirefoxStint;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  server = await new HostsServer().start();
  server.emulator(emu);
  serveFixtures(server, [fixture]);
  stint = await launchFirefoxStint({ server });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
});

const entries = () => harvestEntries(emu, demo);
const bookingOf = (projectId: number, taskId: number) => harvestBooking(demo, projectId, taskId);
const creates = () => emu.log.count({ method: 'POST', path: '/v2/time_entries' });

describe('Harvest backend, real Firefox', () => {
  it('links a Harvest account with a token in the options page', async () => {
    const options = await linkHarvestByToken(stint, demo.token, demo.accountId);
    const card = `li[data-account-id="harvest:${demo.accountId}"]`;
    await expect
      .poll(() => options.$eval(`${card} .facts`, (e) => e.textContent))
      .toMatch(/^Ada Lovelace — account Analytical Engines Ltd — /);
    await expect.poll(() => options.$eval(`${card} .sync-state`, (e) => e.textContent)).toContain('Connected · ');
    await expect.poll(() => options.$eval(card, (e) => e.textContent)).toMatch(/4 project\/task pairs/);
    await options.close();
  });

  it('starts a timer with the chosen project/task from a GitHub issue, stops it: one entry arrives, once', async () => {
    const page = await stint.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, { booking: bookingOf(demo.projects.difference.id, demo.taskIds.programming) });
    await expect.poll(() => buttonState(page)).toBe('running');
    await expect.poll(() => entries().filter((e) => e.is_running).length).toBe(1);
    expect(entries()[0]).toMatchObject({
      notes: expect.stringContaining('Crash when saving'),
      project: { id: demo.projects.difference.id },
      task: { id: demo.taskIds.programming },
      external_reference: { id: 'octo-org/hello-world#12', permalink: ISSUE_12 },
    });
    await clickTaskButton(page);
    await expect.poll(() => entries()[0]?.is_running).toBe(false);
    await settled(stint);
    expect(entries()).toHaveLength(1);
    expect(creates()).toBe(1);
    await page.close();
  });

  it('keeps working offline and syncs exactly once when the network is back', async () => {
    const before = entries().length;
    const postsBefore = creates();
    const page = await stint.newPage();
    await page.goto(ISSUE_12);
    stint.proxy.setOffline(true);
    await startFromModal(page, { booking: bookingOf(demo.projects.analytical.id, demo.taskIds.meetings) });
    await expect.poll(() => buttonState(page)).toBe('running');
    await clickTaskButton(page);
    await expect.poll(() => buttonState(page)).toBe('idle');
    await startFromModal(page, { booking: bookingOf(demo.projects.analytical.id, demo.taskIds.programming), time: '1:30' });
    const popup = await stint.extensionPage('popup.html');
    await expect
      .poll(() => popup.evaluate(() => document.querySelector('.sync-banner')?.textContent ?? ''), { timeout: 20_000 })
      .toBe('Waiting for Harvest (offline) · 2 changes waitingRetry now');
    expect(entries()).toHaveLength(before);
    // Firefox did try Harvest, and the proxy refused it as a dead network would.
    expect(stint.proxy.refused).toContain('api.harvestapp.com:443');
    await popup.close();

    stint.proxy.setOffline(false);
    const again = await stint.extensionPage('popup.html'); // opening the popup asks for a sync
    await expect.poll(() => entries().length, { timeout: 30_000 }).toBe(before + 2);
    await expect
      .poll(() => again.evaluate(() => document.querySelector('.sync-banner')?.getAttribute('data-state')), { timeout: 10_000 })
      .toBe('synced');
    await settled(stint);
    expect(entries().find((e) => e.hours === 1.5)).toMatchObject({ is_running: false, task: { id: demo.taskIds.programming } });
    // Another sync finds nothing left to send.
    await again.close();
    await (await stint.extensionPage('popup.html')).close();
    await settled(stint);
    expect(entries()).toHaveLength(before + 2);
    expect(creates()).toBe(postsBefore + 2);
    await page.close();
  });
});
