import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

/**
 * GitHub Projects' item panel traps focus (a focusin listener pulls focus back into the panel). The timer modal
 * must stay usable by keyboard all the same: open with Enter, type, Tab to Start, Enter — no mouse.
 */

const BOARD = 'https://github.com/orgs/octo-org/projects/3/views/1';
let stint: Stint;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ fixtures: [fixture] });
  ({ stint } = rig);
});

afterAll(() => rig?.close());

async function modalFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Stint timer"]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no modal frame');
  await frame.waitForSelector('textarea');
  return frame;
}

const focusedText = (frame: Frame) =>
  frame.evaluate(() => document.activeElement?.textContent?.trim() ?? document.activeElement?.tagName ?? '');

describe('modal inside a host focus trap', () => {
  it('is driven by keyboard alone while the host panel traps focus', async () => {
    const page = await stint.context.newPage();
    await page.goto(BOARD);
    await page.bringToFront(); // keyboard focus belongs to the front tab
    await page.click('#open-14'); // the user opens the item (in-page navigation)
    await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe('octo-org/hello-world#14');

    // Keyboard from here on: the panel's first control has focus; Tab reaches Stint's button next to the title.
    for (let i = 0; i < 5; i++) {
      if (await page.evaluate(() => document.activeElement?.localName === 'stint-button')) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('stint-button');
    await page.keyboard.press('Enter');

    const frame = await modalFrame(page);
    await page.waitForTimeout(300);
    // Focus stayed in the modal: the host's trap never even saw it leave (it would have pulled it back).
    expect(await page.evaluate(() => (window as unknown as { __trapFired?: number }).__trapFired ?? 0)).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type(' (keyboard)');
    expect(await frame.inputValue('textarea')).toContain('(keyboard)');
    for (let i = 0; i < 8 && (await focusedText(frame)) !== 'Start timer'; i++) await page.keyboard.press('Tab');
    expect(await focusedText(frame)).toBe('Start timer');
    await page.keyboard.press('Enter');
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);

    // Escape closes the modal without starting anything; the host page keeps working.
    await buttons(page).focus();
    await page.keyboard.press('Enter'); // stops the running timer
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await page.keyboard.press('Enter');
    await modalFrame(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
    await page.close();
  });
});
