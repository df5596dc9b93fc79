import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, linkHarvestByToken, modal, openModal, settled, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { harvestBooking, harvestEntries } from '../support/harvest-json';
import { type Rig, startStint } from '../support/rig';

/**
 * Idle time, forgotten timers and the reminder to track, production build in real Chromium against the Harvest
 * emulator. The worker's idle source is driven through its test hook (`__stintIdle`, reachable with DevTools'
 * worker.evaluate only): idle states and minute ticks at chosen times. A timer "running for 40 minutes" is a
 * timer started for real (it reaches Harvest as a running timer) whose start the test moves 40 minutes back in
 * the data layer: the one shortcut, so the suite does not wait 40 minutes.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const MIN = 60_000;
let rig: Rig;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;
let page: Page;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  rig = await startStint({ emulators: [emu], fixtures: [fixture] });
  ({ stint } = rig);
  await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
  page = await stint.context.newPage();
  await page.goto(ISSUE_12);
});

afterAll(() => rig?.close());

const entries = () => harvestEntries(emu, demo);
const booking = () => harvestBooking(demo);
type Hook = { report(state: string, at?: number): Promise<unknown>; tick(at?: number): Promise<unknown> };

/** The idle source's report, in the worker. */
async function report(state: 'active' | 'idle' | 'locked', at: number) {
  const worker = await stint.worker();
  await worker.evaluate(
    ([s, a]) => (globalThis as unknown as { __stintIdle: Hook }).__stintIdle.report(s as string, a as number),
    [state, at],
  );
}
async function tick(at: number): Promise<string | null> {
  const worker = await stint.worker();
  return (await worker.evaluate((a) => (globalThis as unknown as { __stintIdle: Hook }).__stintIdle.tick(a), at)) as string | null;
}
/** Stint's notifications now shown (chrome.notifications, from the worker). */
async function notifications(): Promise<Record<string, unknown>> {
  const worker = await stint.worker();
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } }).chrome.notifications.getAll(),
  );
}

/** Starts a timer on the task page (the modal, Harvest booking) and moves its start `minutes` back; its remote id. */
async function runningFor(minutes: number): Promise<number> {
  const worker = await stint.worker();
  const before = new Set(entries().map((e) => e.id));
  await openModal(page);
  await modal(page).getByRole('combobox', { name: 'Project / task' }).press('ArrowDown');
  await modal(page).locator(`[role="option"][data-value="${booking()}"]`).click();
  await modal(page).getByRole('button', { name: 'Start timer' }).click();
  await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
  await settled(stint);
  const created = entries().filter((e) => !before.has(e.id) && e.is_running);
  expect(created).toHaveLength(1);
  const timer = await stored<{ id: string; startedAt: number }>(worker, 'timer');
  await writeStored(worker, { timer: { ...timer, startedAt: timer.startedAt - minutes * MIN } });
  localIds.set(created[0]?.id as number, timer.id);
  return created[0]?.id as number;
}

/** Idle for the last 25 minutes: reported idle 15 minutes ago (after 10 without input), back now. */
async function idle25(): Promise<number> {
  const back = Date.now();
  await report('idle', back - 15 * MIN);
  await report('active', back);
  return back;
}

const hoursOf = (id: number) => entries().find((e) => e.id === id);
/** Remote id → Stint's entry id. */
const localIds = new Map<number, string>();

/**
 * Harvest has the entry as Stint ended it: at `endedAt`, with its duration in Harvest's hours (2 decimals). The
 * timer ran the minutes it was moved back plus the seconds its first sync took.
 */
async function landedAt(remoteId: number, endedAt: number) {
  const all = await stored<{ id: string; endedAt: number; durationMs: number }[]>(await stint.worker(), 'entries');
  const local = all.find((e) => e.id === localIds.get(remoteId));
  expect(local?.endedAt).toBe(endedAt);
  await expect.poll(() => hoursOf(remoteId)?.is_running).toBe(false);
  expect(hoursOf(remoteId)?.hours).toBe(Math.round(((local?.durationMs ?? 0) / 3_600_000) * 100) / 100);
}

describe('idle time while a timer ran, real Chromium and Harvest', () => {
  it('keep: asked in the popup and on the page’s button; the entry keeps the idle time', async () => {
    const id = await runningFor(40);
    await idle25();
    // The page's button says so, and asks rather than stops.
    await expect.poll(() => buttons(page).getAttribute('data-prompt')).toBe('idle');
    expect(await buttons(page).getByRole('button').textContent()).toBe('Idle 25\u00a0min');
    expect(Object.keys(await notifications())).toContain('stint-prompt');
    const popup = await stint.popup();
    const card = popup.locator('section.prompt');
    await expect.poll(() => card.locator('h2').textContent()).toBe('You were idle 25 minutes');
    expect(await card.locator('button').allTextContents()).toEqual([
      'Keep idle time',
      'Discard idle time',
      expect.stringMatching(/^Stop at /),
    ]);
    // The README's picture of the question, at the popup's real width (.popup is 360 px wide; the tab is not
    // resized: a viewport change here disturbed the next modal in the task page's tab of the same window).
    mkdirSync(resolve('docs'), { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: join(resolve('docs'), `idle-${scheme}.png`), clip: { x: 0, y: 0, width: 360, height: 260 } });
    }
    // The hook lives in the worker's global only: the popup (an extension page) does not see it.
    expect(await popup.evaluate(() => '__stintIdle' in globalThis)).toBe(false);
    await card.locator('button[data-choice="keep"]').click();
    await expect.poll(() => card.count()).toBe(0);
    await expect.poll(() => buttons(page).getAttribute('data-prompt')).toBeNull();
    await expect.poll(async () => Object.keys(await notifications())).not.toContain('stint-prompt');
    await popup.close();
    // Still running; stopped, Harvest has the 40 minutes.
    expect(hoursOf(id)?.is_running).toBe(true);
    await buttons(page).getByRole('button').click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await settled(stint);
    await expect.poll(() => hoursOf(id)?.is_running).toBe(false);
    expect(hoursOf(id)?.hours).toBeCloseTo(40 / 60, 1);
    const kept = (await stored<{ id: string; durationMs: number }[]>(await stint.worker(), 'entries')).find(
      (e) => e.id === localIds.get(id),
    );
    expect(kept?.durationMs).toBeGreaterThan(40 * MIN);
  });

  it('discard, from the modal the page’s button opens: the entry ends at the idle start, the work goes on from the return', async () => {
    const id = await runningFor(40);
    const before = entries().length;
    const back = await idle25();
    await expect.poll(() => buttons(page).getAttribute('data-prompt')).toBe('idle');
    await page.bringToFront();
    await buttons(page).getByRole('button').click();
    const card = modal(page).locator('section.prompt');
    await card.locator('button[data-choice="discard"]').click();
    await expect.poll(() => buttons(page).getAttribute('data-prompt')).toBeNull();
    expect(await buttons(page).getAttribute('data-state')).toBe('running');
    await settled(stint);
    // Harvest: the first entry stopped with the 15 minutes before the idle time, a new running one for the same task.
    await landedAt(id, back - 25 * MIN);
    expect(hoursOf(id)?.hours).toBeCloseTo(15 / 60, 1);
    await expect.poll(() => entries().length).toBe(before + 1);
    const next = entries().filter((e) => e.is_running);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ notes: hoursOf(id)?.notes, task: { id: demo.taskIds.programming } });
    await page.keyboard.press('Escape');
    await buttons(page).getByRole('button').click(); // stops the new one
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await settled(stint);
  });

  it('stop at the idle start, from the popup: Harvest has the time until then, nothing running', async () => {
    const id = await runningFor(40);
    const back = await idle25();
    const popup = await stint.popup();
    await popup.locator('section.prompt button[data-choice="stop"]').click();
    await expect.poll(() => popup.locator('section.prompt').count()).toBe(0);
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await settled(stint);
    await landedAt(id, back - 25 * MIN);
    expect(hoursOf(id)?.hours).toBeCloseTo(15 / 60, 1);
    expect(entries().filter((e) => e.is_running)).toHaveLength(0);
    expect(Object.keys(await notifications())).not.toContain('stint-prompt');
    await popup.close();
  });
});

describe('forgotten timers and the reminder to track', () => {
  it('reminds of a timer running longer than the set hours, and stops it at the last activity', async () => {
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    await options.locator('input[name="max-hours"]').fill('1');
    await options.locator('input[name="max-hours"]').blur();
    await expect.poll(async () => (await stored<{ maxTimerHours: number }>(await stint.worker(), 'settings')).maxTimerHours).toBe(1);
    await options.close();

    const id = await runningFor(90);
    const now = Date.now();
    // The screen was locked 20 minutes ago: that is the last activity.
    await report('locked', now - 20 * MIN);
    expect(await tick(now)).toBe('forgotten');
    expect(Object.keys(await notifications())).toContain('stint-prompt');
    expect(await tick(now + MIN)).toBeNull(); // once per timer
    const popup = await stint.popup();
    const card = popup.locator('section.prompt[data-kind="forgotten"]');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Still running after 1 hour, 30 minutes');
    expect(await card.locator('button').allTextContents()).toEqual([expect.stringMatching(/^Stop at /), 'Keep running']);
    await card.locator('button[data-choice="stop"]').click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    await settled(stint);
    await landedAt(id, now - 20 * MIN);
    expect(hoursOf(id)?.hours).toBeCloseTo(70 / 60, 1);
    await popup.close();
    await report('active', Date.now());
  });

  it('reminds to track once after the set minutes of activity with no timer, never again within the hour', async () => {
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    // Clicked one at a time: each box follows the saved settings once the background has them.
    await options.locator('input[name="track-enabled"]').click();
    await expect.poll(() => options.locator('input[name="track-day-0"]').isEnabled()).toBe(true);
    for (const day of [0, 6]) {
      await options.locator(`input[name="track-day-${day}"]`).click();
      await expect.poll(() => options.locator(`input[name="track-day-${day}"]`).isChecked()).toBe(true);
    }
    await options.locator('input[name="track-from"]').fill('00:00');
    await options.locator('input[name="track-to"]').fill('23:59');
    await expect
      .poll(async () => (await stored<{ trackReminder: unknown }>(await stint.worker(), 'settings')).trackReminder)
      .toEqual({ enabled: true, days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '23:59', afterMinutes: 15 });
    await options.close();

    // Times of the test's choosing, around noon today (inside the working hours whatever the time of the run).
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    const base = noon.getTime();
    await report('locked', base - 40 * MIN);
    await report('active', base - 20 * MIN);
    expect(await tick(base - 6 * MIN)).toBeNull(); // 14 minutes of activity
    expect(await tick(base)).toBe('track');
    const shown = (await notifications())['stint-track'];
    expect(shown).toBeDefined();
    const worker = await stint.worker();
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { notifications: { clear(id: string): Promise<boolean> } } }).chrome.notifications.clear(
        'stint-track',
      ),
    );
    for (const minutes of [1, 30, 59]) expect(await tick(base + minutes * MIN)).toBeNull();
    expect(Object.keys(await notifications())).not.toContain('stint-track');
    expect(await tick(base + 60 * MIN)).toBe('track');
    expect(Object.keys(await notifications())).toContain('stint-track');
  });
});
