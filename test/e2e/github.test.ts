import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/sites/github/fixture';
import { modal, openModal } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const PR_7 = 'https://github.com/octo-org/hello-world/pull/7';

let stint: Stint;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ fixtures: [fixture] });
  ({ stint } = rig);
});

afterAll(() => rig?.close());

const buttons = (page: Page) => page.locator('stint-button');
const startButton = (page: Page) => page.locator('stint-button').getByRole('button');

async function openModalAndStart(page: Page) {
  // openModal brings the tab to the front first: Chromium routes a click in a tab that is not drawn by stale
  // hit-test data, so a click into the fresh modal frame of a background tab can land on nothing (seen 1 click
  // in 15 under CPU load, and every time in a background tab's second modal). Users only click the tab they see.
  await openModal(page);
  await modal(page).getByRole('button', { name: 'Start timer' }).click();
  await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
}

describe('GitHub in real Chromium, production build', () => {
  it('places exactly one button on an issue page, with the task from the URL and title from the DOM', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await expect.poll(() => buttons(page).count()).toBe(1);
    const host = buttons(page);
    expect(await host.getAttribute('data-integration')).toBe('github');
    expect(await host.getAttribute('data-task-id')).toBe('octo-org/hello-world#12');
    expect(await host.getAttribute('data-state')).toBe('idle');
    // Next to the title, inside the <h1>.
    expect(await page.locator('h1 > bdi[data-testid="issue-title"] + stint-button').count()).toBe(1);
    const inner = startButton(page);
    expect(await inner.getAttribute('aria-pressed')).toBe('false');
    expect(await inner.getAttribute('aria-label')).toBe('Start timer');
    // Hostile markup in the title stays text.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('places exactly one button on a pull request page', async () => {
    const page = await stint.context.newPage();
    await page.goto(PR_7);
    await expect.poll(() => buttons(page).count()).toBe(1);
    expect(await buttons(page).getAttribute('data-task-id')).toBe('octo-org/hello-world#7');
    expect(await page.locator('.gh-header-title .js-issue-title + stint-button').count()).toBe(1);
    await page.close();
  });

  it('shows no button where the title has not rendered', async () => {
    const page = await stint.context.newPage();
    await page.goto('https://github.com/octo-org/hello-world/issues/99');
    await page.waitForTimeout(500);
    expect(await buttons(page).count()).toBe(0);
    await page.close();
  });

  it('starts from the modal, shows running in every tab and the popup, survives reload and a killed worker, stops into an entry', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    const other = await stint.context.newPage();
    await other.goto(ISSUE_12);
    await expect.poll(() => buttons(other).count()).toBe(1);

    await openModalAndStart(page);
    expect(await startButton(page).getAttribute('aria-pressed')).toBe('true');
    expect(await startButton(page).getAttribute('aria-label')).toBe('Stop timer');
    await expect.poll(() => buttons(other).getAttribute('data-state')).toBe('running');
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);

    const badge = async () =>
      (await stint.worker()).evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.action.getBadgeText({}));
    await expect.poll(badge).toMatch(/^0:0\d$/);
    const popup = await stint.popup();
    await expect.poll(() => popup.locator('.running-title').textContent()).toContain('Crash when saving');
    expect(await popup.getByTestId('elapsed').textContent()).toMatch(/^0:00:0\d$/);

    await page.reload();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');

    await stint.killWorker();
    await page.reload();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');

    // Stopping goes through a fresh worker: it must still know the running timer.
    await page.bringToFront();
    await startButton(page).click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await expect.poll(() => buttons(other).getAttribute('data-state')).toBe('idle');
    await expect.poll(() => popup.locator('.running').count()).toBe(0);
    await expect.poll(badge).toBe('');
    const entry = popup.locator('.entries li').first();
    await expect.poll(() => entry.locator('a').textContent()).toContain('Crash when saving <img');
    expect(await entry.locator('a').getAttribute('href')).toBe(ISSUE_12);
    await Promise.all([page.close(), other.close(), popup.close()]);
  });

  it('swaps the button on in-page navigation, with no duplicate and none stale', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await expect.poll(() => buttons(page).count()).toBe(1);
    for (const [click, id] of [
      ['#go-13', 'octo-org/hello-world#13'],
      ['#go-12', 'octo-org/hello-world#12'],
      ['#go-13', 'octo-org/hello-world#13'],
    ] as const) {
      await page.click(click);
      await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe(id);
      expect(await buttons(page).count()).toBe(1);
    }
    await page.goBack();
    await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe('octo-org/hello-world#12');
    expect(await buttons(page).count()).toBe(1);
    await page.close();
  });

  it('ignores untrusted (scripted) clicks', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await expect.poll(() => buttons(page).count()).toBe(1);
    await page.evaluate(() => document.querySelector('stint-button')?.shadowRoot?.querySelector('button')?.click());
    await page.waitForTimeout(300);
    expect(await page.locator('iframe[title="Stint timer"]').count()).toBe(0);
    expect(await buttons(page).getAttribute('data-state')).toBe('idle');
    await page.close();
  });
});
