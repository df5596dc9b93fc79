import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, stored } from '../support/actions';
import { type Rig, startStint } from '../support/rig';
import { contentScriptWorld } from '../support/security';

/**
 * On-device suggestions, production build in real Chromium: a GitHub issue page's content script reports what it
 * shows, the worker counts it per task per day, the popup lists the untracked time and one click makes it an entry.
 *
 * Two stand-ins, both reached through DevTools only (pages and content scripts cannot):
 * - Headless Chromium reports every page visible and focused whatever is in front (measured: another tab brought
 *   to front, another window, a minimised window, a frozen page: `document.visibilityState` stays 'visible', no
 *   `visibilitychange` fires). The suite hides and shows the page as the browser would for the content script: in
 *   its own isolated world, `visibilityState` reads 'hidden' (then the browser's own value again) and
 *   `visibilitychange` fires.
 * - Minutes pass on the worker's suggestions clock (`__stintSeen.advance`), so a page is shown for minutes without
 *   the suite waiting them. Each span is then measured by that clock: the counts below are bounded by the minutes
 *   moved plus the real time the steps took, never raced against a timer.
 *
 * The day is pinned: counted time goes to the day of the worker's clock, and the popup lists its own day's. Moved
 * on from 23:55, the minutes would count into the next day, which a popup still on the first does not list. So the
 * suite places the worker's suggestions clock at 09:00 of the day it starts (`__stintSeen.set`) and opens the popup
 * with its clock in that same day (Playwright's page clock), whatever the time the suite runs.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const KEY = 'github:octo-org/hello-world#12';
const MIN = 60_000;
/** 09:00 of the day the suite starts, local time (the browser runs in the suite's time zone). */
const COUNT_FROM = new Date(new Date().setHours(9, 0, 0, 0)).getTime();
let rig: Rig;

beforeAll(async () => {
  rig = await startStint({ fixtures: [fixture] });
  // Before anything is counted: the clock then only moves forward (a moment counts once, lib/core/seen.ts).
  const worker = await rig.stint.worker();
  await worker.evaluate((at) => (globalThis as unknown as { __stintSeen: { set(at: number): number } }).__stintSeen.set(at), COUNT_FROM);
});
afterAll(async () => {
  await rig?.close();
});

interface SeenRecord {
  days: Record<string, Record<string, { ms: number; task: { id: string } }>>;
  tabs: Record<string, { key: string; at: number }>;
}
const seen = async () => stored<SeenRecord>(await rig.stint.worker(), 'seen');
const seenMs = async () => {
  const { days } = await seen();
  return Object.values(days).reduce((sum, day) => sum + (day[KEY]?.ms ?? 0), 0);
};
const openTabs = async () => Object.keys((await seen()).tabs).length;
/** Moves the worker's suggestions clock forward. */
async function advance(ms: number) {
  const worker = await rig.stint.worker();
  await worker.evaluate((m) => (globalThis as unknown as { __stintSeen: { advance(ms: number): number } }).__stintSeen.advance(m), ms);
}

/** The options page's switch, as the user turns it. */
async function setSuggestions(on: boolean) {
  const options = await rig.stint.context.newPage();
  await options.goto(`chrome-extension://${rig.stint.extensionId}/options.html`);
  const box = options.getByRole('checkbox', { name: 'Suggest entries from the time I spend on task pages' });
  await expect.poll(() => box.isVisible()).toBe(true);
  if ((await box.isChecked()) !== on) await box.click();
  await expect.poll(async () => (await stored<{ suggestions: boolean }>(await rig.stint.worker(), 'settings')).suggestions).toBe(on);
  return options;
}

/** The task page, with its button placed (its content script runs), and a handle on the content script's world. */
async function taskPage() {
  const page = await rig.stint.context.newPage();
  await page.goto(ISSUE_12);
  await expect.poll(() => buttons(page).count()).toBeGreaterThan(0);
  const world = await contentScriptWorld(rig.stint, page);
  const visibility = (state: 'hidden' | 'visible') =>
    world.evaluate((s) => {
      // What the browser does for a tab sent to the back and brought forward again (see the suite's comment).
      if (s === 'hidden') Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      else delete (document as unknown as Record<string, unknown>).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  return { page, world, hide: () => visibility('hidden'), show: () => visibility('visible') };
}

describe('on-device suggestions, real Chromium', () => {
  let page: Page;

  it('with the option on, time accrues only while the task page is shown', async () => {
    const options = await setSuggestions(true);
    await options.close();
    const t0 = Date.now();
    const task = await taskPage();
    page = task.page;
    // Shown at once: the page reported it, the worker opened the tab's span.
    await expect.poll(openTabs).toBe(1);

    await advance(50_000);
    await task.hide();
    await expect.poll(openTabs).toBe(0);
    await task.show();
    await expect.poll(openTabs).toBe(1);
    await advance(50_000);
    await task.hide();
    await expect.poll(openTabs).toBe(0);
    const shown = await seenMs();
    // 100 s moved on the clock while shown, plus the real time the steps took.
    expect(shown).toBeGreaterThanOrEqual(100_000);
    expect(shown).toBeLessThanOrEqual(100_000 + (Date.now() - t0));

    // Hidden for ten minutes: nothing counted. Shown again briefly: only that moment counts.
    await advance(10 * MIN);
    expect(await seenMs()).toBe(shown);
    const t1 = Date.now();
    await task.show();
    await expect.poll(openTabs).toBe(1);
    await task.hide();
    await expect.poll(openTabs).toBe(0);
    const after = await seenMs();
    expect(after - shown).toBeLessThanOrEqual(Date.now() - t1);
    await task.world.detach();
  });

  it('the popup lists the untracked time; one click makes a Local entry and the suggestion goes', async () => {
    const ms = await seenMs();
    const minutes = Math.round(ms / MIN);
    // The popup's clock in the counted day, a little after the worker's: its "today" is the day the minutes went to.
    const popup = await rig.stint.context.newPage();
    await popup.clock.setSystemTime(COUNT_FROM + 30 * MIN);
    await popup.goto(`chrome-extension://${rig.stint.extensionId}/popup.html`);
    const section = popup.getByRole('region', { name: 'Suggestions' });
    const item = section.getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain(`octo-org/hello-world#12 · ${minutes}\u00a0min`);
    // The README's picture of the list.
    mkdirSync(resolve('docs'), { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await section.screenshot({ path: join(resolve('docs'), `suggestions-${scheme}.png`) });
    }

    await section.getByRole('button', { name: `Add ${minutes}\u00a0min for octo-org/hello-world#12 as an entry today` }).click();
    await expect.poll(() => section.count()).toBe(0);
    const made = await stored<{ id: string; task: { id: string } | null; durationMs: number; booking: unknown }[]>(
      await rig.stint.worker(),
      'entries',
    );
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ task: { id: 'octo-org/hello-world#12' }, durationMs: minutes * MIN, booking: null });
    // The popup's day lists it as a Local entry.
    const today = popup.locator(`section.today [data-entry-id="${made[0]?.id}"]`);
    await expect.poll(() => today.count()).toBe(1);
    expect(await today.innerText()).toContain('Local');
    await popup.close();
  });

  it('with the option off, nothing accrues: the page sends nothing, and the worker keeps nothing it is sent', async () => {
    const options = await setSuggestions(false);
    await options.getByRole('button', { name: 'Clear what was counted' }).click();
    await expect.poll(async () => Object.keys((await seen()).days).length).toBe(0);
    await options.close();
    await page.close();

    const task = await taskPage();
    await task.hide();
    await task.show();
    await advance(50_000);
    await task.hide();
    // Reports sent by hand from the page's content script, after what it sent (or not) by itself: the worker
    // handles a tab's reports in order, so once these are answered, anything the page sent before was too.
    const replies = await task.world.evaluate(async (url) => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome;
      const t = { integration: 'github', id: 'octo-org/hello-world#12', title: 'x', url };
      return [
        await c.runtime.sendMessage({ type: 'task.seen', task: t, shown: true }),
        await c.runtime.sendMessage({ type: 'task.seen', task: t, shown: false }),
      ];
    }, ISSUE_12);
    expect(replies).toEqual([{ ok: true }, { ok: true }].map((r) => expect.objectContaining(r)));
    expect(await seen()).toMatchObject({ days: {}, tabs: {} });
    await task.world.detach();
    await task.page.close();
  });

  it('a report from anything but a task page’s content script is refused', async () => {
    const popup = await rig.stint.popup();
    const reply = await popup.evaluate((url) => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } })
        .chrome;
      return c.runtime.sendMessage({ type: 'task.seen', task: { integration: 'github', id: 'o/r#1', title: '', url }, shown: true });
    }, ISSUE_12);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('only a task page') });
    await popup.close();
  });
});
