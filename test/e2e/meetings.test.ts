import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture as google } from '../fixtures/sites/google-calendar/fixture';
import { fixture as outlook } from '../fixtures/sites/outlook/fixture';
import { fixture as slack } from '../fixtures/sites/slack/fixture';
import { buttons, linkHarvestByToken, modal, settled, stored } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

/**
 * Meetings and conversations in real Chromium, production build, the browser in New York time (issue 14): a
 * calendar event's "Log this meeting" opens the modal on the event's own date and range in the user's time zone
 * (across the US clock change of March 8, 2026, and for an event kept in Paris time), one Save lands once in the
 * Harvest emulator with its start and end, the same occurrence logged again warns instead of duplicating; Slack's
 * buttons come with a message's hover actions only.
 */

const ZONE = 'America/New_York';
const MONTH = 'https://calendar.google.com/calendar/u/0/r/month/2026/3/1';
const EVENT_PAGE = google.pages[1]?.url ?? '';
const PLANNING = outlook.pages[0]?.url ?? '';
const QUIET = 'https://app.slack.com/client/T01ACME42/C09QUIET';

let rig: Rig;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo({ timestamp: true });
  rig = await startStint({ emulators: [emu], fixtures: [google, outlook, slack], timezone: ZONE });
  ({ stint } = rig);
  await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
});

afterAll(() => rig?.close());

interface HarvestJson {
  id: number;
  spent_date: string;
  started_time: string | null;
  ended_time: string | null;
  hours: number;
  notes: string;
  external_reference: { id: string; permalink: string } | null;
}
interface EntryJson {
  day: string;
  startedAt: number | null;
  endedAt: number | null;
  notes: string;
  task: { integration: string; id: string; url: string; span?: unknown } | null;
}
const harvest = () => emu.timeEntries({ accountId: demo.accountId }) as unknown as HarvestJson[];
const booking = () => `harvest:${demo.accountId}|${demo.projects.difference.id}|${demo.taskIds.programming}`;
const local = async (): Promise<EntryJson[]> => stored<EntryJson[]>(await stint.worker(), 'entries');

/** Opens the modal from the page's one button (by its name) and reads what it was prefilled with. */
async function openOn(page: Page, name: string) {
  await page.bringToFront();
  await expect.poll(() => buttons(page).count()).toBe(1);
  await buttons(page).getByRole('button', { name }).click();
  const frame = modal(page);
  await frame.locator('textarea[name="notes"]').waitFor();
  return {
    time: await frame.locator('input[name="time"]').inputValue(),
    day: (await frame.locator('input[name="day"]').count()) ? await frame.locator('input[name="day"]').inputValue() : null,
    notes: await frame.locator('textarea[name="notes"]').inputValue(),
  };
}

async function pickAndSave(page: Page) {
  const frame = modal(page);
  await frame.getByRole('combobox', { name: 'Project / task' }).press('ArrowDown');
  await frame.locator(`[role="option"][data-value="${booking()}"]`).click();
  await frame.getByRole('button', { name: 'Save entry' }).click();
}

async function synced() {
  await (await stint.popup()).close(); // opening the popup asks for a sync
  await settled(stint);
}

describe('Log this meeting, real Chromium in New York time', () => {
  it('the browser runs in the zone the test asked for', async () => {
    const page = await stint.context.newPage();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(ZONE);
    expect(await (await stint.worker()).evaluate(() => new Date(Date.UTC(2026, 2, 10, 13)).getHours())).toBe(9);
    await page.close();
  });

  it('a recurring meeting before and after the clock change: each occurrence on its own date at 9:00, start and end in Harvest', async () => {
    const page = await stint.context.newPage();
    await page.goto(MONTH);
    expect(await buttons(page).count()).toBe(0);
    for (const [chip, day, utcHour] of [
      ['#chip-standup-3', '2026-03-03', 14], // EST, UTC−5
      ['#chip-standup-10', '2026-03-10', 13], // EDT, UTC−4 since March 8
    ] as const) {
      await page.click(chip);
      expect(await openOn(page, 'Log this meeting')).toEqual({ time: '9:00-9:30', day, notes: 'Standup' });
      await pickAndSave(page);
      await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
      const saved = (await local()).find((e) => e.day === day && e.task?.integration === 'google-calendar');
      expect(saved).toMatchObject({ startedAt: Date.UTC(2026, 2, Number(day.slice(-2)), utcHour), notes: 'Standup' });
      expect(saved?.endedAt).toBe((saved?.startedAt ?? 0) + 30 * 60_000);
    }
    await synced();
    const standups = harvest().filter((e) => e.notes === 'Standup');
    expect(standups.map((e) => [e.spent_date, e.started_time, e.ended_time]).sort()).toEqual([
      ['2026-03-03', '9:00am', '9:30am'],
      ['2026-03-10', '9:00am', '9:30am'],
    ]);
    expect(standups.map((e) => e.external_reference?.id).sort()).toEqual([
      '6go3gcr3chh34b21ckqjab9k64_20260303T140000Z',
      '6go3gcr3chh34b21ckqjab9k64_20260310T130000Z',
    ]);
    expect(standups[0]?.external_reference?.permalink).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/event\?eid=/);
    await page.close();
  });

  it('the same occurrence logged again warns instead of duplicating', async () => {
    const page = await stint.context.newPage();
    await page.goto(MONTH);
    await page.click('#chip-standup-10');
    await openOn(page, 'Log this meeting');
    await pickAndSave(page);
    await expect.poll(() => modal(page).getByRole('alert').first().textContent()).toContain('already logged');
    expect(await modal(page).getByRole('button', { name: 'Log it again' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
    await synced();
    expect(harvest().filter((e) => e.notes === 'Standup')).toHaveLength(2);
    expect((await local()).filter((e) => e.task?.id === '6go3gcr3chh34b21ckqjab9k64_20260310T130000Z')).toHaveLength(1);
    await page.close();
  });

  it('an event kept in Paris time opens at its New York time; the user shortens it', async () => {
    const page = await stint.context.newPage();
    await page.goto(EVENT_PAGE);
    // 9:00–10:00 in Paris (GMT+1 until March 29) is 4:00–5:00 in New York (UTC−4 since March 8).
    expect(await openOn(page, 'Log this meeting')).toEqual({ time: '4:00-5:00', day: '2026-03-10', notes: 'Partner sync & roadmap' });
    await modal(page).locator('input[name="time"]').fill('4:00-4:45');
    await pickAndSave(page);
    await synced();
    expect(harvest().filter((e) => e.notes === 'Partner sync & roadmap')).toMatchObject([
      { spent_date: '2026-03-10', started_time: '4:00am', ended_time: '4:45am', hours: 0.75 },
    ]);
    await page.close();
  });

  it('an all-day event prefills its date and no range', async () => {
    const page = await stint.context.newPage();
    await page.goto(MONTH);
    await page.click('#chip-offsite');
    expect(await openOn(page, 'Log this meeting')).toEqual({ time: '', day: '2026-03-12', notes: 'Team offsite' });
    await page.close();
  });

  it('Outlook’s reading pane: the range in the user’s time zone, saved once with start and end', async () => {
    const page = await stint.context.newPage();
    await page.goto(PLANNING);
    expect(await openOn(page, 'Log this meeting')).toEqual({
      time: '14:00-15:30',
      day: '2026-03-10',
      notes: 'Quarterly planning: Q2 <budget> & hiring',
    });
    await pickAndSave(page);
    await synced();
    expect(harvest().filter((e) => e.notes.startsWith('Quarterly planning'))).toMatchObject([
      { spent_date: '2026-03-10', started_time: '2:00pm', ended_time: '3:30pm', external_reference: { id: 'AAMkAGI2TG93AAA=' } },
    ]);
    await page.close();
  });

  it('Slack: no button until a message is hovered; it follows the pointer; a range typed in lands with start and end', async () => {
    const page = await stint.context.newPage();
    await page.goto(QUIET);
    await page.waitForTimeout(300);
    expect(await buttons(page).count()).toBe(0);
    const first = page.locator('[data-item-key="1773136800.123456"] [data-qa="message-text"]');
    const second = page.locator('[data-item-key="1773140400.000200"] [data-qa="message-text"]');
    await first.hover();
    await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe('T01ACME42/C09QUIET/1773136800.123456');
    await second.hover();
    await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe('T01ACME42/C09QUIET/1773140400.000200');
    expect(await buttons(page).count()).toBe(1);
    // Placed by the message's id alone; pointed at, its tooltip names the message's first line.
    await buttons(page).hover();
    await expect.poll(() => buttons(page).getAttribute('title')).toBe('Track time: Can someone review the rollout plan?');
    await buttons(page).getByRole('button', { name: 'Start timer' }).click();
    await modal(page).locator('input[name="time"]').fill('10:00-10:30');
    await modal(page).locator('input[name="day"]').fill('2026-03-10');
    await pickAndSave(page);
    await synced();
    const [entry, ...more] = harvest().filter((e) => e.external_reference?.id === 'T01ACME42/C09QUIET/1773140400.000200');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      spent_date: '2026-03-10',
      started_time: '10:00am',
      ended_time: '10:30am',
      external_reference: { permalink: 'https://acme.slack.com/archives/C04APOLLO/p1773140400000200' },
    });
    await page.close();
  });

  it('Slack: a message focused from the keyboard gets the button; a thread opened (or rendered late) gets one at its header', async () => {
    const page = await stint.context.newPage();
    await page.goto(QUIET);
    // Keyboard: focus moves onto a message row (Slack's arrow keys); its actions show, and the button with them.
    await page.locator('[data-item-key="1773140400.000200"]').focus();
    await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe('T01ACME42/C09QUIET/1773140400.000200');
    expect(await page.locator('[data-item-key="1773140400.000200"] [data-qa="message-actions"] stint-button').count()).toBe(1);
    // A thread opened in the page (pushState): its header gets the thread's button, and loses it once closed.
    const header = page.locator('[data-qa="threads_flexpane"] [data-qa="flexpane_header_title"] stint-button');
    await page.click('#open-thread-1');
    await expect.poll(() => header.getAttribute('data-task-id')).toBe('T01ACME42/C04APOLLO/1773136800.123456');
    await page.click('#close-thread');
    await expect.poll(() => header.count()).toBe(0);
    // A thread whose pane renders only after the view's first moments (replies loading): still found, since the
    // page is watched while the URL names a thread and its header has no button.
    await page.evaluate(() => history.pushState({}, '', '/client/T01ACME42/C09QUIET/thread/C09QUIET-1773140400.000200'));
    await page.waitForTimeout(1500); // past the watch every in-page navigation gets (NAV_WATCH_MS)
    await page.evaluate(() => {
      const pane = document.createElement('div');
      pane.setAttribute('data-qa', 'threads_flexpane');
      pane.innerHTML = '<div data-qa="flexpane_header_title" role="heading">Thread</div>';
      document.getElementById('client')?.append(pane);
    });
    await expect.poll(() => header.getAttribute('data-task-id')).toBe('T01ACME42/C09QUIET/1773140400.000200');
    await page.close();
  });
});
