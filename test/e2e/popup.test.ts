import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, linkHarvestByToken, modal, openModal, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

/**
 * The popup you can start from, production build in real Chromium: "What are you working on?" with the picker and
 * where the time goes; what a start stops; recent work to continue; today's entries each with its own booking and
 * no title said twice; a truthful week; "Track this page" for the task already running; the notes template; and the
 * polish: a date field not clipped, no empty list box, drawn icons.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let rig: Rig;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  // "Track this page" from a popup opened as a tab reads the last web page: the profile may read github.com.
  rig = await startStint({ emulators: [emu], fixtures: [fixture], grants: ['https://github.com'] });
  stint = rig.stint;
  await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
});

afterAll(() => rig?.close());

interface StoredEntry {
  id: string;
  notes: string;
  running: boolean;
  booking: { accountId: string; projectId: string; taskId: string } | null;
}
const HARVEST = () => `harvest:${demo.accountId}`;
const today = () => new Date().toLocaleDateString('en-CA');
const timerOf = async () => stored<StoredEntry | null>(await stint.worker(), 'timer');

async function stopAll(popup: Page) {
  const stop = popup.locator('.running').getByRole('button', { name: 'Stop', exact: true });
  if (await stop.count()) await stop.click();
  await expect.poll(timerOf).toBeNull();
}

describe('the popup', () => {
  it('starts a timer from "What are you working on?", booked where it says, and says what the next start stops', async () => {
    const popup = await stint.popup();
    const form = popup.locator('.quick-start');
    await form.getByLabel('What are you working on?').fill('Review the release plan');
    // Harvest is the default: its first project is preselected, and the form says where the time goes.
    await expect.poll(() => form.locator('.destination').textContent()).toBe('Goes to: → Harvest · Analytical Engines Ltd');
    await form.getByRole('combobox', { name: 'Project / task' }).fill('analytical meet');
    // A user presses Enter on the match they see: the project list may still be arriving when the popup opens.
    const meetings = `${HARVEST()}|${demo.projects.analytical.id}|${demo.taskIds.meetings}`;
    await form.locator(`[role="option"][data-value="${meetings}"]`).waitFor();
    await form.getByRole('combobox', { name: 'Project / task' }).press('Enter');
    await expect.poll(() => form.locator('input[name="booking"]').inputValue()).toBe(meetings);
    await form.getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(async () => (await timerOf())?.notes).toBe('Review the release plan');
    expect((await timerOf())?.booking).toMatchObject({
      accountId: HARVEST(),
      projectId: String(demo.projects.analytical.id),
      taskId: String(demo.taskIds.meetings),
    });
    // The popup follows the background's write (its reply, then state.changed): waited for, not timed.
    await expect.poll(() => form.getByLabel('What are you working on?').inputValue()).toBe('');
    // The running card: two lines, its destination on the second.
    await expect.poll(() => popup.locator('.running .running-where').textContent()).toContain('Harvest · Analytical Engine / Meetings');
    // Another start would stop this one, and says so.
    await expect.poll(() => form.getByTestId('stops').textContent()).toMatch(/^Stops: Review the release plan, 0:0\d$/);
    await stopAll(popup);
    await expect.poll(() => form.getByTestId('stops').count()).toBe(0);
    await popup.close();
  });

  it('continues recent work in one click, from any day of the last two weeks', async () => {
    const popup = await stint.popup();
    const item = popup.locator('.continue li', { hasText: 'Review the release plan' });
    await item.getByRole('button', { name: 'Continue “Review the release plan”' }).click();
    await expect.poll(async () => (await timerOf())?.notes).toBe('Review the release plan');
    // The running work is not offered again.
    await expect.poll(() => item.count()).toBe(0);
    await stopAll(popup);
    await popup.close();
  });

  it('shows each entry with its own booking, never the task title twice; a zero-length entry as one time', async () => {
    const task = {
      integration: 'github',
      id: 'octo-org/hello-world#40',
      title: 'Flaky upload',
      url: 'https://github.com/octo-org/hello-world/issues/40',
      groupId: 'octo-org/hello-world',
    };
    const at = (h: number, m: number) => new Date(new Date().setHours(h, m, 0, 0)).getTime();
    const base = { task, day: today(), running: false, createdAt: 1, updatedAt: 1, startedAt: null, endedAt: null };
    const booked = (projectId: number, taskId: number, projectName: string, taskName: string) => ({
      accountId: HARVEST(),
      projectId: String(projectId),
      taskId: String(taskId),
      projectName,
      taskName,
    });
    await writeStored(await stint.worker(), {
      entries: [
        ...((await stored<unknown[]>(await stint.worker(), 'entries')) ?? []),
        {
          ...base,
          id: 'p1',
          notes: 'octo-org/hello-world#40 Flaky upload',
          durationMs: 20 * 60_000,
          booking: booked(demo.projects.difference.id, demo.taskIds.programming, 'Difference Engine', 'Programming'),
        },
        {
          ...base,
          id: 'p2',
          notes: 'reproduced it on staging',
          durationMs: 10 * 60_000,
          booking: booked(demo.projects.analytical.id, demo.taskIds.meetings, 'Analytical Engine', 'Meetings'),
        },
        { ...base, id: 'p3', notes: '', durationMs: 5 * 60_000, booking: null },
        { ...base, id: 'z', task: null, notes: 'Misclick', startedAt: at(9, 3), endedAt: at(9, 3), durationMs: 0, booking: null },
      ],
    });
    const popup = await stint.popup();
    const item = (id: string) => popup.locator(`.today li[data-entry-id="${id}"]`);
    await item('p1').waitFor();
    for (const id of ['p1', 'p2', 'p3']) expect(await item(id).locator('.entry-title').textContent()).toBe('Flaky upload');
    expect(await item('p1').locator('.entry-meta').textContent()).toBe('Difference Engine / Programming');
    expect(await item('p2').locator('.entry-meta').textContent()).toBe('Analytical Engine / Meetings');
    expect(await item('p3').locator('.entry-meta').textContent()).toBe('Local');
    // Notes that only repeat the task are not shown again; notes that say something are.
    expect(await item('p1').locator('.entry-notes').count()).toBe(0);
    expect(await item('p2').locator('.entry-notes').textContent()).toBe('reproduced it on staging');
    expect(await popup.locator('.today .group, .today h3').count()).toBe(0);
    // Started and stopped in the same minute: one time, not "9:03 AM – 9:03 AM".
    const meta = await item('z').locator('.entry-meta').textContent();
    expect(meta).toMatch(/^Local · 9:03\s?AM$/);
    await popup.close();
  });

  it('scales the week to at least a workday, with "–" for days with nothing', async () => {
    const popup = await stint.popup();
    const week = popup.locator('.week-table');
    const todayCell = week.locator('td[aria-current="date"]');
    await todayCell.waitFor();
    // Today holds well under a workday: its bar is a part of the height, never all of it.
    const [bar, box] = await Promise.all([todayCell.locator('.bar > span').boundingBox(), todayCell.locator('.bar').boundingBox()]);
    expect(bar && box && bar.height / box.height).toBeLessThan(0.5);
    const empty = week.locator('td .day-total.empty');
    expect(await empty.count()).toBeGreaterThan(0);
    expect(await empty.first().locator('[aria-hidden="true"]').textContent()).toBe('–');
    expect(await empty.first().locator('.sr-only').textContent()).toBe('nothing tracked');
    expect(await week.locator('td .day-total [aria-hidden="true"]').allTextContents()).not.toContain('0:00');
    await popup.close();
  });

  it('"Track this page" for the task already running says so, with no second Stop', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    // The default template gives GitHub's id no second hash.
    expect(await modal(page).getByLabel('Notes').inputValue()).toMatch(/^octo-org\/hello-world#12 Crash when saving/);
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    const popup = await stint.popup();
    await popup.getByRole('button', { name: 'Track this page' }).click();
    await popup.locator('.track-page').getByText('This page’s task is the timer running above.').waitFor();
    expect(await popup.getByRole('button', { name: /^Stop/ }).count()).toBe(1);
    await stopAll(popup);
    await Promise.all([page.close(), popup.close()]);
  });
});

/** Room left in a date field beside its text (its calendar button needs about 20 px): negative or tiny = clipped. */
const roomBesideDate = (input: Locator) =>
  input.evaluate((el: HTMLInputElement) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
    const [y, m, d] = el.value.split('-').map(Number);
    const shown = new Intl.DateTimeFormat(navigator.language).format(new Date(y ?? 0, (m ?? 1) - 1, d ?? 1));
    return el.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight) - ctx.measureText(shown).width;
  });
const top = (l: Locator) => l.evaluate((el) => Math.round(el.getBoundingClientRect().top));

describe('polish', () => {
  it('the date field shows the whole date, level with the time field, in the modal and the entry editor', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    await modal(page).locator('input[name="time"]').fill('0:30');
    const day = modal(page).locator('input[name="day"]');
    expect(await roomBesideDate(day)).toBeGreaterThan(20);
    expect(await top(day)).toBe(await top(modal(page).locator('input[name="time"]')));
    await modal(page).getByRole('button', { name: 'Save entry' }).click();
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);

    const popup = await stint.popup();
    const item = popup.locator('.today li[data-entry-id]').first();
    await item.getByRole('button', { name: /^Edit/ }).click();
    const editDay = item.locator('input[name="day"]');
    expect(await roomBesideDate(editDay)).toBeGreaterThan(20);
    expect(await top(editDay)).toBe(await top(item.locator('input[name="time"]')));
    await item.getByRole('button', { name: 'Cancel' }).click();
    await Promise.all([page.close(), popup.close()]);
  });

  it('no empty list box under "No project or task matches"', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    await modal(page).getByRole('combobox', { name: 'Project / task' }).fill('zzzz');
    await modal(page).getByText('No project or task matches “zzzz”.').waitFor();
    expect(await modal(page).getByRole('listbox', { includeHidden: true }).boundingBox()).toBeNull();
    await page.close();
  });

  it('icons are drawn, not text glyphs', async () => {
    const popup = await stint.popup();
    await popup.locator('.today li[data-entry-id] .entry-actions').first().waitFor();
    expect(await popup.locator('main').innerText()).not.toMatch(/[▶✎✕⚙×]/);
    expect(await popup.locator('.entry-actions button svg').count()).toBeGreaterThan(0);
    await popup.close();
  });
});
