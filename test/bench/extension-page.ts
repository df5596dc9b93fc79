import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Stint } from '../support/browser';

/**
 * The bench's way into Stint from an extension page (popup.html): its address, and messages sent as the pages send
 * them (runtime.sendMessage, the reply awaited in the page).
 */

export type Reply = { ok: boolean; error?: string } | undefined;
/** The extension API as the bench uses it inside extension pages. */
export type Chrome = { runtime: { sendMessage(m: unknown): Promise<Reply> } };

export const popupUrl = (stint: Stint) => `chrome-extension://${stint.extensionId}/popup.html`;

/** `message` sent from `page` (an extension page); the background's reply. */
export const send = (page: Page, message: unknown): Promise<Reply> =>
  page.evaluate((m) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage(m), message);

/** `message` sent from a popup opened for it, then closed: a user's action before a measurement. Must succeed. */
export async function sendFromPopup(stint: Stint, message: unknown): Promise<void> {
  const page = await stint.popup();
  try {
    expect(await send(page, message)).toMatchObject({ ok: true });
  } finally {
    await page.close();
  }
}
