import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, linkHarvestByToken, modal, openModal, stored } from '../support/actions';
import { launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';

/**
 * The first five minutes of a new user, production build in real Chromium, in order: a first timer kept in the
 * browser; Harvest linked, after which the next modal books to Harvest by default and says so.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let server: HostsServer;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  server = await new HostsServer().start();
  server.emulator(emu);
  serveFixtures(server, [fixture]);
  stint = await launchStint({ port: server.port });
});

beforeEach(() => emu.faults.clear());

afterAll(async () => {
  await stint?.close();
  await server?.stop();
});

const HARVEST = () => `harvest:${demo.accountId}`;

async function stopFromPage(page: Page) {
  await buttons(page).getByRole('button').click();
  await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
}

describe('the first five minutes', () => {
  it('with no account, the modal says the time stays in this browser, and a start books Local', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    const destination = modal(page).locator('.destination');
    expect(await destination.textContent()).toBe('Goes to: → Local (this browser only)');
    expect(await destination.getAttribute('data-destination')).toBe('local');
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    await stopFromPage(page);
    // Remembered for the repository: Local (the trap: this must not outlive linking an account).
    expect(await stored(await stint.worker(), 'lastBooking')).toMatchObject({ 'github:octo-org/hello-world': null });
    await page.close();
  });

  it('after linking Harvest, the next modal books to Harvest by default and shows it; Local is listed last', async () => {
    await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
    expect(await stored(await stint.worker(), 'defaultAccount')).toBe(HARVEST());
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    await expect.poll(() => modal(page).locator('input[name="booking"]').inputValue()).toMatch(new RegExp(`^${HARVEST()}\\|`));
    const destination = modal(page).locator('.destination');
    expect(await destination.getAttribute('data-destination')).toBe(HARVEST());
    expect(await destination.textContent()).toBe('Goes to: → Harvest · Analytical Engines Ltd');
    await modal(page).getByRole('combobox', { name: 'Project / task' }).press('ArrowDown');
    const values = await modal(page)
      .locator('[role="option"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(values.at(-1)).toBe('local');
    expect(values.filter((v) => v === 'local')).toHaveLength(1);
    expect(await modal(page).locator('[role="option"][data-value="local"] .opt-recent').count()).toBe(0);
    await modal(page).getByRole('combobox', { name: 'Project / task' }).press('Escape');
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => emu.timeEntries({ accountId: demo.accountId, running: true }).length, { timeout: 15_000 }).toBe(1);
    await stopFromPage(page);
    await page.close();
  });
});
