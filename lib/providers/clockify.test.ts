// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { atMinute, MINUTE } from '../core/time';
import { clockifyAuthMessage, clockifyBaseUrl, listClockifyWorkspaces } from './clockify';
import {
  at,
  clearSent,
  clock,
  DAY,
  demo,
  emu,
  failure,
  hostFetch,
  input,
  lastSent,
  provider,
  sent,
  setClock,
  stopped,
  useClockify,
} from './clockify.fixture';
import { ProviderError } from './types';

/** The Clockify client against the emulator: linking, projects, the entry lifecycle, lost creates, the read-back. */
useClockify();

describe('identity and base URL', () => {
  it('user, workspace and clock; sends X-Api-Key', async () => {
    expect(await provider().identity()).toEqual({
      userId: demo.user.id,
      userName: 'Ada Lovelace',
      accountId: demo.workspace.id,
      accountName: "Ada's workspace",
      timestampTimers: true,
      clock: '24h',
    });
    expect(sent[0]?.headers.get('x-api-key')).toBe(demo.apiKey);
    const settings = emu.store.users.get(demo.user.id)?.settings;
    if (settings) settings.timeFormat = 'HOUR12';
    expect((await provider().identity()).clock).toBe('12h');
  });

  it('a regional key works on its own server only', async () => {
    const eu = emu.addUser({ name: 'Eu', homeHost: 'euc1.clockify.me' });
    emu.store.workspaces.get(demo.workspace.id)?.memberIds.push(eu.id);
    const apiKey = emu.addApiKey(eu.id);
    const regional = provider({ apiKey, baseUrl: 'https://euc1.clockify.me/api/v1' });
    expect((await regional.identity()).userName).toBe('Eu');
    expect(sent.every((r) => r.url.startsWith('https://euc1.clockify.me/api/v1/'))).toBe(true);
    const err = await failure(provider({ apiKey }).identity());
    expect([err.kind, err.message]).toEqual(['auth', clockifyAuthMessage()]);
  });

  it('normalizes base URLs and refuses plain http', () => {
    expect(clockifyBaseUrl()).toBe('https://api.clockify.me/api/v1');
    expect(clockifyBaseUrl('https://euc1.clockify.me/api/v1/')).toBe('https://euc1.clockify.me/api/v1');
    expect(clockifyBaseUrl('https://clockify.example.org')).toBe('https://clockify.example.org/api/v1');
    expect(clockifyBaseUrl('https://clockify.example.org/api')).toBe('https://clockify.example.org/api/v1');
    expect(() => clockifyBaseUrl('http://clockify.example.org/api/v1')).toThrow(ProviderError);
    expect(() => clockifyBaseUrl('not a url')).toThrow(/not a Clockify API address/);
  });
});

describe('listClockifyWorkspaces', () => {
  it('lists the workspaces with required fields; a locked one carries the reason', async () => {
    emu.updateWorkspaceSettings(demo.workspace.id, { forceProjects: true, forceTags: true });
    const locked = emu.addWorkspace({
      name: 'Locked',
      members: [demo.user.id],
      blocked: { message: 'Two-factor authentication required' },
    });
    emu.addWorkspace({ name: 'Not mine' });
    const list = await listClockifyWorkspaces(demo.apiKey, { fetch: hostFetch });
    expect(list).toEqual([
      {
        id: demo.workspace.id,
        name: "Ada's workspace",
        locked: false,
        required: { project: true, task: false, description: false, tags: true },
      },
      {
        id: locked.id,
        name: 'Locked',
        locked: true,
        reason: 'Two-factor authentication required',
        required: { project: false, task: false, description: false, tags: false },
      },
    ]);
    expect((await failure(listClockifyWorkspaces('nope', { fetch: hostFetch }))).kind).toBe('auth');
  });
});

describe('assignments', () => {
  it('every page of non-archived projects with their active tasks; a project without tasks books to the project', async () => {
    for (let i = 0; i < 205; i++) emu.addProject(demo.workspace.id, { name: `P${String(i).padStart(3, '0')}` });
    const list = await provider().assignments();
    expect(sent.filter((r) => r.url.includes('/projects?')).length).toBe(2);
    expect(list).toHaveLength(2 + 205);
    expect(list).toContainEqual({
      projectId: demo.projects.website.id,
      projectName: 'Website',
      clientName: 'Acme',
      taskId: demo.tasks.design.id,
      taskName: 'Design',
      billable: true,
    });
    expect(list).toContainEqual(expect.objectContaining({ projectName: 'P000', taskId: '', taskName: '', billable: false }));
    expect(list.some((a) => a.projectName === 'Legacy' || a.taskName === 'Launch')).toBe(false);
  });

  it('asks for the tasks per project when a server does not embed them', async () => {
    const stripping: typeof fetch = async (url, init) => {
      const res = await hostFetch(url, init);
      if (!String(url).includes('/projects?')) return res;
      const body = (await res.json()) as Record<string, unknown>[];
      return Response.json(body.map(({ tasks: _tasks, ...p }) => p));
    };
    const list = await provider({ fetch: stripping }).assignments();
    expect(list.map((a) => a.taskName).sort()).toEqual(['Build', 'Design']);
    expect(sent.some((r) => r.url.includes(`/projects/${demo.projects.website.id}/tasks?is-active=true`))).toBe(true);
  });
});

describe('create', () => {
  it('running: start, no end, project, task, notes and the billable flag once assignments are known', async () => {
    const p = provider();
    await p.assignments();
    const remote = await p.create(input({ running: true, startedAt: at(9, 55) }));
    expect(lastSent('POST')?.body).toEqual({
      start: new Date(at(9, 55)).toISOString().replace('.000Z', 'Z'),
      description: '#42 Fix the header',
      projectId: demo.projects.website.id,
      taskId: demo.tasks.build.id,
      billable: true,
    });
    expect(remote).toMatchObject({ running: true, startedAt: at(9, 55), durationMs: 5 * MINUTE, day: DAY, notes: '#42 Fix the header' });
    expect(emu.runningEntry(demo.user.id)?.id).toBe(remote.remoteId);
  });

  it('stopped range keeps its times; a plain duration is placed at 09:00 local; an empty task is left out', async () => {
    const range = await provider().create(stopped(at(8), at(9, 30)));
    expect(range).toMatchObject({ running: false, startedAt: at(8), durationMs: 90 * MINUTE });
    const plain = await provider().create(input({ durationMs: 45 * MINUTE, taskId: '' }));
    expect(plain).toMatchObject({ running: false, startedAt: at(9), durationMs: 45 * MINUTE, taskId: '' });
    expect(lastSent('POST')?.body).not.toHaveProperty('taskId');
    const long = await provider().create(input({ durationMs: 20 * 60 * MINUTE }));
    expect(long.startedAt).toBe(at(4)); // moved earlier so that it ends by midnight
  });
});

describe('stop, update, remove, running', () => {
  it('stops at the local end; stopping again returns the stopped entry without touching other timers', async () => {
    const p = provider();
    const { remoteId } = await p.create(input({ running: true, startedAt: at(10) }));
    setClock(at(11));
    const done = await p.stop(remoteId, stopped(at(10), at(10, 45)));
    expect(done).toMatchObject({ remoteId, running: false, durationMs: 45 * MINUTE });
    expect(lastSent('PATCH')?.body).toEqual({ end: new Date(at(10, 45)).toISOString().replace('.000Z', 'Z') });
    const other = emu.addEntry({ workspaceId: demo.workspace.id, userId: demo.user.id, start: new Date(at(10, 50)).toISOString() });
    const patches = sent.filter((r) => r.method === 'PATCH').length;
    expect(await p.stop(remoteId, stopped(at(10), at(10, 45)))).toMatchObject({ remoteId, running: false });
    expect(sent.filter((r) => r.method === 'PATCH').length).toBe(patches);
    expect(emu.runningEntry(demo.user.id)?.id).toBe(other.id);
  });

  it('update replaces times, notes and project but keeps tags set in Clockify', async () => {
    const p = provider();
    const { remoteId } = await p.create(stopped(at(8), at(9)));
    const stored = emu.store.entries.get(remoteId);
    if (stored) stored.tagIds = [demo.tags.urgent.id];
    const other = emu.addProject(demo.workspace.id, { name: 'Other' });
    const updated = await p.update(remoteId, stopped(at(8), at(8, 20), { projectId: other.id, taskId: '', notes: 'Renamed' }));
    expect(updated).toMatchObject({ remoteId, notes: 'Renamed', projectId: other.id, taskId: '', durationMs: 20 * MINUTE });
    expect(emu.store.entries.get(remoteId)?.tagIds).toEqual([demo.tags.urgent.id]);
  });

  it('remove: gone afterwards; removing again (400 "doesn\'t belong") or a 404 is success', async () => {
    const p = provider();
    const { remoteId } = await p.create(stopped(at(8), at(9)));
    await p.remove(remoteId);
    expect(emu.entries()).toHaveLength(0);
    await expect(p.remove(remoteId)).resolves.toBeUndefined();
    emu.failNext(1, { method: 'DELETE', status: 404 });
    await expect(p.remove(remoteId)).resolves.toBeUndefined();
  });

  it('running(): null, then the running entry', async () => {
    const p = provider();
    expect(await p.running()).toBeNull();
    const { remoteId } = await p.create(input({ running: true, startedAt: at(9) }));
    expect(await p.running()).toMatchObject({ remoteId, running: true, durationMs: 60 * MINUTE });
  });
});

describe('findCreated (lost create responses)', () => {
  it('finds the entry a dropped create committed, and both when it was delivered twice (oldest first)', async () => {
    const p = provider();
    const wanted = input({ running: true, startedAt: at(9, 58) });
    const since = clock;
    emu.commitThenDropNext(2, { method: 'POST' });
    expect((await failure(p.create(wanted))).kind).toBe('network');
    const [found, ...extra] = await p.findCreated(wanted, since, new Set());
    expect(found).toMatchObject({ running: true, startedAt: at(9, 58), notes: wanted.notes });
    expect(extra).toEqual([]);
    await failure(p.create(wanted)); // the browser resent it: the copy stopped the first timer
    const twice = await p.findCreated(wanted, since, new Set());
    expect(twice).toMatchObject([
      { running: true, startedAt: at(9, 58) },
      { remoteId: found?.remoteId, running: false, durationMs: 0 },
    ]);
    expect(await p.findCreated(wanted, since, new Set(twice.map((e) => e.remoteId)))).toEqual([]);
  });

  it('plain durations on a past day are found by their placed start; [] when nothing was committed', async () => {
    const p = provider();
    const wanted = input({ day: '2024-05-01', durationMs: 30 * MINUTE });
    emu.dropNext(1, { method: 'POST' });
    await failure(p.create(wanted));
    expect(await p.findCreated(wanted, clock, new Set())).toEqual([]);
    emu.commitThenDropNext(1, { method: 'POST' });
    await failure(p.create(wanted));
    const entries = await p.findCreated(wanted, clock, new Set());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ day: '2024-05-01', startedAt: atMinute('2024-05-01', 9 * 60) });
    expect(await p.findCreated({ ...wanted, durationMs: 35 * MINUTE }, clock, new Set())).toEqual([]);
  });
});

describe('entriesBetween (the read-back timesheet)', () => {
  it("this workspace's entries of the user that started on the days (local), one request for a week", async () => {
    const mk = (start: number, end: number | null, description: string, workspaceId = demo.workspace.id) =>
      emu.addEntry({
        workspaceId,
        userId: demo.user.id,
        start: new Date(start).toISOString(),
        end: end === null ? null : new Date(end).toISOString(),
        description,
        projectId: demo.projects.website.id,
      });
    const other = emu.addWorkspace({ name: 'Other', members: [demo.user.id] });
    mk(atMinute('2024-05-05', 23 * 60), atMinute('2024-05-05', 23 * 60 + 30), 'Sunday late');
    mk(at(0, 5), at(1), 'Monday early');
    mk(at(9), at(10, 30), 'Monday');
    mk(at(11), null, 'Running');
    mk(atMinute('2024-05-07', 0), atMinute('2024-05-07', 60), 'Tuesday');
    mk(at(9), at(10), 'Other workspace', other.id);
    clearSent();
    const list = (await provider().entriesBetween?.(DAY, DAY)) ?? [];
    expect(list.map((e) => e.notes).sort()).toEqual(['Monday', 'Monday early', 'Running']);
    expect(list.find((e) => e.notes === 'Monday')).toMatchObject({ day: DAY, durationMs: 90 * MINUTE, startedAt: at(9), running: false });
    expect(sent).toHaveLength(2); // the user (once), then one page
  });

  it('carries each entry’s tag ids and billable flag (none: no tags)', async () => {
    const base = { workspaceId: demo.workspace.id, userId: demo.user.id, projectId: demo.projects.website.id };
    emu.addEntry({
      ...base,
      start: new Date(at(9)).toISOString(),
      end: new Date(at(10)).toISOString(),
      description: 'Tagged',
      tagIds: [demo.tags.urgent.id],
      billable: true,
    });
    emu.addEntry({
      ...base,
      start: new Date(at(11)).toISOString(),
      end: new Date(at(12)).toISOString(),
      description: 'Plain',
      billable: false,
    });
    const list = (await provider().entriesBetween?.(DAY, DAY)) ?? [];
    expect(list.find((e) => e.notes === 'Tagged')).toMatchObject({ tagIds: [demo.tags.urgent.id], billable: true });
    expect(list.find((e) => e.notes === 'Plain')).toMatchObject({ tagIds: [], billable: false });
  });
});
