// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { type Res, request, serveOnLoopback } from './serve';
import { createTogglEmulator, type TogglDemo } from './toggl';

let clock = Date.parse('2024-05-06T09:00:00Z');
// Limits off by default here; the limit tests switch them on.
const emu = createTogglEmulator({ now: () => clock, leakyBucket: false, quota: false });
let demo: TogglDemo;

const base = serveOnLoopback(emu);
beforeEach(() => {
  clock = Date.parse('2024-05-06T09:00:00Z');
  emu.reset();
  demo = emu.seedDemo();
});

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** One request to /api/v9`path` as a client with the demo's token (`auth` another Authorization, null none). */
function call(method: string, path: string, opts: { auth?: string | null; body?: unknown } = {}): Promise<Res> {
  const auth = opts.auth === undefined ? basic(demo.token, 'api_token') : opts.auth;
  return request(base(), method, `/api/v9${path}`, auth === null ? {} : { authorization: auth }, opts.body);
}

const wsPath = () => `/workspaces/${demo.workspace.id}`;
const start = (extra: Record<string, unknown> = {}) =>
  call('POST', `${wsPath()}/time_entries`, {
    body: { created_with: 'stint-test', workspace_id: demo.workspace.id, start: new Date(clock).toISOString(), duration: -1, ...extra },
  });

describe('Toggl emulator: auth and identity', () => {
  it('answers 403 with a plain-text body for bad credentials; token and email/password work', async () => {
    const none = await call('GET', '/me', { auth: null });
    expect(none.status).toBe(403);
    expect(none.headers['content-type']).toMatch(/^text\/plain/);
    expect(none.text).toBe('Incorrect username and/or password');
    expect((await call('GET', '/me', { auth: basic('wrong', 'api_token') })).status).toBe(403);
    expect((await call('GET', '/me', { auth: basic('grace@example.com', 'correct horse battery staple') })).status).toBe(200);
    emu.revokeToken(demo.token);
    expect((await call('GET', '/me')).status).toBe(403);
  });

  it('returns /me (optionally with related data) and /me/workspaces', async () => {
    // Deterministic numeric ids and 32-hex tokens.
    expect([demo.user.id, demo.workspace.id, demo.projects.website.id]).toEqual([1000001, 2000001, 4000001]);
    expect(demo.token).toMatch(/^[0-9a-f]{32}$/);
    const me = await call('GET', '/me');
    expect(me.json).toMatchObject({
      id: demo.user.id,
      email: 'grace@example.com',
      fullname: 'Grace Hopper',
      default_workspace_id: demo.workspace.id,
      beginning_of_week: 1,
      timezone: 'Europe/Berlin',
    });
    expect(me.json.projects).toBeUndefined();
    const related = await call('GET', '/me?with_related_data=true');
    expect(related.json.projects).toHaveLength(2);
    expect(related.json.workspaces[0].id).toBe(demo.workspace.id);
    const wss = await call('GET', '/me/workspaces');
    expect(wss.json).toHaveLength(1);
    expect(wss.json[0]).toMatchObject({ id: demo.workspace.id, organization_id: demo.workspace.organization_id, premium: true });
  });

  it('answers 403 for a workspace the user is not in and for a blocked workspace', async () => {
    const other = emu.addWorkspace({ name: 'Other' });
    expect((await call('GET', `/workspaces/${other.id}/projects`)).status).toBe(403);
    emu.blockWorkspace(demo.workspace.id, { status: 402, body: 'Workspace needs to be upgraded' });
    const blocked = await call('GET', `${wsPath()}/projects`);
    expect([blocked.status, blocked.text]).toEqual([402, 'Workspace needs to be upgraded']);
  });

  it('answers 404 for unknown paths', async () => {
    expect((await call('GET', '/nope')).status).toBe(404);
  });
});

describe('Toggl emulator: projects, tasks, tags', () => {
  it('filters projects by active and paginates them', async () => {
    for (const name of ['Alpha', 'Beta']) emu.addProject(demo.workspace.id, { name });
    const all = await call('GET', `${wsPath()}/projects`);
    expect(all.json.map((p: { name: string }) => p.name)).toEqual(['Alpha', 'Beta', 'Legacy', 'Website']);
    const active = await call('GET', `${wsPath()}/projects?active=true`);
    expect(active.json.map((p: { name: string }) => p.name)).toEqual(['Alpha', 'Beta', 'Website']);
    const both = await call('GET', `${wsPath()}/projects?active=both&per_page=2&page=2`);
    expect(both.json.map((p: { name: string }) => p.name)).toEqual(['Legacy', 'Website']);
  });

  it('lists project tasks, workspace tasks (paginated envelope) and tags', async () => {
    const projectTasks = await call('GET', `${wsPath()}/projects/${demo.projects.website.id}/tasks`);
    expect(projectTasks.json.map((t: { name: string }) => t.name)).toEqual(['Build', 'Design', 'Launch']);
    const tasks = await call('GET', `${wsPath()}/tasks?active=true&per_page=1&page=2`);
    expect(tasks.json).toMatchObject({ page: 2, per_page: 1, total_count: 2, sort_field: 'name', sort_order: 'ASC' });
    expect(tasks.json.data.map((t: { name: string }) => t.name)).toEqual(['Design']);
    const tags = await call('GET', `${wsPath()}/tags`);
    expect(tags.json).toMatchObject([{ id: demo.tags.urgent.id, name: 'urgent', workspace_id: demo.workspace.id }]);
  });
});

describe('Toggl emulator: timers', () => {
  it('starts a timer, switching stops the previous one, and stop answers 409 the second time', async () => {
    expect((await call('GET', '/me/time_entries/current')).text).toBe('null');
    const first = await start({ description: 'First', project_id: demo.projects.website.id, tags: ['urgent', 'new-tag'] });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      duration: -1,
      stop: null,
      start: '2024-05-06T09:00:00+00:00',
      tags: ['urgent', 'new-tag'],
      workspace_id: demo.workspace.id,
    });
    expect((await call('GET', `${wsPath()}/tags`)).json).toHaveLength(2);
    clock += 15 * 60_000;
    const second = await start({ description: 'Second' });
    expect(emu.entries().find((e) => e.id === first.json.id)?.stopMs).toBe(clock);
    const current = await call('GET', '/me/time_entries/current');
    expect(current.json.id).toBe(second.json.id);
    clock += 10 * 60_000;
    const stop = await call('PATCH', `${wsPath()}/time_entries/${second.json.id}/stop`);
    expect(stop.json).toMatchObject({ duration: 600, stop: '2024-05-06T09:25:00Z' });
    const again = await call('PATCH', `${wsPath()}/time_entries/${second.json.id}/stop`);
    expect([again.status, again.text]).toEqual([409, 'Time entry already stopped']);
    expect((await call('GET', '/me/time_entries/current')).json).toBeNull();
  });

  it('validates created_with, workspace_id and references', async () => {
    const noCreatedWith = await call('POST', `${wsPath()}/time_entries`, {
      body: { workspace_id: demo.workspace.id, start: '2024-05-06T09:00:00Z', duration: -1 },
    });
    expect(noCreatedWith.status).toBe(400);
    expect((await start({ workspace_id: undefined })).status).toBe(400);
    expect((await start({ project_id: 1 })).status).toBe(400);
    expect((await call('POST', `${wsPath()}/time_entries`, { body: '{oops' })).status).toBe(400);
    expect(emu.entries()).toHaveLength(0);
  });

  it('enforces required fields when an entry is completed', async () => {
    emu.setRequiredFields(demo.workspace.id, { project: true });
    const running = await start({ description: 'No project yet' });
    expect(running.status).toBe(200);
    const stop = await call('PATCH', `${wsPath()}/time_entries/${running.json.id}/stop`);
    expect([stop.status, stop.text]).toEqual([400, 'Project is required']);
    const completed = await start({ duration: 600 });
    expect(completed.status).toBe(400);
    const fixed = await call('PUT', `${wsPath()}/time_entries/${running.json.id}`, { body: { project_id: demo.projects.website.id } });
    expect(fixed.json.project_id).toBe(demo.projects.website.id);
    expect((await call('PATCH', `${wsPath()}/time_entries/${running.json.id}/stop`)).status).toBe(200);
  });

  it('updates, deletes and lists entries with since/before/start_date/end_date', async () => {
    for (const day of [1, 2, 3]) {
      emu.addEntry({
        workspaceId: demo.workspace.id,
        userId: demo.user.id,
        description: `Day ${day}`,
        start: `2024-05-0${day}T10:00:00Z`,
        stop: `2024-05-0${day}T11:00:00Z`,
      });
    }
    const all = await call('GET', '/me/time_entries');
    expect(all.json.map((e: { description: string }) => e.description)).toEqual(['Day 3', 'Day 2', 'Day 1']);
    expect(all.json[0]).toMatchObject({ duration: 3600, stop: '2024-05-03T11:00:00Z', tags: null });
    const range = await call('GET', '/me/time_entries?start_date=2024-05-02&end_date=2024-05-03');
    expect(range.json.map((e: { description: string }) => e.description)).toEqual(['Day 2']);
    expect((await call('GET', '/me/time_entries?start_date=2024-05-02')).status).toBe(400);
    const before = await call('GET', '/me/time_entries?before=2024-05-02');
    expect(before.json).toHaveLength(1);
    const id = all.json[0].id as number;
    const put = await call('PUT', `${wsPath()}/time_entries/${id}`, {
      body: { description: 'Edited', duration: 1800, start: '2024-05-03T10:00:00Z' },
    });
    expect(put.json).toMatchObject({ description: 'Edited', duration: 1800, stop: '2024-05-03T10:30:00Z' });
    clock += 60_000;
    const del = await call('DELETE', `${wsPath()}/time_entries/${id}`);
    expect([del.status, del.text]).toEqual([200, '']);
    expect((await call('GET', '/me/time_entries')).json).toHaveLength(2);
    const since = await call('GET', `/me/time_entries?since=${Math.floor(clock / 1000) - 1}`);
    expect(since.json.map((e: { id: number; server_deleted_at: string | null }) => [e.id, e.server_deleted_at !== null])).toEqual([
      [id, true],
    ]);
    expect((await call('PUT', `${wsPath()}/time_entries/${id}`, { body: { description: 'x' } })).status).toBe(404);
  });
});

describe('Toggl emulator: limits', () => {
  it('leaky bucket answers 429 past the burst, then drains', async () => {
    emu.setLeakyBucket({ burst: 2, perSecond: 1 });
    expect((await call('GET', '/me')).status).toBe(200);
    expect((await call('GET', '/me')).status).toBe(200);
    expect((await call('GET', '/me')).status).toBe(429);
    clock += 1000;
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it('quota answers 402 with the quota headers and resets after the window', async () => {
    emu.setQuota({ organization: 3, user: 2, windowMs: 60_000 });
    const a = await call('GET', `${wsPath()}/projects`);
    expect(a.headers['x-toggl-quota-remaining']).toBe('2');
    expect(a.headers['x-toggl-quota-resets-in']).toBe('60');
    await call('GET', `${wsPath()}/tags`);
    clock += 20_000;
    const c = await call('GET', `${wsPath()}/tags`);
    expect(c.headers['x-toggl-quota-remaining']).toBe('0');
    const d = await call('GET', `${wsPath()}/tags`);
    expect(d.status).toBe(402);
    expect(d.headers).toMatchObject({ 'x-toggl-quota-remaining': '0', 'x-toggl-quota-resets-in': '40' });
    // The user-specific quota (/me…) is separate.
    expect((await call('GET', '/me')).headers['x-toggl-quota-remaining']).toBe('1');
    const quota = await call('GET', '/me/quota');
    expect(quota.json).toEqual([
      { organization_id: demo.workspace.organization_id, remaining: 0, total: 3, resets_in_secs: 40 },
      { organization_id: null, remaining: 1, total: 2, resets_in_secs: 60 },
    ]);
    clock += 40_000;
    expect((await call('GET', `${wsPath()}/tags`)).status).toBe(200);
  });
});

describe('Toggl emulator: documented quotas by plan', () => {
  it('by default: 30 per hour on /me, and per organization by its plan (Free 30, Starter 240, Premium 600)', async () => {
    emu.setQuota({ organization: 'plan', user: 30, windowMs: 3_600_000 });
    const free = emu.addWorkspace({ name: 'Free', members: [demo.user.id] });
    const starter = emu.addWorkspace({ name: 'Starter', members: [demo.user.id], plan: 'starter' });
    const remaining = async (path: string) => (await call('GET', path)).headers['x-toggl-quota-remaining'];
    expect(await remaining(`/workspaces/${free.id}/projects`)).toBe('29');
    expect(await remaining(`/workspaces/${starter.id}/projects`)).toBe('239');
    expect(await remaining(`/workspaces/${demo.workspace.id}/projects`)).toBe('599');
    expect(await remaining('/me')).toBe('29');
    // What the workspace says of its plan: `premium` (Starter) and `business_ws` (Premium).
    const flags = async (id: number) => {
      const w = (await call('GET', `/workspaces/${id}`)).json;
      return [w.premium, w.business_ws];
    };
    expect([await flags(free.id), await flags(starter.id), await flags(demo.workspace.id)]).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
    // 2 requests so far (its projects, the workspace): 28 more use the hour's 30.
    for (let i = 0; i < 28; i++) await call('GET', `/workspaces/${free.id}/tags`);
    const over = await call('GET', `/workspaces/${free.id}/tags`);
    expect(over.status).toBe(402);
    expect(over.headers).toMatchObject({ 'x-toggl-quota-remaining': '0', 'x-toggl-quota-resets-in': '3600' });
    expect((await call('GET', `/workspaces/${starter.id}/tags`)).status).toBe(200);
  });
});

describe('Toggl emulator: faults', () => {
  it('adds latency and fails the next N matching requests', async () => {
    emu.setLatency(100);
    const t0 = performance.now();
    await call('GET', '/me');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(80);
    emu.setLatency(0);
    emu.failNext(1, { status: 503, path: '/me/time_entries/current' });
    expect((await call('GET', '/me')).status).toBe(200);
    expect((await call('GET', '/me/time_entries/current')).status).toBe(503);
    expect((await call('GET', '/me/time_entries/current')).status).toBe(200);
  });

  it('drops the connection, or commits the write and then drops it', async () => {
    emu.dropNext(1, { method: 'POST' });
    await expect(start()).rejects.toThrow();
    expect(emu.entries()).toHaveLength(0);
    emu.commitThenDropNext(1, { method: 'POST', path: /time_entries$/ });
    await expect(start({ description: 'kept' })).rejects.toThrow();
    expect(emu.entries().map((e) => e.description)).toEqual(['kept']);
  });

  it('goes fully down and back; counts requests; reset() restores defaults', async () => {
    emu.setDown('drop');
    await expect(call('GET', '/me')).rejects.toThrow();
    emu.setDown('unavailable');
    expect((await call('GET', '/me')).status).toBe(503);
    emu.setDown(false);
    expect((await call('GET', '/me')).status).toBe(200);
    expect(emu.requestCount('GET /api/v9/me')).toBe(3);
    expect(emu.requestLog().map((r) => r.status)).toEqual(['dropped', 503, 200]);
    emu.reset();
    expect(emu.requestCount()).toBe(0);
    expect(emu.store.users.size).toBe(0);
  });
});
