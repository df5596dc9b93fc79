// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLoopback } from '../../test/emulators/harvest/loopback';
import { createTogglEmulator, type TogglDemo } from '../../test/emulators/toggl';
import { atMinute, MINUTE } from '../core/time';
import { isoSeconds } from './common';
import { createTogglProvider, listTogglWorkspaces, type TogglConfig, togglAuthMessage, togglBucket, togglQuota } from './toggl';
import { type EntryInput, ProviderError } from './types';

const DAY = '2024-05-06';
/** Local wall-clock time on DAY. */
const at = (h: number, m = 0) => atMinute(DAY, h * 60 + m);
let clock = at(10);
// Limits off; the limit tests switch them on.
const emu = createTogglEmulator({ now: () => clock, leakyBucket: false, quota: false });
let loop: Awaited<ReturnType<typeof startLoopback>>;
let demo: TogglDemo;
/** Every request the provider sent: method, URL, headers, JSON body. */
let sent: { method: string; url: string; headers: Headers; body: unknown }[] = [];

/** Sends api.track.toggl.com requests to the loopback emulator, recording them. */
const viaLoop: typeof fetch = (input, init) => {
  const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers), body });
  return fetch(String(input).replace('https://api.track.toggl.com', loop.base), init);
};

beforeAll(async () => {
  loop = await startLoopback(emu);
});
afterAll(() => loop.close());
beforeEach(() => {
  clock = at(10);
  emu.reset();
  emu.setQuota(false);
  emu.setLeakyBucket(false);
  demo = emu.seedDemo();
  sent = [];
});

const provider = (o: Partial<TogglConfig> = {}) =>
  createTogglProvider({ apiToken: demo.token, workspaceId: String(demo.workspace.id), fetch: viaLoop, now: () => clock, ...o });

function input(o: Partial<EntryInput> = {}): EntryInput {
  const ids = { projectId: String(demo.projects.website.id), taskId: String(demo.tasks.build.id) };
  return {
    localId: 'local-1',
    ...ids,
    notes: '#42 Fix the header',
    day: DAY,
    startedAt: null,
    endedAt: null,
    durationMs: 0,
    running: false,
    ...o,
  };
}
const stopped = (from: number, to: number, o: Partial<EntryInput> = {}) =>
  input({ startedAt: from, endedAt: to, durationMs: to - from, ...o });

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}
const lastSent = (method: string) => sent.filter((r) => r.method === method).at(-1);

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
    clock = at(11);
    sent = [];
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
    clock = at(10, 30);
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
    clock = at(10, 0) + 5000;
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
    sent = [];
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

describe('quota buckets and headers', () => {
  it('/me… spends the user’s quota, everything else the workspace’s; the headers are read from any answer', () => {
    expect(togglBucket(new URL('https://api.track.toggl.com/api/v9/me/time_entries/current'))).toBe('me');
    expect(togglBucket(new URL('https://api.track.toggl.com/api/v9/me'))).toBe('me');
    expect(togglBucket(new URL('https://api.track.toggl.com/api/v9/workspaces/1/time_entries'))).toBe('workspace');
    const h = (o: Record<string, string>) => new Headers(o);
    expect(togglQuota(h({ 'X-Toggl-Quota-Remaining': '12', 'X-Toggl-Quota-Resets-In': '1800' }))).toEqual({
      remaining: 12,
      resetsInMs: 1_800_000,
    });
    expect(togglQuota(h({ 'X-Toggl-Quota-Remaining': '12' }))).toBeNull();
    expect(togglQuota(h({ 'X-Toggl-Quota-Remaining': '-1', 'X-Toggl-Quota-Resets-In': '10' }))).toBeNull();
  });

  it('the workspace’s plan comes with identity: Free, Starter, Premium', async () => {
    const free = emu.addWorkspace({ name: 'Free', members: [demo.user.id] });
    const starter = emu.addWorkspace({ name: 'Starter', members: [demo.user.id], plan: 'starter' });
    const plan = async (id: number) => (await provider({ workspaceId: String(id) }).identity()).plan;
    expect([await plan(free.id), await plan(starter.id), await plan(demo.workspace.id)]).toEqual(['free', 'starter', 'premium']);
  });
});

describe('errors', () => {
  it("required fields: Toggl's 400 message verbatim as 'rejected'", async () => {
    emu.setRequiredFields(demo.workspace.id, { description: true });
    const err = await failure(provider().create(stopped(at(8), at(9), { notes: '' })));
    expect([err.kind, err.message, err.options.status]).toEqual(['rejected', 'Description is required', 400]);
  });

  it("bad token: Toggl's 403 → auth", async () => {
    const err = await failure(provider({ apiToken: 'nope' }).create(stopped(at(8), at(9))));
    expect([err.kind, err.message, err.options.status]).toEqual(['auth', togglAuthMessage(), 403]);
  });

  it("locked workspace → forbidden with Toggl's message", async () => {
    emu.blockWorkspace(demo.workspace.id);
    const err = await failure(provider().create(stopped(at(8), at(9))));
    expect([err.kind, err.message]).toEqual(['forbidden', 'User does not have access to this resource.']);
  });

  it('429 → rate-limit; 402 → quota with retryAfterMs from X-Toggl-Quota-Resets-In', async () => {
    emu.setLeakyBucket({ burst: 1, perSecond: 1 });
    await provider().running();
    const limited = await failure(provider().running());
    expect([limited.kind, limited.options.retryAfterMs]).toEqual(['rate-limit', 15_000]);
    emu.setLeakyBucket(false);
    emu.setQuota({ organization: 1, user: 30, windowMs: 3_600_000 });
    await provider().create(stopped(at(8), at(9)));
    clock += 600_000;
    const quota = await failure(provider().create(stopped(at(8), at(9))));
    expect([quota.kind, quota.options.retryAfterMs]).toEqual(['quota', 3_000_000]);
  });

  it('5xx → server; a body that is not JSON or not the documented shape → invalid-response', async () => {
    emu.failNext(1, { status: 502 });
    expect((await failure(provider().running())).kind).toBe('server');
    emu.failNext(1, { status: 200, body: 'garbage' });
    expect((await failure(provider().running())).kind).toBe('invalid-response');
    emu.failNext(1, { status: 200, body: '{"id":"x"}', contentType: 'application/json' });
    const err = await failure(provider().running());
    expect(err.message).toMatch(/current/);
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

describe('tags and billable', () => {
  it('lists the workspace’s tags; members may create one unless only admins may (and they are not one)', async () => {
    expect(await provider().tags?.()).toEqual({ tags: [{ id: String(demo.tags.urgent.id), name: 'urgent' }], canCreate: true });
    const member = emu.addUser({ fullname: 'Member' });
    const locked = emu.addWorkspace({
      name: 'Strict',
      members: [demo.user.id, member.id],
      admins: [demo.user.id],
      onlyAdminsMayCreateTags: true,
    });
    const asMember = createTogglProvider({ apiToken: member.api_token, workspaceId: String(locked.id), fetch: viaLoop, now: () => clock });
    expect((await asMember.tags?.())?.canCreate).toBe(false);
    expect((await failure(asMember.createTag?.('x') ?? Promise.resolve())).kind).toBe('forbidden');
    const asAdmin = createTogglProvider({ apiToken: demo.token, workspaceId: String(locked.id), fetch: viaLoop, now: () => clock });
    expect((await asAdmin.tags?.())?.canCreate).toBe(true);
  });

  it('creates a tag (POST …/tags { name, workspace_id })', async () => {
    const tag = await provider().createTag?.('review');
    expect(lastSent('POST')).toMatchObject({ body: { name: 'review', workspace_id: demo.workspace.id } });
    expect(emu.store.tags.get(Number(tag?.id))).toMatchObject({ name: 'review' });
  });

  it('sends tag_ids and billable as chosen; a PUT without tags leaves the remote ones', async () => {
    emu.setRequiredFields(demo.workspace.id, { tag: true });
    const p = provider();
    expect((await failure(p.create(stopped(at(9), at(10))))).message).toMatch(/Tag is required/);
    const made = await p.create(stopped(at(9), at(10), { tagIds: [String(demo.tags.urgent.id)], billable: false }));
    expect(made).toMatchObject({ tagIds: [String(demo.tags.urgent.id)], billable: false });
    await p.update(made.remoteId, stopped(at(9), at(11)));
    expect(emu.store.entries.get(Number(made.remoteId))).toMatchObject({ tag_ids: [demo.tags.urgent.id], billable: false });
    // Still required: clearing them is refused, as Toggl does; once not required, they clear.
    expect((await failure(p.update(made.remoteId, stopped(at(9), at(11), { tagIds: [] })))).message).toMatch(/Tag is required/);
    emu.setRequiredFields(demo.workspace.id, { tag: false });
    await p.update(made.remoteId, stopped(at(9), at(11), { tagIds: [], billable: true }));
    expect(emu.store.entries.get(Number(made.remoteId))).toMatchObject({ tag_ids: [], billable: true });
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
    sent = [];
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
