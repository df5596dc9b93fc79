import type { Page } from 'playwright-core';
import { until } from './model';

/** The chaos run's way through the in-page modal, as a user goes (./engine.ts). */

export const modalOf = (page: Page) => page.frameLocator('iframe[title="Stint timer"]');

/** Opens the modal from the tab's button (a trusted click), fills notes (and time), submits. */
export async function throughModal(page: Page, notes: string, time: string | null) {
  // Input reaches the modal's frame (out of process) only in the visible tab: switch to it, as a user does.
  await page.bringToFront();
  await until('the button to be idle', async () => (await page.locator('stint-button').getAttribute('data-state')) === 'idle');
  await page.locator('stint-button').getByRole('button').click();
  const m = modalOf(page);
  await m.getByRole('button', { name: /Start timer|Save entry/ }).waitFor({ timeout: 15_000 });
  await m.locator('textarea[name="notes"]').fill(notes);
  if (time) await m.locator('input[name="time"]').fill(time);
  await m.getByRole('button', { name: time ? 'Save entry' : 'Start timer' }).click();
  try {
    await until('modal to close', async () => (await page.locator('iframe[title="Stint timer"]').count()) === 0, 15_000);
  } catch (err) {
    const shown = await m
      .locator('[role="alert"], .error')
      .allTextContents()
      .catch(() => []);
    const text =
      shown.join(' ').trim() ||
      (
        await m
          .locator('body')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .slice(-400);
    // Leave the page usable for the next op.
    await page.keyboard.press('Escape').catch(() => undefined);
    await page.evaluate(() => document.querySelector('iframe[title="Stint timer"]')?.remove()).catch(() => undefined);
    throw new Error(`modal did not close: ${text || String(err)}`);
  }
}
