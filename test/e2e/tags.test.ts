import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { createHarvestEmulator } from '../emulators/harvest';
import { createTogglEmulator } from '../emulators/toggl';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons, modal, openModal, pickBooking, settled, stored } from '../support/actions';
import { axe, modalFrame, serious } from '../support/axe';
import type { Stint } from '../support/browser';
import { sendFrom } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/**
 * Tags and billable through the production build in real Chromium, against the Clockify and Toggl emulators: a
 * workspace that requires tags takes an entry whose tags were chosen (and one created) in the modal; a Toggl entry
 * started from the popup carries its tags and its billable flag, and the entry editor changes both.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const clockify = createClockifyEmulator();
const cdemo = clockify.seedDemo();
const toggl = createTogglEmulator({ leakyBucket: false, quota: false });
const tdemo = toggl.seedDemo();
const meeting = toggl.addTag(tdemo.workspace.id, { name: 'meeting' });
const harvest = createHarvestEmulator();
const hdemo = harvest.seedDemo();
let rig: Rig;
let stint: Stint;
let options: Page;

beforeAll(async () => {
  clockify.updateWorkspaceSettings(cdemo.workspace.id, { forceTags: true });
  rig = await startStint({ emulators: [clockify, toggl, harvest], fixtures: [fixture] });
  ({ stint } = rig);
  options = await stint.context.newPage();
  await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
});

afterAll(async () => {
  await rig?.close();
});

const send = (message: unknown) => sendFrom(options, message);

describe('a Clockify workspace that requires tags', () => {
  const id = `clockify:${cdemo.workspace.id}`;

  it('caches the workspace tags with its projects when linked', async () => {
    expect(
      await send({ type: 'account.link', provider: 'clockify', token: cdemo.apiKey, remoteAccountId: cdemo.workspace.id }),
    ).toMatchObject({
      ok: true,
    });
    const cache = await stored<Record<string, { tags?: { id: string; name: string }[]; tagsCreatable?: boolean }>>(
      await stint.worker(),
      'assignments',
    );
    expect(cache[id]).toMatchObject({ tags: [{ id: cdemo.tags.urgent.id, name: 'urgent' }], tagsCreatable: true });
  });

  it('takes an entry with tags chosen (and one created) in the modal, from the keyboard', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    const frame = modal(page);
    // Nothing chosen yet: the form says what the workspace requires, and Start puts the focus in the tag field.
    await frame.getByText('This workspace requires tags on every entry.').waitFor();
    await frame.getByRole('button', { name: 'Start timer' }).click();
    const tags = frame.getByRole('combobox', { name: 'Tags' });
    await expect.poll(() => tags.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(clockify.entries({ workspaceId: cdemo.workspace.id })).toHaveLength(0);

    await tags.pressSequentially('urg');
    await expect.poll(() => tags.getAttribute('aria-expanded')).toBe('true');
    await tags.press('Enter');
    const chips = frame.getByRole('list', { name: 'Chosen tags' });
    await chips.getByText('urgent').waitFor();
    await tags.pressSequentially('review');
    await frame.getByRole('option', { name: 'Create tag “review”' }).waitFor();
    await tags.press('Enter');
    await chips.getByText('review').waitFor();
    expect(await frame.getByRole('button', { name: 'Remove tag review' }).count()).toBe(1);
    // Chips and the open list, light and dark: axe finds nothing serious.
    await tags.press('ArrowDown');
    await frame.getByRole('option', { name: /urgent/ }).waitFor();
    await page.setViewportSize({ width: 1000, height: 760 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(serious(await axe(modalFrame(page)))).toEqual([]);
    }
    // Escape closes the list only (the modal stays); README's picture of the chosen tags and the billable box.
    await tags.press('Escape');
    expect(await frame.getByRole('button', { name: 'Start timer' }).count()).toBe(1);
    expect(await frame.getByRole('checkbox', { name: 'Billable' }).isChecked()).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(resolve('docs'), `modal-tags-${scheme}.png`) });
    }
    await expect.poll(() => frame.getByText('This workspace requires tags on every entry.').count()).toBe(0);

    await frame.getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
    const review = [...clockify.store.tags.values()].find((t) => t.name === 'review');
    expect(review?.workspaceId).toBe(cdemo.workspace.id);
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: true });
    await settled(stint, 30_000, id);
    const [entry] = clockify.entries({ workspaceId: cdemo.workspace.id });
    // Stopped, so complete: the emulator checked forceTags on it as Clockify does, and kept it.
    expect(entry?.end).toBeTruthy();
    expect(new Set(entry?.tagIds)).toEqual(new Set([cdemo.tags.urgent.id, review?.id]));
    expect(entry?.billable).toBe(true);
    await page.close();
  });

  it('offers the tags again for the next entry of the same repository', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    const chips = modal(page).getByRole('list', { name: 'Chosen tags' });
    await chips.getByText('urgent').waitFor();
    expect(await chips.getByRole('listitem').count()).toBe(2);
    await page.close();
  });
});

describe('Toggl Track', () => {
  const id = `toggl:${tdemo.workspace.id}`;

  it('starts from the popup with tags and the billable flag its project sets, then edits both', async () => {
    expect(
      await send({ type: 'account.link', provider: 'toggl', token: tdemo.token, remoteAccountId: String(tdemo.workspace.id) }),
    ).toMatchObject({ ok: true });
    const popup = await stint.context.newPage();
    await popup.goto(`chrome-extension://${stint.extensionId}/popup.html`);
    const quick = popup.locator('.quick-start');
    await quick.getByLabel('What are you working on?').fill('Toggl tagged');
    const picker = quick.getByRole('combobox', { name: 'Project / task' });
    // Both workspaces have a Website / Design: the account's name narrows it to Toggl's.
    await pickBooking(picker, 'Grace Website Design');
    // Website is billable in Toggl: the box follows it until the user changes it.
    await expect.poll(() => quick.getByRole('checkbox', { name: 'Billable' }).isChecked()).toBe(true);
    const tags = quick.getByRole('combobox', { name: 'Tags' });
    await tags.pressSequentially('meet');
    await tags.press('Enter');
    await tags.press('ArrowDown');
    await expect.poll(() => tags.getAttribute('aria-expanded')).toBe('true');
    // The list: meeting (chosen, first) and urgent; ↓ highlights urgent, Enter adds it.
    expect(await quick.getByRole('option', { name: /meeting/ }).getAttribute('aria-selected')).toBe('true');
    await tags.press('ArrowDown');
    await tags.press('Enter');
    // Backspace in the empty field takes the last tag back; Enter adds it again.
    await tags.press('Backspace');
    await expect.poll(() => quick.getByRole('list', { name: 'Chosen tags' }).getByRole('listitem').count()).toBe(1);
    await tags.pressSequentially('urgent');
    await tags.press('Enter');
    await quick.getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(async () => (await stored<{ notes: string } | null>(await stint.worker(), 'timer'))?.notes).toBe('Toggl tagged');
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: true });
    await settled(stint, 30_000, id);
    const entry = toggl.entries({ workspaceId: tdemo.workspace.id }).find((e) => e.description === 'Toggl tagged');
    expect(entry).toMatchObject({ billable: true, task_id: tdemo.tasks.design.id });
    expect(new Set(entry?.tag_ids)).toEqual(new Set([meeting.id, tdemo.tags.urgent.id]));

    // The entry in today's list says so, and its editor changes both.
    const item = popup.locator('li[data-entry-id]', { hasText: 'Toggl tagged' });
    await expect.poll(() => item.getByTestId('entry-tags').textContent()).toMatch(/#meeting · #urgent · billable/);
    await item.getByRole('button', { name: 'Edit “Toggl tagged”' }).click();
    await item.getByRole('checkbox', { name: 'Billable' }).uncheck();
    await item.getByRole('button', { name: 'Remove tag meeting' }).click();
    expect(serious(await axe(popup))).toEqual([]);
    await item.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => {
        const all = await stored<{ notes: string; billable?: boolean; tags?: { name: string }[] }[]>(await stint.worker(), 'entries');
        const e = all.find((x) => x.notes === 'Toggl tagged');
        return [e?.billable, e?.tags?.map((x) => x.name)];
      })
      .toEqual([false, ['urgent']]);
    await settled(stint, 30_000, id);
    await expect
      .poll(() => toggl.entries({ workspaceId: tdemo.workspace.id }).find((e) => e.description === 'Toggl tagged'))
      .toMatchObject({ billable: false, tag_ids: [tdemo.tags.urgent.id] });
    await popup.close();
  });
});

describe('Harvest', () => {
  it('shows billable as the task assignment sets it, with nothing to change and no tags', async () => {
    expect(
      await send({ type: 'account.link', provider: 'harvest', token: hdemo.token, remoteAccountId: String(hdemo.accountId) }),
    ).toMatchObject({ ok: true });
    const popup = await stint.context.newPage();
    await popup.goto(`chrome-extension://${stint.extensionId}/popup.html`);
    const quick = popup.locator('.quick-start');
    const picker = quick.getByRole('combobox', { name: 'Project / task' });
    await pickBooking(picker, 'Difference Programming');
    await quick.getByText('Billable (set by the task in Harvest)').waitFor();
    await pickBooking(picker, 'Difference Design');
    await quick.getByText('Not billable (set by the task in Harvest)').waitFor();
    expect(await quick.getByRole('checkbox', { name: 'Billable' }).count()).toBe(0);
    expect(await quick.getByRole('combobox', { name: 'Tags' }).count()).toBe(0);
    await popup.close();
  });
});
