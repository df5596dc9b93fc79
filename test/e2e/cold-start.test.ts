import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, modal, openModal, sendFromPopup, stored } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

/**
 * MV3 stops an idle service worker after 30 s, so most clicks a user makes land on a stopped worker, and some
 * on one that is stopping (issue 12, item 6). Each click here comes right after a stop, or with one.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const CLICKS = 20;
let stint: Stint;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ fixtures: [fixture] });
  ({ stint } = rig);
});

afterAll(() => rig?.close());

/** Modal frames still shown (a closed one is hidden at once and removed a moment later). */
const shownModals = (page: Page) =>
  page.locator('iframe[title="Stint timer"]').evaluateAll((list) => list.filter((f) => (f as HTMLElement).style.display !== 'none').length);

describe('a click after the worker was stopped, real Chromium', () => {
  it(`${CLICKS} clicks, each after a worker kill, all open the modal`, { timeout: 240_000 }, async () => {
    // A notes template of the user's: a modal that opened without the background's state would show the default.
    expect(await sendFromPopup(stint, { type: 'settings.update', notesTemplate: 'cold {id}' })).toMatchObject({ ok: true });
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await expect.poll(() => buttons(page).count()).toBe(1);
    const opened: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      // Opening the modal alone may not start the worker: wake it so there is one to stop.
      await stint.worker();
      await stint.killWorker();
      await page.bringToFront();
      const clicked = Date.now();
      await buttons(page).getByRole('button').click();
      // Generous for a loaded 2-core machine; a click that hangs (the defect) never gets there at all.
      await modal(page).getByRole('button', { name: 'Start timer' }).waitFor({ timeout: 10_000 });
      opened.push(Date.now() - clicked);
      expect(await modal(page).locator('textarea[name="notes"]').inputValue()).toBe('cold octo-org/hello-world#12');
      await modal(page).getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => shownModals(page)).toBe(0);
    }
    expect(opened).toHaveLength(CLICKS);
    console.log(`cold modal opens (ms): ${opened.join(' ')}`);
    await page.close();
  });

  it('an entry saved as the worker is being stopped is saved exactly once, and the modal closes', { timeout: 240_000 }, async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    const count = async () => ((await stored<unknown[]>(await stint.worker(), 'entries')) ?? []).length;
    let expected = await count();
    // Enter in the time field saves; the stop follows it by a growing delay, so across the rounds it lands as
    // the message is sent (to a stopping worker), while the save is under way, and after it.
    for (let delay = 0; delay <= 200; delay += 10) {
      await stint.worker();
      await openModal(page);
      await modal(page).locator('input[name="time"]').fill('0:10');
      const stop = await stint.armKill();
      await Promise.all([page.keyboard.press('Enter'), page.waitForTimeout(delay).then(stop)]);
      expected += 1;
      // The modal closes once the background has the entry; a lost message or reply keeps it open with an error.
      await expect.poll(() => shownModals(page), { timeout: 10_000, message: `stopped ${delay} ms after Enter` }).toBe(0);
      expect(await count(), `stopped ${delay} ms after Enter`).toBe(expected);
    }
    await page.close();
  });
});
