import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { createTogglEmulator } from '../emulators/toggl';
import { fixture } from '../fixtures/sites/github/fixture';
import { modal, openModal, settled, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { findWorkspaces, linkWorkspace, openOptions, sendFrom, seriousViolations } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/**
 * The options page against the Clockify and Toggl emulators, production build in real Chromium: link through the
 * forms; a wrong key, a locked workspace, a revoked key, an outage and an exhausted quota each show their own
 * reason and fix; a workspace's required fields stop the modal before anything is sent.
 */

const clockify = createClockifyEmulator();
const toggl = createTogglEmulator({ leakyBucket: false, quota: false });
const cdemo = clockify.seedDemo();
const tdemo = toggl.seedDemo();
const CLOCKIFY = `clockify:${cdemo.workspace.id}`;
const TOGGL = `toggl:${tdemo.workspace.id}`;
let stint: Stint;
let options: Page;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ emulators: [clockify, toggl], fixtures: [fixture] });
  ({ stint } = rig);
  await writeStored(await stint.worker(), { pace: { toggl: { requests: 20, windowMs: 1000 } } });
  options = await openOptions(stint);
});

afterAll(() => rig?.close());

const today = () => new Date().toLocaleDateString('en-CA');
const card = (id: string) => options.locator(`li.account[data-account-id="${id}"]`);
/** A manual entry booked to an account (setup: the modal is tested below). */
const saveEntry = (accountId: string, projectId: string, taskId: string, notes: string) =>
  sendFrom(options, { type: 'entry.save', task: null, notes, time: '0:10', day: today(), booking: { accountId, projectId, taskId } });

describe('the options page in sections', () => {
  it('has in-page navigation to each section; Add account shows only the chosen form; repairs wait behind a button', async () => {
    const nav = options.getByRole('navigation', { name: 'Sections' });
    const links = await nav.getByRole('link').evaluateAll((els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['Accounts', '#accounts'],
      ['Sites', '#sites-section'],
      ['Rules', '#rules'],
      ['Preferences', '#preferences'],
      ['Data', '#data'],
    ]);
    for (const [, href] of links) expect(await options.locator(href as string).count()).toBe(1);
    await nav.getByRole('link', { name: 'Data' }).click();
    await expect.poll(() => options.evaluate(() => location.hash)).toBe('#data');
    expect(await options.locator('#data').evaluate((el) => el.getBoundingClientRect().top < innerHeight)).toBe(true);

    // No link form until a tracker is chosen, then only its own.
    expect(await options.locator('section.link-section').count()).toBe(0);
    const chooser = options.getByRole('group', { name: 'Add account:' });
    await chooser.getByRole('button', { name: 'Clockify', exact: true }).click();
    expect(await options.locator('section.link-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-provider')))).toEqual([
      'clockify',
    ]);
    expect(await chooser.getByRole('button', { name: 'Clockify', exact: true }).getAttribute('aria-pressed')).toBe('true');

    // The 21 selector fields are put away until the user asks to repair a site.
    const selectors = options.locator('li[data-integration] input.selector');
    expect(await selectors.count()).toBeGreaterThan(15);
    expect(await selectors.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    await options.getByRole('button', { name: 'Repair a site' }).click();
    expect(await selectors.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(
      await selectors.count(),
    );
    await options.getByRole('button', { name: 'Repair a site' }).click();
  });

  it('saves preferences as they change: the notes template a moment after typing stops, with no Save button', async () => {
    const prefs = options.locator('section.preferences');
    expect(await prefs.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await prefs.getByLabel('Notes template').fill('{id}: {title}');
    await expect
      .poll(async () => (await stored<{ notesTemplate: string }>(await stint.worker(), 'settings')).notesTemplate)
      .toBe('{id}: {title}');
    await prefs.getByText('Saved.').waitFor();
    await prefs.getByLabel('Notes template').fill('#{id} {title}');
    await prefs.getByLabel('Notes template').blur();
    await expect
      .poll(async () => (await stored<{ notesTemplate: string }>(await stint.worker(), 'settings')).notesTemplate)
      .toBe('#{id} {title}');
  });
});

describe('Clockify in the options page', () => {
  it('a wrong key: the reason and the fix, in the link form', async () => {
    const form = await findWorkspaces(options, 'clockify', 'not-a-key');
    const alert = form.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Clockify refused this key or token.');
    expect(await alert.textContent()).toContain('Copy it again from your Clockify profile settings');
    expect(await form.locator('select[name="clockify-workspace"]').count()).toBe(0);
  });

  it('lists the workspaces, a locked one disabled with its reason, and links the chosen one', async () => {
    const locked = clockify.addWorkspace({ name: 'Audit team', members: [cdemo.user.id] });
    clockify.blockWorkspace(locked.id, { message: 'Workspace requires two-factor authentication' });
    const form = await findWorkspaces(options, 'clockify', cdemo.apiKey);
    const option = form.locator(`select[name="clockify-workspace"] option[value="${locked.id}"]`);
    await option.waitFor({ state: 'attached' });
    expect(await option.isDisabled()).toBe(true);
    expect(await option.textContent()).toMatch(/^Audit team — unavailable: .*two-factor/);
    expect(await form.locator(`option[value="${cdemo.workspace.id}"]`).isDisabled()).toBe(false);

    const linked = await linkWorkspace(options, 'clockify', cdemo.workspace.id);
    await expect.poll(() => linked.locator('.facts').textContent()).toMatch(/^Ada Lovelace — workspace Ada's workspace — /);
    expect(await linked.getAttribute('data-state')).toBe('ok');
    expect(await linked.locator('.sync-state').textContent()).toBe(' Connected · nothing synced yet');
    // The first sync gives the "last sync" time.
    expect((await saveEntry(CLOCKIFY, cdemo.projects.website.id, cdemo.tasks.build.id, 'First sync')).ok).toBe(true);
    await settled(stint, 30_000, CLOCKIFY);
    await expect.poll(() => linked.locator('.sync-state').textContent()).toBe(' Connected · synced just now');
    expect(await linked.locator('.facts').textContent()).toBe("Ada Lovelace — workspace Ada's workspace — 2 project/task pairs");
  });

  it('unreachable: the reason, and Retry now sends what waited', async () => {
    clockify.setDown('drop');
    await saveEntry(CLOCKIFY, cdemo.projects.website.id, cdemo.tasks.design.id, 'While down');
    await expect.poll(() => card(CLOCKIFY).getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
    expect(await card(CLOCKIFY).textContent()).toContain('Clockify cannot be reached (offline).');
    expect(await card(CLOCKIFY).textContent()).toContain('Your changes are kept and sent when it is back.');
    clockify.clearFaults();
    await card(CLOCKIFY).getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => card(CLOCKIFY).getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    expect(clockify.entries({ workspaceId: cdemo.workspace.id }).some((e) => e.description === 'While down')).toBe(true);
  });

  it('a revoked key: the reason, and Reconnect with a new key sends what waited', async () => {
    clockify.revokeKey(cdemo.apiKey);
    await saveEntry(CLOCKIFY, cdemo.projects.website.id, cdemo.tasks.design.id, 'After revoke');
    await expect.poll(() => card(CLOCKIFY).getAttribute('data-state'), { timeout: 20_000 }).toBe('needs-reconnect');
    expect(await card(CLOCKIFY).textContent()).toContain('Clockify needs reconnect: it no longer accepts Stint’s key or sign-in');
    expect(await card(CLOCKIFY).textContent()).not.toContain('Connected');
    expect(await card(CLOCKIFY).getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    await card(CLOCKIFY).getByRole('button', { name: "Reconnect Clockify Ada's workspace" }).click();
    // A revoked key again: the form says why, and keeps the account.
    await card(CLOCKIFY).getByLabel("New API key or token for Ada's workspace").fill(cdemo.apiKey);
    await card(CLOCKIFY).getByRole('button', { name: 'Reconnect', exact: true }).click();
    await expect.poll(() => card(CLOCKIFY).getByRole('alert').textContent()).toContain('Clockify refused this key or token.');
    expect(await seriousViolations(options)).toEqual([]); // the problem, its fix and the reconnect form: axe, light and dark
    await card(CLOCKIFY).getByLabel("New API key or token for Ada's workspace").fill(clockify.addApiKey(cdemo.user.id));
    await card(CLOCKIFY).getByRole('button', { name: 'Reconnect', exact: true }).click();
    await card(CLOCKIFY).getByText("Clockify Ada's workspace is reconnected.").waitFor();
    await expect.poll(() => card(CLOCKIFY).getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    await settled(stint, 30_000, CLOCKIFY);
    expect(clockify.entries({ workspaceId: cdemo.workspace.id }).filter((e) => e.description === 'After revoke')).toHaveLength(1);
  });

  it("a workspace's required fields: shown on the card, and the modal says what is missing before sending", async () => {
    clockify.updateWorkspaceSettings(cdemo.workspace.id, { forceDescription: true });
    await card(CLOCKIFY).getByRole('button', { name: 'Refresh projects' }).click();
    await expect.poll(() => card(CLOCKIFY).textContent()).toContain('Every entry needs: a description.');

    const page = await stint.context.newPage();
    await page.goto('https://github.com/octo-org/hello-world/issues/12');
    await openModal(page);
    const value = `${CLOCKIFY}|${cdemo.projects.website.id}|${cdemo.tasks.design.id}`;
    await modal(page).getByRole('combobox', { name: 'Project / task' }).press('ArrowDown');
    await modal(page).locator(`[role="option"][data-value="${value}"]`).click();
    await modal(page).getByLabel('Notes').fill('');
    const required = modal(page).locator('.required');
    await expect.poll(() => required.textContent()).toBe('This workspace requires a description on every entry.');
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    // No timer: its record is absent (never written) or null.
    expect((await stored(await stint.worker(), 'timer')) ?? null).toBeNull();
    // The service refuses the same, whoever sends it.
    const reply = await sendFrom(options, {
      type: 'timer.start',
      task: null,
      notes: ' ',
      booking: { accountId: CLOCKIFY, projectId: cdemo.projects.website.id, taskId: cdemo.tasks.design.id },
    });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/requires notes \(a description\)/) });

    await modal(page).getByLabel('Notes').fill('Design review');
    expect(await required.count()).toBe(0);
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(async () => (await stored<{ notes: string } | null>(await stint.worker(), 'timer'))?.notes).toBe('Design review');
    await page.close();
    expect((await sendFrom(options, { type: 'timer.stop' })).ok).toBe(true);
  });
});

describe('Toggl Track in the options page', () => {
  it('a wrong token: the reason and the fix', async () => {
    const form = await findWorkspaces(options, 'toggl', 'nope');
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Toggl Track refused this key or token.');
  });

  it('an exhausted plan quota while linking: the reason and when it resets', async () => {
    toggl.setQuota({ organization: 1, user: 1, windowMs: 3_600_000 });
    const form = await findWorkspaces(options, 'toggl', tdemo.token);
    const alert = form.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Toggl Track’s plan quota is used up.');
    expect(await alert.textContent()).toMatch(/It resets in (59|60) min: try again then/);
    toggl.setQuota(false);
  });

  it('links a workspace; a quota used up while syncing shows on the card, with the wait', async () => {
    await findWorkspaces(options, 'toggl', tdemo.token);
    const linked = await linkWorkspace(options, 'toggl', String(tdemo.workspace.id));
    await expect.poll(() => linked.locator('.facts').textContent()).toMatch(/^.+ — workspace .+ — \d+ project\/task pairs/);
    expect(await linked.locator('.sync-state').textContent()).toBe(' Connected · nothing synced yet');

    toggl.setQuota({ organization: 1, user: 1, windowMs: 3_600_000 });
    const [project, task] = [String(tdemo.projects.website.id), String(tdemo.tasks.build.id)];
    await saveEntry(TOGGL, project, task, 'Over quota');
    await saveEntry(TOGGL, project, task, 'Over quota 2');
    await expect.poll(() => linked.getAttribute('data-state'), { timeout: 20_000 }).toBe('rate-limited');
    const text = await linked.textContent();
    expect(text).toContain('Toggl Track makes Stint wait: rate limit or plan quota reached.');
    expect(text).toContain('Nothing is lost: Stint waits, then syncs by itself.');
    expect(text).toMatch(/quota used up; syncing again at \d{1,2}:\d{2}/);
    expect(text).toMatch(/\d changes? waiting/);
    toggl.setQuota(false);
  });
});
