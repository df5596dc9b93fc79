import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { createHarvestEmulator } from '../emulators/harvest';
import { createTogglEmulator } from '../emulators/toggl';
import { settled, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { sendFrom } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/** Clockify and Toggl Track through the production build, against their emulators. */

const harvest = createHarvestEmulator();
const hdemo = harvest.seedDemo();
const clockify = createClockifyEmulator();
const toggl = createTogglEmulator({ leakyBucket: false, quota: false });
const cdemo = clockify.seedDemo();
const tdemo = toggl.seedDemo();
let stint: Stint;
let options: Page;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ emulators: [clockify, toggl, harvest] });
  ({ stint } = rig);
  await writeStored(await stint.worker(), { pace: { toggl: { requests: 20, windowMs: 1000 } } });
  options = await stint.context.newPage();
  await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
});

afterAll(() => rig?.close());

const send = (message: unknown) => sendFrom(options, message);
const today = () => new Date().toLocaleDateString('en-CA');
const task = {
  integration: 'github',
  id: 'octo-org/hello-world#12',
  title: 'Crash when saving',
  url: 'https://github.com/octo-org/hello-world/issues/12',
};
const status = async (id: string) =>
  (await stored<Record<string, { state: string; message: string }> | undefined>(await stint.worker(), 'status'))?.[id];

describe('Clockify', () => {
  const id = `clockify:${cdemo.workspace.id}`;

  it('refuses a wrong key with its own reason', async () => {
    const reply = await send({ type: 'workspaces.list', provider: 'clockify', token: 'not-a-key' });
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/Clockify rejected the API key/);
  });

  it('lists workspaces, showing a locked one with the reason, and links one', async () => {
    const locked = clockify.addWorkspace({ name: 'Locked workspace', members: [cdemo.user.id] });
    clockify.blockWorkspace(locked.id, { message: 'Workspace requires two-factor authentication' });
    const list = (await send({ type: 'workspaces.list', provider: 'clockify', token: cdemo.apiKey })).data as Array<{
      id: string;
      locked: boolean;
      reason?: string;
    }>;
    expect(list.find((w) => w.id === locked.id)).toMatchObject({ locked: true, reason: expect.stringMatching(/two-factor/) });
    expect(list.find((w) => w.id === cdemo.workspace.id)).toMatchObject({ locked: false });
    expect(
      await send({ type: 'account.link', provider: 'clockify', token: cdemo.apiKey, remoteAccountId: cdemo.workspace.id }),
    ).toMatchObject({ ok: true });
    const cache = await stored<Record<string, { list: Array<{ projectName: string; taskName: string }> }>>(
      await stint.worker(),
      'assignments',
    );
    expect(cache[id]?.list.map((a) => `${a.projectName}/${a.taskName}`).sort()).toEqual(['Website/Build', 'Website/Design']);
  });

  it('lands a timer and a manual entry', async () => {
    const booking = { accountId: id, projectId: cdemo.projects.website.id, taskId: cdemo.tasks.build.id };
    expect(await send({ type: 'timer.start', task, notes: 'Clockify timer', booking })).toEqual({ ok: true });
    await settled(stint);
    expect(clockify.entries({ workspaceId: cdemo.workspace.id }).find((e) => e.description === 'Clockify timer')).toMatchObject({
      end: null,
    });
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: true });
    expect(await send({ type: 'entry.save', task, notes: 'Clockify manual', time: '1:15', day: today(), booking })).toEqual({ ok: true });
    await settled(stint);
    const entries = clockify.entries({ workspaceId: cdemo.workspace.id });
    expect(entries.find((e) => e.description === 'Clockify timer')?.end).toBeTruthy();
    const manual = entries.find((e) => e.description === 'Clockify manual');
    expect(manual && Date.parse(manual.end ?? '') - Date.parse(manual.start)).toBe(75 * 60_000);
    expect(entries).toHaveLength(2);
  });

  it('asks to reconnect when the key is revoked', async () => {
    clockify.revokeKey(cdemo.apiKey);
    const booking = { accountId: id, projectId: cdemo.projects.website.id, taskId: cdemo.tasks.design.id };
    await send({ type: 'entry.save', task: null, notes: 'After revoke', time: '0:10', day: today(), booking });
    await expect.poll(async () => (await status(id))?.state, { timeout: 15_000 }).toBe('needs-reconnect');
  });
});

describe('Toggl Track', () => {
  const id = `toggl:${tdemo.workspace.id}`;

  it('refuses a wrong token with its own reason', async () => {
    const reply = await send({ type: 'workspaces.list', provider: 'toggl', token: 'nope' });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/Toggl Track rejected the API token/) });
  });

  it('links a workspace and lands a timer and a manual entry', async () => {
    expect(
      await send({ type: 'account.link', provider: 'toggl', token: tdemo.token, remoteAccountId: String(tdemo.workspace.id) }),
    ).toMatchObject({
      ok: true,
    });
    const booking = { accountId: id, projectId: String(tdemo.projects.website.id), taskId: String(tdemo.tasks.design.id) };
    expect(await send({ type: 'timer.start', task, notes: 'Toggl timer', booking })).toEqual({ ok: true });
    await settled(stint, 30_000, id);
    expect(toggl.entries({ workspaceId: tdemo.workspace.id }).find((e) => e.description === 'Toggl timer')).toMatchObject({
      stopMs: null,
      created_with: 'Stint',
    });
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: true });
    expect(await send({ type: 'entry.save', task, notes: 'Toggl manual', time: '45m', day: today(), booking })).toEqual({ ok: true });
    await settled(stint, 30_000, id);
    const entries = toggl.entries({ workspaceId: tdemo.workspace.id });
    expect(entries.find((e) => e.description === 'Toggl timer')?.stopMs).toBeTypeOf('number');
    const manual = entries.find((e) => e.description === 'Toggl manual');
    expect(manual).toMatchObject({ task_id: tdemo.tasks.design.id });
    expect((manual?.stopMs ?? 0) - (manual?.startMs ?? 0)).toBe(45 * 60_000);
  });

  it('explains an exhausted plan quota and keeps the change waiting', async () => {
    toggl.setQuota({ organization: 1, user: 1, windowMs: 3_600_000 });
    const booking = { accountId: id, projectId: String(tdemo.projects.website.id), taskId: String(tdemo.tasks.build.id) };
    await send({ type: 'entry.save', task: null, notes: 'Over quota', time: '0:30', day: today(), booking });
    await send({ type: 'entry.save', task: null, notes: 'Over quota 2', time: '0:20', day: today(), booking });
    await expect.poll(async () => (await status(id))?.state, { timeout: 15_000 }).toBe('rate-limited');
    expect((await status(id))?.message).toMatch(/quota/i);
    const outbox = await stored<Record<string, { accountId: string; remoteId: string | null }>>(await stint.worker(), 'outbox');
    expect(Object.values(outbox).some((r) => r.accountId === id && r.remoteId === null)).toBe(true);
    toggl.setQuota(false);
  });
});

describe('two trackers at once', () => {
  const clockifyId = `clockify:${cdemo.workspace.id}`;
  const harvestId = `harvest:${hdemo.accountId}`;
  const jiraTask = {
    integration: 'jira',
    id: 'PROJ-7',
    title: 'Billing export',
    url: 'https://acme.atlassian.net/browse/PROJ-7',
    groupId: 'PROJ',
  };
  const githubTask = { ...task, groupId: 'octo-org/hello-world' };

  it('routes a GitHub task to Clockify and a Jira task to Harvest by per-site rules', async () => {
    const freshKey = clockify.addApiKey(cdemo.user.id);
    expect(await send({ type: 'account.link', provider: 'clockify', token: freshKey, remoteAccountId: cdemo.workspace.id })).toMatchObject({
      ok: true,
    });
    expect(
      await send({ type: 'account.link', provider: 'harvest', token: hdemo.token, remoteAccountId: String(hdemo.accountId) }),
    ).toMatchObject({ ok: true });
    expect(
      await send({
        type: 'rule.set',
        integration: 'github',
        groupId: '*',
        accountId: clockifyId,
        projectId: cdemo.projects.website.id,
        taskId: cdemo.tasks.design.id,
      }),
    ).toEqual({ ok: true });
    expect(
      await send({
        type: 'rule.set',
        integration: 'jira',
        groupId: 'PROJ',
        accountId: harvestId,
        projectId: String(hdemo.projects.analytical.id),
        taskId: String(hdemo.taskIds.meetings),
      }),
    ).toEqual({ ok: true });

    expect(await send({ type: 'entry.save', task: githubTask, notes: 'Routed GitHub', time: '0:40', day: today() })).toEqual({ ok: true });
    expect(await send({ type: 'entry.save', task: jiraTask, notes: 'Routed Jira', time: '0:50', day: today() })).toEqual({ ok: true });
    await settled(stint, 30_000, clockifyId);
    await settled(stint, 30_000, harvestId);
    expect(clockify.entries({ workspaceId: cdemo.workspace.id }).find((e) => e.description === 'Routed GitHub')).toMatchObject({
      projectId: cdemo.projects.website.id,
      taskId: cdemo.tasks.design.id,
    });
    const h = harvest.timeEntries({ accountId: hdemo.accountId }) as Array<Record<string, unknown>>;
    expect(h.find((e) => e.notes === 'Routed Jira')).toMatchObject({ hours: 0.83, project: { id: hdemo.projects.analytical.id } });
    expect(h.some((e) => e.notes === 'Routed GitHub')).toBe(false);
  });

  it('exports settings with no secret in them', async () => {
    const reply = await send({ type: 'settings.export' });
    expect(reply.ok).toBe(true);
    const text = JSON.stringify(reply.data);
    expect(text).toContain('"rules"');
    for (const secret of [cdemo.apiKey, tdemo.token, hdemo.token, ...clockify.store.keys.keys()]) expect(text).not.toContain(secret);
  });
});
