import type { Frame, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { centreOf, type FirefoxStint } from './firefox';

/**
 * What a user does with Stint in real Firefox, shared by the Firefox suites. Clicks are real input at the
 * element's centre (page.mouse), computed inside the page or frame: puppeteer's ElementHandle.click fails inside
 * frames on Firefox ESR (shared/TESTING.md).
 */

/** `data-state` of the page's (first) Stint button, or null when there is none. */
export const buttonState = (page: Page) => page.evaluate(() => document.querySelector('stint-button')?.getAttribute('data-state') ?? null);

export const buttonCount = (page: Page) => page.evaluate(() => document.querySelectorAll('stint-button').length);

/** Clicks the Stint button inside its shadow root, as a user does. */
export async function clickTaskButton(page: Page) {
  await page.bringToFront();
  await page.waitForSelector('stint-button');
  const point = await page.evaluate(() => {
    const r = document.querySelector('stint-button')?.shadowRoot?.querySelector('button')?.getBoundingClientRect();
    return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  });
  if (!point) throw new Error('no Stint button to click');
  await page.mouse.click(point.x, point.y);
}

/** Opens the timer modal from the page's button; resolves with its frame once a submit button shows. */
export async function openModal(page: Page): Promise<Frame> {
  await clickTaskButton(page);
  const element = await page.waitForSelector('iframe[title="Stint timer"]').catch(async (err: Error) => {
    // A button that was running stops on the click instead: say so (a previous step's timer left running).
    throw new Error(`the modal did not open (button data-state=${await buttonState(page)}): ${err.message}`);
  });
  const frame = await element?.contentFrame();
  if (!frame) throw new Error('the modal frame did not load');
  await frame.waitForSelector('button[type="submit"]');
  return frame;
}

/** Clicks in a frame that covers the page's viewport (the modal), or in the page itself. */
export async function clickIn(page: Page, frame: Page | Frame, selector: string, text?: string) {
  const { x, y } = await centreOf(frame, selector, text);
  await page.mouse.click(x, y);
}

/** Clicks a field and types into it, replacing what it held. */
export async function typeInto(page: Page, frame: Page | Frame, selector: string, value: string) {
  await clickIn(page, frame, selector);
  await frame.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement).select(), selector);
  await page.keyboard.type(value);
}

/** Picks a booking in the modal's project/task combobox, then starts (no time) or saves (with a time). */
export async function startFromModal(page: Page, opts: { booking?: string; time?: string } = {}) {
  const frame = await openModal(page);
  if (opts.booking) {
    await clickIn(page, frame, '[role="combobox"]');
    await page.keyboard.press('ArrowDown');
    await frame.waitForSelector(`[role="option"][data-value="${opts.booking}"]`);
    await clickIn(page, frame, `[role="option"][data-value="${opts.booking}"]`);
    await expect
      .poll(() => frame.evaluate(() => document.querySelector<HTMLInputElement>('input[name="booking"]')?.value))
      .toBe(opts.booking);
  }
  if (opts.time) await typeInto(page, frame, 'input[name="time"]', opts.time);
  await clickIn(page, frame, 'button[type="submit"]', opts.time ? 'Save entry' : 'Start timer');
}

/** Links Harvest with a Personal Access Token in the options page; returns that page. */
export async function linkHarvestByToken(stint: FirefoxStint, token: string, accountId: number | string): Promise<Page> {
  const options = await stint.extensionPage('options.html');
  // "Add account": pick the tracker, then only its form shows.
  await options.waitForSelector('.add-account .chooser button');
  await clickIn(options, options, '.add-account .chooser button', 'Harvest');
  await options.waitForSelector('input[name="harvest-token"]');
  await typeInto(options, options, 'input[name="harvest-token"]', token);
  await clickIn(options, options, 'button[type="submit"]', 'Find accounts');
  await options.waitForSelector(`select[name="harvest-account"] option[value="${accountId}"]`);
  await options.select('select[name="harvest-account"]', String(accountId));
  await clickIn(options, options, 'button[type="submit"]', 'Link account');
  await options.waitForSelector(`li.account[data-account-id="harvest:${accountId}"]`);
  return options;
}

/** Waits until the outbox has nothing left to send (every record synced). */
export async function settled(stint: FirefoxStint, timeout = 30_000) {
  type SyncRecord = { remoteId: string | null; deleted: boolean; pushedVersion: number; wantVersion: number };
  await expect
    .poll(
      async () =>
        Object.values((await stint.stored<Record<string, SyncRecord>>('outbox')) ?? {}).filter(
          (r) => r.deleted || r.remoteId === null || r.pushedVersion < r.wantVersion,
        ).length,
      { timeout },
    )
    .toBe(0);
}
