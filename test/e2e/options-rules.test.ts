import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { createHarvestEmulator } from '../emulators/harvest';
import { fixture as github } from '../fixtures/sites/github/fixture';
import { fixture as jira } from '../fixtures/sites/jira/fixture';
import { linkHarvestByToken, modal, openModal, settled, stored } from '../support/actions';
import type { Stint } from '../support/browser';
import { findWorkspaces, linkWorkspace, seriousViolations } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/**
 * Per-site rules made in the options page route tasks between two linked trackers (a GitHub task to Clockify, a
 * Jira task to Harvest); settings go out as JSON with no secret in them and come back; entries go out as CSV.
 * Production build in real Chromium, against the Harvest and Clockify emulators.
 */

const harvest = createHarvestEmulator();
const hdemo = harvest.seedDemo();
const clockify = createClockifyEmulator();
const cdemo = clockify.seedDemo();
const CLOCKIFY = `clockify:${cdemo.workspace.id}`;
const HARVEST = `harvest:${hdemo.accountId}`;
let stint: Stint;
let options: Page;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ emulators: [harvest, clockify], fixtures: [github, jira] });
  ({ stint } = rig);
  options = await linkHarvestByToken(stint, hdemo.token, hdemo.accountId);
  await findWorkspaces(options, 'clockify', cdemo.apiKey);
  await linkWorkspace(options, 'clockify', cdemo.workspace.id);
});

afterAll(() => rig?.close());

const rules = () => options.locator('section.rules');
const ruleRow = (key: string) => rules().locator(`li.rule[data-rule="${key}"]`);
const storedRules = async () => (await stored<Array<{ integration: string; groupId: string }>>(await stint.worker(), 'rules')) ?? [];

/** Adds a rule with the form: site, group (empty = every task), then the project/task from the picker. */
async function addRule(site: string, group: string, booking: string) {
  await rules().getByLabel('Site', { exact: true }).selectOption({ label: site });
  await rules().getByLabel('Repository, board or project').fill(group);
  await rules().getByRole('combobox', { name: 'Project / task' }).press('ArrowDown');
  await rules().locator(`[role="option"][data-value="${booking}"]`).click();
  await rules().getByRole('button', { name: 'Add rule' }).click();
}

/** Saves a manual entry from a task page's modal, leaving the project/task the modal chose. */
async function saveFromPage(url: string, notes: string, time: string) {
  const page = await stint.context.newPage();
  await page.goto(url);
  await openModal(page);
  await modal(page).getByLabel('Notes').fill(notes);
  await modal(page).locator('input[name="time"]').fill(time);
  await modal(page).getByRole('button', { name: 'Save entry' }).click();
  await expect.poll(async () => (await stored<Array<{ notes: string }>>(await stint.worker(), 'entries'))?.[0]?.notes).toBe(notes);
  await page.close();
}

async function download(button: string): Promise<string> {
  const [file] = await Promise.all([options.waitForEvent('download'), rules().page().getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return readFileSync(path, 'utf8');
}

describe('per-site rules in the options page', () => {
  it('adds rules with a hint for the group, lists them and removes one', async () => {
    expect(await rules().textContent()).toContain('No rules yet');
    await rules().getByLabel('Site', { exact: true }).selectOption({ label: 'Jira' });
    expect(await rules().textContent()).toContain('As it appears in the task’s address, for example PROJ.');

    await addRule('GitHub', '', `${CLOCKIFY}|${cdemo.projects.website.id}|${cdemo.tasks.design.id}`);
    await ruleRow('github|*').waitFor();
    expect(await ruleRow('github|*').textContent()).toContain("GitHub · every task → Ada's workspace: Website / Design");
    await addRule('Jira', 'PROJ', `${HARVEST}|${hdemo.projects.analytical.id}|${hdemo.taskIds.meetings}`);
    await ruleRow('jira|PROJ').waitFor();
    await addRule('Trello', 'board-1', `${HARVEST}|${hdemo.projects.analytical.id}|${hdemo.taskIds.meetings}`);
    await ruleRow('trello|board-1').waitFor();
    expect((await storedRules()).map((r) => `${r.integration}|${r.groupId}`)).toEqual(['github|*', 'jira|PROJ', 'trello|board-1']);
    expect(await seriousViolations(options)).toEqual([]); // the rules list and form, export and import: axe, light and dark

    await ruleRow('trello|board-1').getByRole('button', { name: 'Remove the rule for Trello · board-1' }).click();
    await ruleRow('trello|board-1').waitFor({ state: 'detached' });
    expect((await storedRules()).map((r) => r.integration)).toEqual(['github', 'jira']);
  });

  it('routes a GitHub task to Clockify and a Jira task to Harvest, from the task pages', async () => {
    await saveFromPage('https://github.com/octo-org/hello-world/issues/12', 'Routed GitHub', '0:40');
    await saveFromPage('https://acme.atlassian.net/browse/PROJ-123', 'Routed Jira', '0:50');
    await settled(stint, 30_000);
    expect(clockify.entries({ workspaceId: cdemo.workspace.id }).find((e) => e.description === 'Routed GitHub')).toMatchObject({
      projectId: cdemo.projects.website.id,
      taskId: cdemo.tasks.design.id,
    });
    const h = harvest.timeEntries({ accountId: hdemo.accountId }) as Array<Record<string, unknown>>;
    expect(h.find((e) => e.notes === 'Routed Jira')).toMatchObject({
      hours: 0.83,
      project: { id: hdemo.projects.analytical.id },
      task: { id: hdemo.taskIds.meetings },
    });
    expect(h.some((e) => e.notes === 'Routed GitHub')).toBe(false);
    expect(clockify.entries().some((e) => e.description === 'Routed Jira')).toBe(false);
  });
});

describe('export and import', () => {
  let settingsFile = '';

  it('exports settings as JSON with none of the linked tokens or keys in it', async () => {
    settingsFile = await download('Export settings (JSON)');
    const json = JSON.parse(settingsFile);
    expect(json.rules).toHaveLength(2);
    expect(json.accounts.map((a: { id: string }) => a.id).sort()).toEqual([CLOCKIFY, HARVEST].sort());
    const secrets = [hdemo.token, ...clockify.store.keys.keys()];
    expect(secrets.length).toBeGreaterThan(1);
    for (const secret of secrets) expect(settingsFile).not.toContain(secret);
  });

  it('importing the file back restores the rules and the preferences', async () => {
    await options.getByLabel('Rounding').selectOption({ label: 'Round up to 15 minutes' });
    await options.getByLabel('Notes template').fill('Changed {id}');
    await options.getByLabel('Notes template').blur(); // saved as it changes: no Save button
    await expect
      .poll(async () => (await stored<{ notesTemplate: string }>(await stint.worker(), 'settings')).notesTemplate)
      .toBe('Changed {id}');
    await ruleRow('github|*')
      .getByRole('button', { name: /^Remove the rule for GitHub/ })
      .click();
    await ruleRow('jira|PROJ')
      .getByRole('button', { name: /^Remove the rule for Jira/ })
      .click();
    await rules().getByText('No rules yet').waitFor();
    expect((await stored<{ roundingMinutes: number }>(await stint.worker(), 'settings')).roundingMinutes).toBe(15);

    await options
      .getByLabel('Import settings (JSON)')
      .setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(settingsFile) });
    await options.getByText('Settings imported (2 rules).').waitFor();
    await ruleRow('github|*').waitFor();
    await ruleRow('jira|PROJ').waitFor();
    expect((await stored<{ roundingMinutes: number }>(await stint.worker(), 'settings')).roundingMinutes).toBe(0);
    expect(await options.getByLabel('Rounding').inputValue()).toBe('0');
    await expect.poll(() => options.getByLabel('Notes template').inputValue()).toBe('#{id} {title}');
  });

  it('a file that is not a settings file is refused, and changes nothing', async () => {
    await options
      .getByLabel('Import settings (JSON)')
      .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"stint":2}') });
    await expect.poll(() => options.locator('section.transfer [role="alert"]').textContent()).toContain('Not a Stint settings file');
    expect(await storedRules()).toHaveLength(2);
  });

  it('exports the entries as CSV', async () => {
    const csv = await download('Export entries (CSV)');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('date,start,end,hours,account,project,task,notes,task_id,task_title,task_url,synced,tags,billable');
    const github = lines.find((l) => l.includes('Routed GitHub'));
    expect(github).toContain(",0.67,Ada's workspace,Website,Design,Routed GitHub,octo-org/hello-world#12,");
    expect(github).toMatch(/,https:\/\/github\.com\/octo-org\/hello-world\/issues\/12,synced,,yes$/);
    // Booked to Harvest: no tags, and billable is the task assignment's, not the entry's (empty).
    expect(lines.find((l) => l.includes('Routed Jira'))).toMatch(/,0\.83,.+,PROJ-123,.*,synced,,$/);
  });
});
