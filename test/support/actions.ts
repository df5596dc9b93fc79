import type { Locator, Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import type { Stint } from './browser';
import { chooseTracker, type Reply, sendFrom } from './options';
import { readState, writeState } from './state';

/** What a user does with Stint in the real browser, shared by the e2e suites. */

export const buttons = (page: Page) => page.locator('stint-button');
export const modal = (page: Page) => page.frameLocator('iframe[title="Stint timer"]');

/**
 * Types into a project/task picker and picks its first match with Enter once there is one, as a person does who
 * sees the list. The popup shows the picker with the accounts and fills in their project lists a moment later
 * (lib/ui/state.ts, firstPaint): an Enter before they arrive matches nothing and picks nothing.
 */
export async function pickBooking(picker: Locator, query: string) {
  await picker.fill(query);
  await expect.poll(() => picker.getAttribute('aria-activedescendant')).toBeTruthy();
  await picker.press('Enter');
}

export async function openModal(page: Page) {
  // A user clicks in the tab they see. After another tab was opened and closed over this one, bring it back to
  // the front and let it draw: until it has, Chromium routes a click by the hit-test data of the tab's last frame,
  // which may still hold a modal frame since removed, and the click is lost.
  await page.bringToFront();
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
  await buttons(page).first().getByRole('button').click();
  try {
    await modal(page)
      .getByRole('button', { name: /Start timer|Save entry/ })
      .waitFor();
  } catch (err) {
    // Say where it stopped: no frame (the click was lost), or a frame that never rendered its form.
    const frames = await page.locator('iframe[title="Stint timer"]').count();
    const state = await buttons(page).first().getAttribute('data-state');
    const body = frames
      ? await modal(page)
          .locator('body')
          .innerHTML({ timeout: 1000 })
          .catch(() => '(unreadable)')
      : '';
    throw new Error(`The modal did not open: ${frames} modal frame(s), button ${state}, frame body ${body.slice(0, 300)}`, { cause: err });
  }
}

/** `message` sent from a popup opened for it, then closed: the reply (sendFrom, test/support/options.ts). */
export async function sendFromPopup(stint: Stint, message: unknown): Promise<Reply> {
  const popup = await stint.popup();
  try {
    return await sendFrom(popup, message);
  } finally {
    await popup.close();
  }
}

/** Reads one item of Stint's data layer as the service worker sees it (test/support/state.ts). */
export async function stored<T = unknown>(worker: Worker, key: string): Promise<T> {
  return (await readState(worker, [key]))[key] as T;
}

/** Seeds Stint's data layer. */
export async function writeStored(worker: Worker, values: Record<string, unknown>) {
  await writeState(worker, values);
}

/** Links Harvest through the options page UI with a Personal Access Token. */
export async function linkHarvestByToken(stint: Stint, token: string, accountId: string | number) {
  const options = await stint.context.newPage();
  await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
  await chooseTracker(options, 'Harvest');
  await options.getByLabel('Personal Access Token').fill(token);
  await options.getByRole('button', { name: 'Find accounts' }).click();
  await options.locator('select[name="harvest-account"]').selectOption(String(accountId));
  await options.getByRole('button', { name: 'Link account' }).click();
  await options.getByText('Harvest is linked.').waitFor();
  await options.locator(`li.account[data-account-id="harvest:${accountId}"]`).waitFor();
  return options;
}

/** Waits until the outbox has nothing left to send (every record synced), for one account or all. */
export async function settled(stint: Stint, timeout = 30_000, accountId?: string) {
  await expect
    .poll(
      async () => {
        const outbox = await stored<
          Record<string, { accountId: string; remoteId: string | null; deleted: boolean; pushedVersion: number; wantVersion: number }>
        >(await stint.worker(), 'outbox');
        return Object.values(outbox ?? {}).filter(
          (r) => (!accountId || r.accountId === accountId) && (r.deleted || r.remoteId === null || r.pushedVersion < r.wantVersion),
        ).length;
      },
      { timeout },
    )
    .toBe(0);
}
