// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { type ClockifyDemo, createClockifyEmulator } from './clockify';
import { type Res, request, serveOnLoopback } from './serve';

let clock = Date.parse('2024-05-06T09:00:00Z');
const emu = createClockifyEmulator({ now: () => clock });
let demo: ClockifyDemo;

const base = serveOnLoopback(emu);
beforeEach(() => {
  clock = Date.parse('2024-05-06T09:00:00Z');
  emu.reset();
  demo = emu.seedDemo();
});

/** One request as a client with the demo's key (`key` another, null none); `host` sets the Host header. */
function call(method: string, path: string, opts: { key?: string | null; body?: unknown; host?: string } = {}): Promise<Res> {
  const headers: Record<string, string> = {};
  const key = opts.key === undefined ? demo.apiKey : opts.key;
  if (key !== null) headers['x-api-key'] = key;
  if (opts.host) headers.host = opts.host;
  return request(base(), method, path, headers, opts.body);
}

const ws = () => `/api/v1/workspaces/${demo.workspace.id}`;
const userEntries = () => `${ws()}/user/${demo.user.id}/time-entries`;

describe('Clockify emulator: auth and identity', () => {
  it('answers 401 with code 1000 without a key and 4003 for a wrong or revoked key', async () => {
    const none = await call('GET', '/api/v1/user', { key: null });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ message: 'Full authentication is required to access this resource', code: 1000 });
    const wrong = await call('GET', '/api/v1/user', { key: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.code).toBe(4003);
    emu.revokeKey(demo.apiKey);
    expect((await call('GET', '/api/v1/user')).status).toBe(401);
  });

  it('returns the user and the workspaces with their settings', async () => {
    const me = await call('GET', '/api/v1/user');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      id: demo.user.id,
      email: 'ada@example.com',
      defaultWorkspace: demo.workspace.id,
      activeWorkspace: demo.workspace.id,
      settings: { weekStart: 'MONDAY', timeFormat: 'HOUR24' },
    });
    expect(me.json.id).toMatch(/^[0-9a-f]{24}$/);
    emu.updateWorkspaceSettings(demo.workspace.id, { forceProjects: true });
    const list = await call('GET', '/api/v1/workspaces');
    expect(list.json).toHaveLength(1);
    expect(list.json[0].workspaceSettings).toMatchObject({
      forceProjects: true,
      forceTasks: false,
      forceDescription: false,
      forceTags: false,
    });
  });

  it('serves regional and self-hosted hosts, keeping a regional key on its own server', async () => {
    const eu = emu.addUser({ name: 'Eu', homeHost: 'euc1.clockify.me' });
    const key = emu.addApiKey(eu.id);
    expect(emu.hosts).toContain('euc1.clockify.me');
    expect((await call('GET', '/api/v1/user', { key, host: 'euc1.clockify.me' })).status).toBe(200);
    expect((await call('GET', '/api/v1/user', { key, host: 'api.clockify.me' })).status).toBe(401);
    emu.addHost('clockify.example.org');
    expect(emu.hosts).toContain('clockify.example.org');
    // Unknown Host headers (127.0.0.1:port) fall back to api.clockify.me.
    expect((await call('GET', '/api/v1/user')).status).toBe(200);
    expect(emu.requestLog().at(-1)?.host).toBe('api.clockify.me');
  });

  it('denies a workspace the user is not in, and a locked workspace, with 403', async () => {
    const other = emu.addWorkspace({ name: 'Other' });
    const denied = await call('GET', `/api/v1/workspaces/${other.id}/projects`);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ message: 'Access Denied', code: 501 });
    emu.blockWorkspace(demo.workspace.id, { message: 'Two-factor authentication required' });
    const locked = await call('GET', `${ws()}/projects`);
    expect(locked.status).toBe(403);
    expect(locked.json.message).toBe('Two-factor authentication required');
    expect((await call('GET', '/api/v1/workspaces')).json).toHaveLength(1);
  });

  it('answers 405 for a wrong method on a known path', async () => {
    const res = await call('POST', '/api/v1/user', { body: {} });
    expect(res.status).toBe(405);
    expect(res.json.code).toBe(3000);
  });
});

describe('Clockify emulator: projects, tasks, tags', () => {
  it('paginates and filters projects', async () => {
    for (const name of ['Alpha', 'Beta', 'Gamma']) emu.addProject(demo.workspace.id, { name });
    const all = await call('GET', `${ws()}/projects`);
    expect(all.json.map((p: { name: string }) => p.name)).toEqual(['Alpha', 'Beta', 'Gamma', 'Legacy', 'Website']);
    const page2 = await call('GET', `${ws()}/projects?page=2&page-size=2`);
    expect(page2.json.map((p: { name: string }) => p.name)).toEqual(['Gamma', 'Legacy']);
    const active = await call('GET', `${ws()}/projects?archived=false`);
    expect(active.json).toHaveLength(4);
    const named = await call('GET', `${ws()}/projects?name=web&hydrated=true`);
    expect(named.json).toHaveLength(1);
    expect(named.json[0].tasks.map((t: { name: string }) => t.name)).toEqual(['Design', 'Build', 'Launch']);
    expect((await call('GET', `${ws()}/projects?page-size=6000`)).status).toBe(400);
  });

  it('lists tasks with the is-active filter and tags', async () => {
    const tasks = await call('GET', `${ws()}/projects/${demo.projects.website.id}/tasks?is-active=true`);
    expect(tasks.json.map((t: { name: string; status: string }) => `${t.name}:${t.status}`)).toEqual(['Build:ACTIVE', 'Design:ACTIVE']);
    const done = await call('GET', `${ws()}/projects/${demo.projects.website.id}/tasks?is-active=false`);
    expect(done.json).toHaveLength(1);
    const tags = await call('GET', `${ws()}/tags`);
    expect(tags.json).toEqual([{ id: demo.tags.urgent.id, name: 'urgent', workspaceId: demo.workspace.id, archived: false }]);
    expect((await call('GET', `${ws()}/projects/000000000000000000000000/tasks`)).status).toBe(400);
  });
});

describe('Clockify emulator: timers', () => {
  it('starts, switches and stops timers', async () => {
    const first = await call('POST', `${ws()}/time-entries`, {
      body: { start: '2024-05-06T08:00:00.000Z', description: 'First', projectId: demo.projects.website.id, tagIds: [demo.tags.urgent.id] },
    });
    expect(first.status).toBe(201);
    expect(first.json.timeInterval).toEqual({ start: '2024-05-06T08:00:00Z', end: null, duration: null });
    const second = await call('POST', `${ws()}/time-entries`, { body: { start: '2024-05-06T08:30:00Z', description: 'Second' } });
    expect(second.status).toBe(201);
    expect(second.json.tagIds).toBeNull();
    const stoppedFirst = emu.entries().find((e) => e.id === first.json.id);
    expect(stoppedFirst?.end).toBe('2024-05-06T08:30:00Z');
    const running = await call('GET', `${userEntries()}?in-progress=true`);
    expect(running.json.map((e: { id: string }) => e.id)).toEqual([second.json.id]);
    const stop = await call('PATCH', userEntries(), { body: { end: '2024-05-06T09:00:00Z' } });
    expect(stop.status).toBe(200);
    expect(stop.json.timeInterval).toMatchObject({ end: '2024-05-06T09:00:00Z', duration: 'PT30M' });
    const again = await call('PATCH', userEntries(), { body: { end: '2024-05-06T09:00:00Z' } });
    expect(again.status).toBe(404);
    expect(emu.runningEntry(demo.user.id)).toBeUndefined();
  });

  it('lists, filters, paginates, reads, updates and deletes entries', async () => {
    for (let h = 1; h <= 3; h++) {
      emu.addEntry({
        workspaceId: demo.workspace.id,
        userId: demo.user.id,
        description: `Entry ${h}`,
        start: `2024-05-0${h}T10:00:00Z`,
        end: `2024-05-0${h}T11:00:00Z`,
      });
    }
    const page = await call('GET', `${userEntries()}?page=1&page-size=2`);
    expect(page.json.map((e: { description: string }) => e.description)).toEqual(['Entry 3', 'Entry 2']);
    const ranged = await call('GET', `${userEntries()}?start=2024-05-02T00:00:00Z&end=2024-05-02T23:59:59Z`);
    expect(ranged.json).toHaveLength(1);
    const searched = await call('GET', `${userEntries()}?description=entry%201`);
    expect(searched.json[0].timeInterval.duration).toBe('PT1H');
    const id = searched.json[0].id as string;
    const put = await call('PUT', `${ws()}/time-entries/${id}`, {
      body: { start: '2024-05-01T10:00:00Z', end: '2024-05-01T12:15:00Z', description: 'Edited', projectId: demo.projects.website.id },
    });
    expect(put.json).toMatchObject({ description: 'Edited', projectId: demo.projects.website.id, timeInterval: { duration: 'PT2H15M' } });
    const got = await call('GET', `${ws()}/time-entries/${id}?hydrated=true`);
    expect(got.json.project.name).toBe('Website');
    expect((await call('DELETE', `${ws()}/time-entries/${id}`)).status).toBe(204);
    const gone = await call('GET', `${ws()}/time-entries/${id}`);
    expect(gone.status).toBe(400);
    expect(gone.json).toEqual({ message: "Time entry doesn't belong to Workspace", code: 501 });
    expect((await call('GET', `/api/v1/workspaces/${demo.workspace.id}/user/000000000000000000000000/time-entries`)).status).toBe(403);
  });

  it('enforces the workspace required fields when an entry is completed', async () => {
    emu.updateWorkspaceSettings(demo.workspace.id, { forceProjects: true, forceDescription: true });
    const completed = await call('POST', `${ws()}/time-entries`, { body: { start: '2024-05-06T08:00:00Z', end: '2024-05-06T08:10:00Z' } });
    expect(completed.status).toBe(400);
    expect(completed.json).toEqual({ message: 'Project is required', code: 501 });
    const running = await call('POST', `${ws()}/time-entries`, { body: { start: '2024-05-06T08:00:00Z' } });
    expect(running.status).toBe(201);
    const stop = await call('PATCH', userEntries(), { body: { end: '2024-05-06T08:30:00Z' } });
    expect(stop.status).toBe(400);
    expect(emu.runningEntry(demo.user.id)?.id).toBe(running.json.id);
    const good = await call('POST', `${ws()}/time-entries`, {
      body: { start: '2024-05-06T09:00:00Z', end: '2024-05-06T09:10:00Z', projectId: demo.projects.website.id, description: 'ok' },
    });
    expect(good.status).toBe(201);
    const badProject = await call('POST', `${ws()}/time-entries`, { body: { projectId: '111111111111111111111111' } });
    expect(badProject.json).toEqual({ message: "Project doesn't belong to Workspace", code: 501 });
  });

  it('defaults start to now and rejects malformed bodies', async () => {
    const now = await call('POST', `${ws()}/time-entries`, { body: {} });
    expect(now.json.timeInterval.start).toBe('2024-05-06T09:00:00Z');
    expect((await call('POST', `${ws()}/time-entries`, { body: '{nope' })).status).toBe(400);
  });
});

describe('Clockify emulator: rate limit and faults', () => {
  it('answers 429 past 50 requests per second per key', async () => {
    const results = [];
    for (let i = 0; i < 51; i++) results.push((await call('GET', '/api/v1/user')).status);
    expect(results.slice(0, 50).every((s) => s === 200)).toBe(true);
    expect(results[50]).toBe(429);
    clock += 1001;
    expect((await call('GET', '/api/v1/user')).status).toBe(200);
  });

  it('adds latency', async () => {
    emu.setLatency(120);
    const t0 = performance.now();
    await call('GET', '/api/v1/user');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
  });

  it('fails the next N matching requests with 5xx', async () => {
    emu.failNext(2, { method: 'POST', path: /time-entries$/ });
    expect((await call('GET', '/api/v1/user')).status).toBe(200);
    const a = await call('POST', `${ws()}/time-entries`, { body: {} });
    expect(a.status).toBe(500);
    expect(a.json.code).toBe(500);
    expect((await call('POST', `${ws()}/time-entries`, { body: {} })).status).toBe(500);
    expect(emu.entries()).toHaveLength(0);
    emu.failNext(1, { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    const gw = await call('GET', '/api/v1/user');
    expect([gw.status, gw.text, gw.headers['content-type']]).toEqual([502, '<html>Bad Gateway</html>', 'text/html']);
    expect((await call('POST', `${ws()}/time-entries`, { body: {} })).status).toBe(201);
  });

  it('drops connections, with or without committing the write', async () => {
    emu.dropNext(1, { method: 'POST' });
    await expect(call('POST', `${ws()}/time-entries`, { body: { description: 'lost' } })).rejects.toThrow();
    expect(emu.entries()).toHaveLength(0);
    emu.commitThenDropNext(1, { method: 'POST' });
    await expect(call('POST', `${ws()}/time-entries`, { body: { description: 'kept' } })).rejects.toThrow();
    expect(emu.entries().map((e) => e.description)).toEqual(['kept']);
    expect(emu.pendingFaults()).toBe(0);
  });

  it('goes fully down and comes back', async () => {
    emu.setDown('drop');
    await expect(call('GET', '/api/v1/user')).rejects.toThrow();
    emu.setDown('unavailable');
    expect((await call('GET', '/api/v1/user')).status).toBe(503);
    emu.setDown(false);
    expect((await call('GET', '/api/v1/user')).status).toBe(200);
  });

  it('counts requests by method and path, and reset() forgets everything', async () => {
    await call('GET', '/api/v1/user');
    await call('GET', '/api/v1/user');
    await call('GET', `${ws()}/tags`);
    expect(emu.requestCount('GET /api/v1/user')).toBe(2);
    expect(emu.requestCount({ method: 'GET', path: /\/tags$/ })).toBe(1);
    expect(emu.requestCounts()['GET /api/v1/user']).toBe(2);
    emu.failNext(5);
    emu.reset();
    expect(emu.requestCount()).toBe(0);
    expect(emu.pendingFaults()).toBe(0);
    expect(emu.store.users.size).toBe(0);
  });
});
