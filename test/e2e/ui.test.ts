import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, linkHarvestByToken, modal, openModal, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

/**
 * The timer modal and the popup as people use them, production build in real Chromium: keyboard only from the
 * page button to a running timer and back; the picker; manual times; the popup's running timer, today, week,
 * edit / delete / continue, "Track this page"; live announcements.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const ISSUE_13 = 'https://github.com/octo-org/hello-world/issues/13';
let rig: Rig;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;

// "Track this page" reads the active tab with `activeTab`, granted when the toolbar button opens the popup; a
// test opens the popup as a tab instead, so the popup falls back to the last web page used, which it may read
// only with access to that site: the profile gets that grant.

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  rig = await startStint({ emulators: [emu], fixtures: [fixture], grants: ['https://github.com'] });
  stint = rig.stint;
});

afterAll(() => rig?.close());

interface StoredEntry {
  id: string;
  day: string;
  notes: string;
  durationMs: number;
  startedAt: number | null;
  running: boolean;
  task: { id: string } | null;
  booking: { projectId: string; taskId: string } | null;
}
const bookingOf = (projectId: number, taskId: number) => `harvest:${demo.accountId}|${projectId}|${taskId}`;
const storedEntries = async () => (await stored<StoredEntry[]>(await stint.worker(), 'entries')) ?? [];
const storedTimer = async () => stored<StoredEntry | null>(await stint.worker(), 'timer');
const modalFrame = (page: Page): Frame => {
  const f = page.frames().find((x) => x.url().includes('/modal.html'));
  if (!f) throw new Error('no modal frame');
  return f;
};
/** What has the keyboard focus inside the modal frame. */
const focusedInModal = (page: Page) =>
  modalFrame(page).evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el
      ? `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}[name=${el.getAttribute('name')}]`
      : '';
  });
const pageFocusIsButton = (page: Page) => page.evaluate(() => document.activeElement?.tagName === 'STINT-BUTTON');

async function tabToButton(page: Page) {
  for (let i = 0; i < 60 && !(await pageFocusIsButton(page)); i++) await page.keyboard.press('Tab');
  expect(await pageFocusIsButton(page)).toBe(true);
}

describe('keyboard only', () => {
  it('Tab to the page button, Enter, type to pick a project/task, Enter, Enter to start; Enter on the button stops', async () => {
    await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await buttons(page).first().waitFor();
    await tabToButton(page);
    await page.keyboard.press('Enter');
    await modal(page).getByRole('button', { name: 'Start timer' }).waitFor();
    // Nothing remembered yet for this repository: the focus is in the picker.
    await expect.poll(() => focusedInModal(page)).toBe('input[role=combobox][name=booking-search]');

    await page.keyboard.type('analytical meet');
    const first = modal(page).locator('[role="option"]').first();
    await expect.poll(() => first.getAttribute('data-value')).toBe(bookingOf(demo.projects.analytical.id, demo.taskIds.meetings));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await modal(page).getByRole('combobox').getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await page.keyboard.press('Enter'); // picks
    await expect
      .poll(() => modal(page).locator('input[name="booking"]').inputValue())
      .toBe(bookingOf(demo.projects.analytical.id, demo.taskIds.meetings));
    expect(await modal(page).getByRole('combobox').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter'); // submits: Start timer

    await expect.poll(() => buttons(page).getAttribute('data-state'), { timeout: 5000 }).toBe('running');
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
    await expect.poll(() => pageFocusIsButton(page)).toBe(true);
    const timer = await storedTimer();
    expect(timer).toMatchObject({ running: true, task: { id: 'octo-org/hello-world#12' } });
    expect(timer?.booking).toMatchObject({ projectId: String(demo.projects.analytical.id), taskId: String(demo.taskIds.meetings) });
    await expect.poll(() => emu.timeEntries({ accountId: demo.accountId, running: true }).length, { timeout: 15_000 }).toBe(1);

    await page.keyboard.press('Enter'); // the focused page button: Stop
    await expect.poll(() => buttons(page).getAttribute('data-state'), { timeout: 5000 }).toBe('idle');
    await expect.poll(async () => (await storedEntries()).filter((e) => e.task?.id === 'octo-org/hello-world#12').length).toBe(1);
    await page.close();
  });

  it('Escape closes the picker list first, then the modal; the focus goes back to the page button', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await buttons(page).first().waitFor();
    await tabToButton(page);
    await page.keyboard.press('Enter');
    await modal(page).getByRole('button', { name: 'Start timer' }).waitFor();
    // The repository's last choice is remembered now: the focus is in the notes, the choice preselected.
    await expect.poll(() => focusedInModal(page)).toBe('textarea[name=notes]');
    expect(await modal(page).locator('input[name="booking"]').inputValue()).toBe(
      bookingOf(demo.projects.analytical.id, demo.taskIds.meetings),
    );
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusedInModal(page)).toBe('input[role=combobox][name=booking-search]');
    await page.keyboard.type('zzzz');
    await expect.poll(() => modal(page).getByRole('combobox').getAttribute('aria-expanded')).toBe('true');
    expect(await modal(page).getByText('No project or task matches “zzzz”.').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => modal(page).getByRole('combobox').getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('iframe[title="Stint timer"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
    await expect.poll(() => pageFocusIsButton(page)).toBe(true);
    await page.close();
  });
});

describe('the picker by mouse', () => {
  it('a click into the current choice selects it whole, so typing replaces it', async () => {
    const linked = (await stored<unknown[]>(await stint.worker(), 'accounts')) ?? [];
    if (linked.length === 0) await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
    const page = await stint.context.newPage();
    await page.goto(ISSUE_13);
    await openModal(page);
    const combobox = modal(page).getByRole('combobox');
    await combobox.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('analytical meet');
    await page.keyboard.press('Enter'); // picks: the field shows the choice's label
    await expect.poll(() => combobox.inputValue()).toContain('Analytical');
    await combobox.click(); // in the middle of the label, the focus still there
    await page.keyboard.type('diff');
    expect(await combobox.inputValue()).toBe('diff');
    await page.keyboard.press('Escape'); // undoes the typing: the label again
    await expect.poll(() => combobox.inputValue()).toContain('Analytical');
    await page.keyboard.press('Tab'); // the focus leaves the field
    await combobox.click(); // a click that focuses it
    await page.keyboard.type('diff');
    expect(await combobox.inputValue()).toBe('diff');
    const first = modal(page).locator('[role="option"]').first();
    await expect.poll(() => first.getAttribute('data-value')).toContain(`|${demo.projects.difference.id}|`);
    await page.close();
  });
});

describe('manual entries in the modal', () => {
  it('refuses what it cannot read with the accepted forms listed, and sends nothing', async () => {
    const before = (await storedEntries()).length;
    const page = await stint.context.newPage();
    await page.goto(ISSUE_13);
    await openModal(page);
    await modal(page).locator('input[name="time"]').fill('ninety');
    await modal(page).getByRole('button', { name: 'Save entry' }).click();
    const alert = modal(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('“ninety” is not a duration');
    expect(await alert.textContent()).toContain('Accepted: 1:30, 1.5, 1.5h, 90m, 1h 30m, 9:00-10:30, 9am-10:30am.');
    expect(await modal(page).locator('input[name="time"]').getAttribute('aria-invalid')).toBe('true');
    await modal(page).locator('input[name="time"]').fill('10:30-9:00');
    await modal(page).getByRole('button', { name: 'Save entry' }).click();
    await expect.poll(() => alert.textContent()).toContain('The range 10:30-9:00 ends before it starts.');
    await page.waitForTimeout(300);
    expect((await storedEntries()).length).toBe(before);
    await page.close();
  });

  it.each(['1:30', '1.5', '1.5h', '90m', '1h 30m', '9:00-10:30', '9am-10:30am'])('saves %s as an hour and a half', async (time) => {
    const before = (await storedEntries()).length;
    const page = await stint.context.newPage();
    await page.goto(ISSUE_13);
    await openModal(page);
    await modal(page).locator('input[name="time"]').fill(time);
    const day = await modal(page).locator('input[name="day"]').inputValue();
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/); // today by default
    await modal(page).getByRole('button', { name: 'Save entry' }).click();
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
    await expect.poll(async () => (await storedEntries()).length).toBe(before + 1);
    const added = (await storedEntries()).filter(
      (e) => e.task?.id === 'octo-org/hello-world#13' && e.durationMs === 90 * 60_000 && e.day === day,
    );
    expect(added.length).toBeGreaterThan(0);
    await page.close();
  });

  it('saves on the date chosen, with the notes attach toggle off', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_13);
    await openModal(page);
    await modal(page).getByLabel('Attach task id, title and link').uncheck();
    expect(await modal(page).locator('textarea[name="notes"]').inputValue()).toBe('');
    await modal(page).locator('textarea[name="notes"]').fill('reviewed a design');
    await modal(page).locator('input[name="time"]').fill('45m');
    await modal(page).locator('input[name="day"]').fill('2026-01-05');
    await modal(page).getByRole('button', { name: 'Save entry' }).click();
    await expect
      .poll(async () => (await storedEntries()).find((e) => e.notes === 'reviewed a design'))
      .toMatchObject({ day: '2026-01-05', durationMs: 45 * 60_000, task: { id: 'octo-org/hello-world#13' } });
    await page.close();
  });
});

describe('the popup', () => {
  it('tracks a task page whose anchor is missing: no button, no page error, the task still identified', async () => {
    const page = await stint.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto('https://github.com/octo-org/hello-world/issues/99');
    await page.waitForTimeout(400);
    expect(await buttons(page).count()).toBe(0);
    const popup = await stint.popup();
    await popup.getByRole('button', { name: 'Track this page' }).click();
    const form = popup.locator('.track-page');
    await expect.poll(() => form.locator('.task').count()).toBe(1);
    expect(await form.locator('.task').textContent()).toContain('octo-org/hello-world#99');
    await popup.getByRole('button', { name: 'Close' }).first().click();
    expect(errors).toEqual([]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('tracks the page, announces start and stop, changes the running notes, shows today and the week', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await buttons(page).first().waitFor();
    const popup = await stint.popup();
    await popup.getByRole('button', { name: 'Track this page' }).click();
    const form = popup.locator('.track-page');
    await expect.poll(() => form.locator('.task').count()).toBe(1);
    expect(await form.locator('.task').textContent()).toContain('octo-org/hello-world#12');
    await form.getByRole('button', { name: 'Start timer' }).click();
    const announcer = popup.getByTestId('announcer');
    // The popup cannot read the page: the title is the tab's.
    const title = (await page.title()).replace(/\s+/g, ' ').trim();
    await expect.poll(() => announcer.textContent()).toContain(`Timer started: ${title}.`);
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    expect(await popup.locator('.track-page').count()).toBe(0);

    await popup.getByRole('button', { name: 'Change notes or project' }).click();
    await popup.locator('.running textarea[name="notes"]').fill('pairing on the crash');
    await popup.locator('.running').getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await storedTimer())?.notes).toBe('pairing on the crash');

    await popup.locator('.running').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => announcer.textContent()).toContain(`Timer stopped: ${title}, after `);
    await expect.poll(() => popup.locator('.running').count()).toBe(0);
    // The focus is not lost with the Stop button.
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Track this page');

    const item = popup.locator('.today li[data-entry-id]', { hasText: 'pairing on the crash' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.entry-title').textContent()).toBe(title);
    expect(await item.locator('.entry-notes').textContent()).toBe('pairing on the crash');
    expect(await popup.getByTestId('today-total').textContent()).toMatch(/^\d+:\d\d$/);
    expect(await popup.locator('.week-table td[aria-current="date"]').count()).toBe(1);
    expect(await popup.getByTestId('week-total').textContent()).toMatch(/^\d+:\d\d$/);
    await Promise.all([page.close(), popup.close()]);
  });

  it('edits an entry, deletes one after confirming, and continues one', async () => {
    const today = await (await stint.popup()).evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const base = { task: null, startedAt: null, endedAt: null, running: false, booking: null, createdAt: 1, updatedAt: 1 };
    const seeded = [
      { ...base, id: 'edit-me', notes: 'write the report', day: today, durationMs: 30 * 60_000 },
      { ...base, id: 'delete-me', notes: 'scratch work', day: today, durationMs: 10 * 60_000 },
    ];
    await writeStored(await stint.worker(), { entries: [...seeded, ...(await storedEntries())] });
    const popup = await stint.popup();
    const item = (id: string) => popup.locator(`.today li[data-entry-id="${id}"]`);

    await item('edit-me').getByRole('button', { name: 'Edit “write the report”' }).click();
    await expect.poll(() => popup.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).toBe('notes');
    await item('edit-me').locator('input[name="time"]').fill('2:00');
    await item('edit-me').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await storedEntries()).find((e) => e.id === 'edit-me')?.durationMs).toBe(2 * 3_600_000);
    await expect.poll(() => popup.locator('.notice').textContent()).toBe('Entry saved.');

    await item('delete-me').getByRole('button', { name: 'Delete “scratch work”' }).click();
    const confirm = item('delete-me').getByRole('button', { name: 'Delete', exact: true });
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Delete');
    await confirm.click();
    await expect.poll(async () => (await storedEntries()).some((e) => e.id === 'delete-me')).toBe(false);
    await expect.poll(() => item('delete-me').count()).toBe(0);

    await item('edit-me').getByRole('button', { name: 'Continue “write the report”' }).click();
    await expect.poll(async () => (await storedTimer())?.notes).toBe('write the report');
    await expect.poll(() => popup.getByTestId('announcer').textContent()).toContain('Timer started: write the report');
    await popup.locator('.running').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => popup.locator('.running').count()).toBe(0);
    await popup.close();
  });
});
