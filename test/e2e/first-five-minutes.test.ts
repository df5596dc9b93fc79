import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, modal, openModal, stored } from '../support/actions';
import { launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';

/**
 * The first five minutes of a new user, production build in real Chromium, in order: installing opens the welcome
 * page; a first timer from its demo card, kept in the browser; another from a task page; Harvest linked in place
 * on the welcome page, after which the next modal books to Harvest by default and says so.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let server: HostsServer;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;
let welcome: Page;

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

interface StoredEntry {
  notes: string;
  booking: unknown;
  running: boolean;
}

describe('the first five minutes', () => {
  it('installing opens the welcome page: what Stint does, where time goes (Local for now)', async () => {
    await expect
      .poll(() => stint.context.pages().some((p) => p.url() === `chrome-extension://${stint.extensionId}/welcome.html`))
      .toBe(true);
    welcome = stint.context.pages().find((p) => p.url().endsWith('/welcome.html')) as Page;
    await welcome.getByRole('heading', { name: 'Welcome to Stint', level: 1 }).waitFor();
    expect(await welcome.locator('.where .destination').textContent()).toBe('New entries go to → Local (this browser only)');
    // This build has no Harvest OAuth client id: no sign-in button that could only fail, the token form instead.
    await welcome.getByRole('group', { name: 'Link an account:' }).getByRole('button', { name: 'Harvest' }).click();
    await welcome.getByLabel('Personal Access Token').waitFor();
    expect(await welcome.getByRole('button', { name: 'Sign in with Harvest' }).count()).toBe(0);
  });

  it('a first timer from the demo card, kept in this browser (Local)', async () => {
    await welcome.bringToFront();
    await welcome.getByRole('button', { name: 'Track time' }).click();
    const form = welcome.locator('.demo-form');
    expect(await form.locator('.destination').textContent()).toBe('Goes to: → Local (this browser only)');
    expect(await form.getByLabel('Notes').inputValue()).toBe('Trying out Stint');
    await form.getByRole('button', { name: 'Start timer' }).click();
    await welcome.locator('.demo .running').waitFor();
    const timer = await stored<StoredEntry | null>(await stint.worker(), 'timer');
    expect(timer).toMatchObject({ running: true, notes: 'Trying out Stint', booking: null });
    expect(await welcome.locator('.demo .running-where').textContent()).toContain('Local (this browser only)');
    await welcome.locator('.demo .running').getByRole('button', { name: 'Stop', exact: true }).click();
    await welcome.getByText('Stopped. The entry is in the toolbar popup, under Today.').waitFor();
    expect(await stored(await stint.worker(), 'timer')).toBeNull();
    const entries = await stored<StoredEntry[]>(await stint.worker(), 'entries');
    expect(entries.map((e) => [e.notes, e.booking])).toEqual([['Trying out Stint', null]]);
  });

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

  it('Harvest linked in place on the welcome page becomes where new entries go', async () => {
    await welcome.bringToFront();
    const form = welcome.locator('section[data-provider="harvest"]');
    await form.getByLabel('Personal Access Token').fill(demo.token);
    await form.getByRole('button', { name: 'Find accounts' }).click();
    await form.locator('select[name="harvest-account"]').selectOption(String(demo.accountId));
    await form.getByRole('button', { name: 'Link account' }).click();
    await form.getByText('Harvest is linked.').waitFor();
    await expect
      .poll(() => welcome.locator('.where .destination').textContent())
      .toBe('New entries go to → Harvest · Analytical Engines Ltd');
    expect(await stored(await stint.worker(), 'defaultAccount')).toBe(HARVEST());
  });

  it('the next modal books to Harvest by default and shows it; Local is listed last', async () => {
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
