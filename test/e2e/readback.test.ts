import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { createHarvestEmulator } from '../emulators/harvest';
import { createTogglEmulator } from '../emulators/toggl';
import { settled, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { sendFrom } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/**
 * The read-back timesheet through the production build: entries made in each tracker's own app (seeded on the
 * emulators) appear in the popup's today and week, merged with Stint's own; editing one syncs once, as a PATCH/PUT
 * of that remote entry, never a new POST. Harvest also shows a remote change racing a waiting local edit.
 */

const harvest = createHarvestEmulator();
const hdemo = harvest.seedDemo();
const clockify = createClockifyEmulator();
const cdemo = clockify.seedDemo();
// A second workspace tag, cached when the account is linked.
const cmeeting = clockify.addTag(cdemo.workspace.id, { name: 'meeting' });
// Quotas as documented (a Premium workspace); the leaky bucket off so the test is not paced to 1 request a second.
const toggl = createTogglEmulator({ leakyBucket: false });
const tdemo = toggl.seedDemo();
let rig: Rig;
let stint: Stint;
let options: Page;

/** Today and the first day of this week (Monday, Stint's default), local. */
const dayOf = (d: Date) => d.toLocaleDateString('en-CA');
const now = new Date();
const TODAY = dayOf(now);
const MONDAY = dayOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7)));
const at = (day: string, h: number, m = 0) => {
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(y as number, (mo as number) - 1, d as number, h, m);
};

beforeAll(async () => {
  rig = await startStint({ emulators: [harvest, clockify, toggl] });
  ({ stint } = rig);
  // Toggl's leaky bucket scaled as trackers.test.ts does; Harvest's 15 s budget widened so that each popup opening
  // of these quick tests may read back (on the documented budget, openings this close are spread by it).
  await writeStored(await stint.worker(), {
    pace: { toggl: { requests: 20, windowMs: 1000 }, harvest: { requests: 1000, windowMs: 15_000 } },
  });
  options = await stint.context.newPage();
  await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
});

afterAll(() => rig?.close());

const send = (message: unknown) => sendFrom(options, message);

/** The popup's item showing `notes` in today's list. */
const todayItem = (popup: Page, notes: string): Locator => popup.locator('.today li[data-entry-id]', { hasText: notes });

/** Opens the popup (which reads the week back) and waits for today's entry `notes`. */
async function popupWith(notes: string): Promise<Page> {
  const popup = await stint.popup();
  await todayItem(popup, notes).waitFor({ timeout: 15_000 });
  return popup;
}

/** Edits an entry's notes in the popup's editor and saves. */
async function editNotes(popup: Page, from: string, to: string) {
  const item = todayItem(popup, from);
  await item.getByRole('button', { name: /^Edit/ }).click();
  await item.locator('textarea[name="notes"]').fill(to);
  await item.getByRole('button', { name: 'Save' }).click();
  await todayItem(popup, to).waitFor();
}

/** The week table's cell of a day, as shown ("1:30"): every account's entries of the day. */
const dayCell = (popup: Page, day: string) => popup.locator(`.week-table td[data-day="${day}"] .day-total [aria-hidden]`).innerText();
/** The week's time on one account's project/task, as shown. */
const projectTotal = (popup: Page, key: string) => popup.locator(`.week-projects li[data-project="${key}"] [aria-hidden]`).innerText();

describe('Harvest', () => {
  const accountId = `harvest:${hdemo.accountId}`;
  const base = { userId: hdemo.userId, projectId: hdemo.projects.analytical.id, taskId: hdemo.taskIds.meetings };

  it('shows the day and week made in Harvest, merged with Stint’s own entry, each once', async () => {
    expect(
      await send({ type: 'account.link', provider: 'harvest', token: hdemo.token, remoteAccountId: String(hdemo.accountId) }),
    ).toMatchObject({
      ok: true,
    });
    harvest.addTimeEntry({ ...base, spentDate: TODAY, hours: 1.5, notes: 'Harvest web: standup and planning' });
    if (MONDAY !== TODAY) harvest.addTimeEntry({ ...base, spentDate: MONDAY, hours: 2, notes: 'Harvest web: Monday review' });
    // Stint's own entry, synced: the listing holds it too, and it must not appear twice.
    const booking = { accountId, projectId: String(base.projectId), taskId: String(base.taskId) };
    expect(await send({ type: 'entry.save', task: null, notes: 'Made in Stint', time: '0:45', day: TODAY, booking })).toEqual({ ok: true });
    await settled(stint, 30_000, accountId);

    const popup = await popupWith('Harvest web: standup and planning');
    await todayItem(popup, 'Made in Stint').waitFor();
    expect(await popup.locator('.today li[data-entry-id]').count()).toBe(2);
    expect(await popup.getByTestId('today-total').innerText()).toBe('2:15');
    if (MONDAY !== TODAY) expect(await dayCell(popup, MONDAY)).toBe('2:00');
    expect(await popup.getByTestId('week-total').innerText()).toBe(MONDAY !== TODAY ? '4:15' : '2:15');
    // The week per project: both days' entries under their one project/task, labelled from the project list.
    const key = `${accountId}|${base.projectId}|${base.taskId}`;
    expect(await projectTotal(popup, key)).toBe(MONDAY !== TODAY ? '4:15' : '2:15');
    expect(await popup.locator(`.week-projects li[data-project="${key}"]`).innerText()).toMatch(/Analytical/);
    // Read back, not waiting: no "not synced yet" dot on them.
    expect(await popup.locator('.today li[data-sync]').count()).toBe(0);
    await popup.close();
    expect(harvest.timeEntries({ accountId: hdemo.accountId })).toHaveLength(MONDAY !== TODAY ? 3 : 2);
  });

  it('an edit of an entry made in Harvest syncs once: one PATCH of that entry, no POST', async () => {
    const popup = await popupWith('Harvest web: standup and planning');
    harvest.log.clear();
    await editNotes(popup, 'Harvest web: standup and planning', 'Standup, edited in Stint');
    await settled(stint, 30_000, accountId);
    const writes = harvest.log.filter({ host: 'api' }).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/\/\d+/g, '/{id}')}`)).toEqual(['PATCH /v2/time_entries/{id}']);
    const entry = harvest.timeEntries({ accountId: hdemo.accountId }).find((e) => e.notes === 'Standup, edited in Stint');
    expect(entry).toMatchObject({ hours: 1.5 });
    await popup.close();
  });

  it('a remote change racing a waiting local edit: the local edit stays, says so, and wins on the server', async () => {
    const entry = harvest.timeEntries({ accountId: hdemo.accountId }).find((e) => e.notes === 'Standup, edited in Stint') as { id: number };
    // Harvest answers 500 to Stint's next PATCHes: the edit waits (a dot), retried with backoff.
    harvest.faults.failNext(50, { method: 'PATCH', status: 500 });
    let popup = await popupWith('Standup, edited in Stint');
    await editNotes(popup, 'Standup, edited in Stint', 'My local wording');
    await expect.poll(() => todayItem(popup, 'My local wording').getAttribute('data-sync')).toBe('waiting');
    await popup.close();
    // Meanwhile someone changes it in Harvest's web app.
    const remote = harvest.store.timeEntries.get(entry.id);
    if (!remote) throw new Error('entry gone');
    remote.notes = 'Their wording in Harvest';
    remote.updatedAt = Date.now();
    popup = await popupWith('My local wording');
    await todayItem(popup, 'My local wording').locator('[data-changed-elsewhere]').waitFor({ timeout: 15_000 });
    expect(await todayItem(popup, 'My local wording').innerText()).toMatch(/Changed in Harvest too/);
    expect(await popup.locator('.today li', { hasText: 'Their wording in Harvest' }).count()).toBe(0);
    // Harvest is back: the local edit lands, and the note goes with the dot.
    harvest.faults.clear();
    expect(await send({ type: 'sync.now' })).toEqual({ ok: true });
    await settled(stint, 30_000, accountId);
    expect(harvest.store.timeEntries.get(entry.id)?.notes).toBe('My local wording');
    await expect.poll(() => popup.locator('[data-changed-elsewhere]').count()).toBe(0);
    await popup.close();
  });
});

describe('Clockify', () => {
  const accountId = `clockify:${cdemo.workspace.id}`;
  const mk = (day: string, h: number, minutes: number, description: string) =>
    clockify.addEntry({
      workspaceId: cdemo.workspace.id,
      userId: cdemo.user.id,
      start: at(day, h).toISOString(),
      end: new Date(at(day, h).getTime() + minutes * 60_000).toISOString(),
      description,
      projectId: cdemo.projects.website.id,
      taskId: cdemo.tasks.design.id,
    });

  it('shows the day and week made in Clockify; an edit is one PUT of that entry, no POST', async () => {
    expect(
      await send({ type: 'account.link', provider: 'clockify', token: cdemo.apiKey, remoteAccountId: cdemo.workspace.id }),
    ).toMatchObject({
      ok: true,
    });
    mk(TODAY, 0, 50, 'Clockify web: design review');
    if (MONDAY !== TODAY) mk(MONDAY, 9, 90, 'Clockify web: Monday mockups');
    const popup = await popupWith('Clockify web: design review');
    // Monday: Harvest's 2:00 and Clockify's 1:30, one week for every account.
    if (MONDAY !== TODAY) expect(await dayCell(popup, MONDAY)).toBe('3:30');
    const key = `${accountId}|${cdemo.projects.website.id}|${cdemo.tasks.design.id}`;
    expect(await projectTotal(popup, key)).toBe(MONDAY !== TODAY ? '2:20' : '0:50');
    expect(await todayItem(popup, 'Clockify web: design review').innerText()).toMatch(/Website \/ Design/);
    const before = clockify.requestLog().length;
    await editNotes(popup, 'Clockify web: design review', 'Design review, edited in Stint');
    await settled(stint, 30_000, accountId);
    const writes = clockify
      .requestLog()
      .slice(before)
      .filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      expect.stringMatching(/^PUT \/api\/v1\/workspaces\/[^/]+\/time-entries\/[^/]+$/),
    ]);
    const entries = clockify.entries({ workspaceId: cdemo.workspace.id });
    expect(entries.filter((e) => e.description === 'Design review, edited in Stint')).toHaveLength(1);
    expect(entries).toHaveLength(MONDAY !== TODAY ? 2 : 1);
    await popup.close();
  });
  it('an entry made in Clockify shows its tags and billable flag; editing its tags syncs once, with the new tags', async () => {
    const made = clockify.addEntry({
      workspaceId: cdemo.workspace.id,
      userId: cdemo.user.id,
      start: at(TODAY, 1).toISOString(),
      end: at(TODAY, 1, 20).toISOString(),
      description: 'Clockify web: tagged call',
      projectId: cdemo.projects.website.id,
      taskId: cdemo.tasks.design.id,
      tagIds: [cmeeting.id, cdemo.tags.urgent.id],
      billable: true,
    });
    const popup = await popupWith('Clockify web: tagged call');
    const item = todayItem(popup, 'Clockify web: tagged call');
    expect(await item.getByTestId('entry-tags').innerText()).toBe('#meeting · #urgent · billable');
    // The editor starts from the tags the user sees; removing one sends the one left, in one PUT.
    await item.getByRole('button', { name: /^Edit/ }).click();
    await item.getByRole('button', { name: 'Remove tag meeting' }).click();
    const before = clockify.requestLog().length;
    await item.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => item.getByTestId('entry-tags').innerText()).toBe('#urgent · billable');
    await settled(stint, 30_000, accountId);
    const writes = clockify
      .requestLog()
      .slice(before)
      .filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v1/workspaces/${cdemo.workspace.id}/time-entries/${made.id}`]);
    expect(clockify.store.entries.get(made.id)).toMatchObject({
      tagIds: [cdemo.tags.urgent.id],
      billable: true,
      description: 'Clockify web: tagged call',
    });
    await popup.close();
  });
});

describe('Toggl Track', () => {
  const accountId = `toggl:${tdemo.workspace.id}`;
  const mk = (day: string, h: number, minutes: number, description: string) =>
    toggl.addEntry({
      workspaceId: tdemo.workspace.id,
      userId: tdemo.user.id,
      start: at(day, h).toISOString(),
      stop: new Date(at(day, h).getTime() + minutes * 60_000).toISOString(),
      description,
      project_id: tdemo.projects.website.id,
    });

  it('shows the day and week made in Toggl; an edit is one PUT of that entry, no POST; within the hourly quota', async () => {
    expect(
      await send({ type: 'account.link', provider: 'toggl', token: tdemo.token, remoteAccountId: String(tdemo.workspace.id) }),
    ).toMatchObject({
      ok: true,
    });
    mk(TODAY, 0, 25, 'Toggl desktop: emails');
    if (MONDAY !== TODAY) mk(MONDAY, 10, 60, 'Toggl phone: Monday call');
    // Toggl allows entries without a project: booked to the account, with no project.
    toggl.addEntry({
      workspaceId: tdemo.workspace.id,
      userId: tdemo.user.id,
      start: at(TODAY, 0, 30).toISOString(),
      stop: at(TODAY, 0, 40).toISOString(),
      description: 'Toggl phone: quick note',
    });
    const popup = await popupWith('Toggl desktop: emails');
    expect(await todayItem(popup, 'Toggl phone: quick note').innerText()).toMatch(/No project/);
    expect(await projectTotal(popup, `${accountId}||`)).toBe('0:10');
    if (MONDAY !== TODAY) expect(await dayCell(popup, MONDAY)).toBe('4:30');
    expect(await projectTotal(popup, `${accountId}|${tdemo.projects.website.id}|`)).toBe(MONDAY !== TODAY ? '1:25' : '0:25');
    const before = toggl.requestLog().length;
    await editNotes(popup, 'Toggl desktop: emails', 'Emails, edited in Stint');
    await settled(stint, 30_000, accountId);
    const writes = toggl
      .requestLog()
      .slice(before)
      .filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/\/\d+/g, '/{id}')}`)).toEqual([
      'PUT /api/v9/workspaces/{id}/time_entries/{id}',
    ]);
    expect(toggl.entries({ workspaceId: tdemo.workspace.id }).filter((e) => e.description === 'Emails, edited in Stint')).toHaveLength(1);
    // Nothing was refused for quota, and the /me quota (30 an hour) was not the limit.
    expect(toggl.requestLog().filter((r) => r.status === 402)).toEqual([]);
    const outbox = await stored<Record<string, { accountId: string }>>(await stint.worker(), 'outbox');
    expect(Object.values(outbox).filter((r) => r.accountId === accountId).length).toBe(MONDAY !== TODAY ? 3 : 2);
    await popup.close();
  });
});
