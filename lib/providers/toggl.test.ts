// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { atMinute, MINUTE } from '../core/time';
import { isoSeconds } from './common';
import { listTogglWorkspaces, togglAuthMessage } from './toggl';
import {
  at,
  clearSent,
  clock,
  DAY,
  demo,
  emu,
  failure,
  input,
  lastSent,
  provider,
  sent,
  setClock,
  stopped,
  useToggl,
  viaLoop,
} from './toggl.fixture';

/** The Toggl client against the emulator: linking, projects, the entry lifecycle, lost creates, the read-back. */
useToggl();

describe('identity and assignments', () => {
  it('user and workspace; Basic auth with <token>:api_token', async () => {
    expect(await provider().identity()).toEqual({
      userId: String(demo.user.id),
      userName: 'Grace Hopper',
      accountId: String(demo.workspace.id),
      accountName: "Grace's workspace",
      timestampTimers: true,
      clock: '24h',
      plan: 'premium',
    });
    expect(sent[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from(`${demo.token}:api_token`).toString('base64')}`);
  });

  it('every page of active projects and active tasks; a project without tasks books to the project', async () => {
    for (let i = 0; i < 205; i++) {
      const p = emu.addProject(demo.workspace.id, { name: `P${String(i).padStart(3, '0')}` });
      if (i < 199) emu.addTask(p.id, { name: `T${i}` });
    }
    const list = await provider().assignments();
    expect(sent.filter((r) => r.url.includes('/projects?')).length).toBe(2);
    expect(sent.filter((r) => r.url.includes('/tasks?')).length).toBe(2); // 201 active tasks
    expect(list).toHaveLength(2 + 199 + 6);
    expect(list).toContainEqual({
      projectId: String(demo.projects.website.id),
      projectName: 'Website',
      taskId: String(demo.tasks.design.id),
      taskName: 'Design',
      billable: true,
    });
    expect(list).toContainEqual(expect.objectContaining({ projectName: 'P204', taskId: '', taskName: '' }));
    expect(list.some((a) => a.projectName === 'Legacy' || a.taskName === 'Launch')).toBe(false);
  });
});

describe('listTogglWorkspaces', () => {
  it('lists the workspaces with required fields; an inaccessible one is locked with the reason', async () => {
    emu.setRequiredFields(demo.workspace.id, { project: true, tag: true });
    const blocked = emu.addWorkspace({ name: 'Blocked', members: [demo.user.id] });
    emu.blockWorkspace(blocked.id);
    expect(await listTogglWorkspaces(demo.token, { fetch: viaLoop })).toEqual([
      {
        id: String(demo.workspace.id),
        name: "Grace's workspace",
        locked: false,
        required: { project: true, task: false, description: false, tags: true },
      },
      {
        id: String(blocked.id),
        name: 'Blocked',
        locked: true,
        reason: 'User does not have access to this resource.',
        required: { project: false, task: false, description: false, tags: false },
      },
    ]);
    const err = await failure(listTogglWorkspaces('nope', { fetch: viaLoop }));
    expect([err.kind, err.message]).toEqual(['auth', togglAuthMessage()]);
  });
});

describe('create, stop, update, remove, running', () => {
  it('running: created_with, workspace_id, numeric ids, duration -1', async () => {
    const p = provider();
    await p.assignments();
    const remote = await p.create(input({ running: true, startedAt: at(9, 55) }));
    expect(lastSent('POST')?.body).toEqual({
      created_with: 'Stint',
      workspace_id: demo.workspace.id,
      description: '#42 Fix the header',
      project_id: demo.projects.website.id,
      task_id: demo.tasks.build.id,
      start: isoSeconds(at(9, 55)),
      duration: -1,
      billable: true,
    });
    expect(remote).toMatchObject({ running: true, startedAt: at(9, 55), durationMs: 5 * MINUTE, day: DAY });
    expect(await p.running()).toMatchObject({ remoteId: remote.remoteId, running: true });
  });

  it('stopped: start, stop and duration in seconds; a plain duration at 09:00 local; an empty task left out', async () => {
    const range = await provider().create(stopped(at(8), at(9, 30)));
    expect(lastSent('POST')?.body).toMatchObject({ start: isoSeconds(at(8)), stop: isoSeconds(at(9, 30)), duration: 5400 });
    expect(range).toMatchObject({ running: false, startedAt: at(8), durationMs: 90 * MINUTE });
    const plain = await provider().create(input({ durationMs: 45 * MINUTE, taskId: '' }));
    expect(plain).toMatchObject({ startedAt: at(9), durationMs: 45 * MINUTE, taskId: '' });
    expect(lastSent('POST')?.body).not.toHaveProperty('task_id');
  });

  it('stop is one PUT with every field and the local end (one request of the quota), again the same PUT', async () => {
    const p = provider();
    expect(p.stopWritesAll).toBe(true);
    const { remoteId } = await p.create(input({ running: true, startedAt: at(10) }));
    setClock(at(11));
    clearSent();
    const done = stopped(at(10), at(10, 45), { notes: 'Fixed the header' });
    expect(await p.stop(remoteId, done)).toMatchObject({ remoteId, running: false, durationMs: 45 * MINUTE, notes: 'Fixed the header' });
    expect(sent.map((r) => r.method)).toEqual(['PUT']);
    expect(sent[0]?.body).toMatchObject({
      description: 'Fixed the header',
      start: isoSeconds(at(10)),
      stop: isoSeconds(at(10, 45)),
      duration: 2700,
    });
    expect(await p.stop(remoteId, done)).toMatchObject({ remoteId, running: false, durationMs: 45 * MINUTE });
    expect(sent.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    expect(await p.running()).toBeNull(); // GET /me/time_entries/current answered null
  });

  it('a timer with no known end stops at Toggl’s now (PATCH …/stop); already stopped (409) → the entry as it is', async () => {
    const p = provider();
    const { remoteId } = await p.create(input({ running: true, startedAt: at(10) }));
    setClock(at(10, 30));
    const still = input({ running: true, startedAt: at(10) });
    expect(await p.stop(remoteId, still)).toMatchObject({ remoteId, running: false, durationMs: 30 * MINUTE });
    expect(lastSent('PATCH')?.url).toMatch(/\/time_entries\/\d+\/stop$/);
    expect(await p.stop(remoteId, still)).toMatchObject({ remoteId, running: false, durationMs: 30 * MINUTE });
    expect(sent.filter((r) => r.method === 'GET' && r.url.includes(`/me/time_entries/${remoteId}`))).toHaveLength(1);
  });

  it('update changes times, notes and project; remove, and removing again (404) is success', async () => {
    const p = provider();
    const { remoteId } = await p.create(stopped(at(8), at(9)));
    const other = emu.addProject(demo.workspace.id, { name: 'Other' });
    const updated = await p.update(remoteId, stopped(at(8), at(8, 20), { projectId: String(other.id), taskId: '', notes: 'Renamed' }));
    expect(updated).toMatchObject({ remoteId, notes: 'Renamed', projectId: String(other.id), taskId: '', durationMs: 20 * MINUTE });
    await p.remove(remoteId);
    expect(emu.entries()).toHaveLength(0);
    await expect(p.remove(remoteId)).resolves.toBeUndefined();
  });
});

describe('findCreated (lost create responses)', () => {
  it('finds the committed entry; both copies when delivered twice, the running one first', async () => {
    const p = provider();
    const wanted = input({ running: true, startedAt: at(9, 58) });
    const since = clock;
    emu.commitThenDropNext(2, { method: 'POST' });
    expect((await failure(p.create(wanted))).kind).toBe('network');
    const [found, ...extra] = await p.findCreated(wanted, since, new Set());
    expect(found).toMatchObject({ running: true, startedAt: at(9, 58), notes: wanted.notes });
    expect(extra).toEqual([]);
    setClock(at(10, 0) + 5000);
    await failure(p.create(wanted)); // the browser resent it: the copy stopped the first timer
    const twice = await p.findCreated(wanted, since, new Set());
    expect(twice).toMatchObject([{ running: true }, { remoteId: found?.remoteId, running: false }]);
    expect(await p.findCreated(wanted, since, new Set(twice.map((e) => e.remoteId)))).toEqual([]);
  });

  it('[] when nothing was committed; a stopped entry is found by start and duration', async () => {
    const p = provider();
    const wanted = stopped(at(8), at(9));
    emu.dropNext(1, { method: 'POST' });
    await failure(p.create(wanted));
    expect(await p.findCreated(wanted, clock, new Set())).toEqual([]);
    emu.commitThenDropNext(1, { method: 'POST' });
    await failure(p.create(wanted));
    expect(await p.findCreated(wanted, clock, new Set())).toHaveLength(1);
    expect(await p.findCreated({ ...wanted, notes: 'other' }, clock, new Set())).toEqual([]);
  });
});

describe('findCreatedMany', () => {
  it('looks up creates a few days apart with one listing, creates far apart with one listing each', async () => {
    const p = provider();
    const a = stopped(at(8), at(9), { notes: 'a' });
    const b = stopped(at(8) + 2 * 24 * 3_600_000, at(9) + 2 * 24 * 3_600_000, { notes: 'b', day: '2024-05-08' });
    const far = stopped(at(8) + 20 * 24 * 3_600_000, at(9) + 20 * 24 * 3_600_000, { notes: 'far', day: '2024-05-26' });
    const since = clock;
    const made = [await p.create(a), await p.create(b), await p.create(far)];
    clearSent();
    const found = await p.findCreatedMany?.(
      [
        { input: far, since },
        { input: a, since },
        { input: b, since },
      ],
      new Set(),
    );
    expect(found?.map((list) => list.map((e) => e.remoteId))).toEqual([[made[2]?.remoteId], [made[0]?.remoteId], [made[1]?.remoteId]]);
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/api/v9/me/time_entries', '/api/v9/me/time_entries']);
  });
});

describe('entriesBetween (the read-back timesheet)', () => {
  it("this workspace's entries that started on the days (local), one /me request, deleted ones left out", async () => {
    const other = emu.addWorkspace({ name: 'Other', members: [demo.user.id] });
    const mk = (start: number, stop: number | null, description: string, workspaceId = demo.workspace.id) =>
      emu.addEntry({
        workspaceId,
        userId: demo.user.id,
        start: new Date(start).toISOString(),
        stop: stop === null ? null : new Date(stop).toISOString(),
        description,
        project_id: demo.projects.website.id,
      });
    mk(atMinute('2024-05-05', 23 * 60), atMinute('2024-05-05', 23 * 60 + 30), 'Sunday late');
    mk(at(0, 5), at(1), 'Monday early');
    mk(at(9), at(10, 30), 'Monday');
    mk(at(9), at(10), 'Other workspace', other.id);
    mk(atMinute('2024-05-07', 0), atMinute('2024-05-07', 60), 'Tuesday');
    clearSent();
    const list = (await provider().entriesBetween?.(DAY, DAY)) ?? [];
    expect(list.map((e) => e.notes).sort()).toEqual(['Monday', 'Monday early']);
    expect(list.find((e) => e.notes === 'Monday')).toMatchObject({
      day: DAY,
      durationMs: 90 * MINUTE,
      startedAt: at(9),
      projectId: String(demo.projects.website.id),
    });
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /api/v9/me/time_entries']);
  });

  it('carries each entry’s tag ids (as strings) and billable flag', async () => {
    const base = { workspaceId: demo.workspace.id, userId: demo.user.id, project_id: demo.projects.website.id };
    emu.addEntry({
      ...base,
      start: new Date(at(9)).toISOString(),
      stop: new Date(at(10)).toISOString(),
      description: 'Tagged',
      tag_ids: [demo.tags.urgent.id],
      billable: true,
    });
    emu.addEntry({ ...base, start: new Date(at(11)).toISOString(), stop: new Date(at(12)).toISOString(), description: 'Plain' });
    const list = (await provider().entriesBetween?.(DAY, DAY)) ?? [];
    expect(list.find((e) => e.notes === 'Tagged')).toMatchObject({ tagIds: [String(demo.tags.urgent.id)], billable: true });
    expect(list.find((e) => e.notes === 'Plain')).toMatchObject({ tagIds: [], billable: false });
  });
});
