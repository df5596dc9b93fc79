// @vitest-environment node
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ClockifyDemo, createClockifyEmulator } from '../../test/emulators/clockify';
import { atMinute, MINUTE } from '../core/time';
import { type ClockifyConfig, clockifyAuthMessage, clockifyBaseUrl, createClockifyProvider, listClockifyWorkspaces } from './clockify';
import { type EntryInput, ProviderError } from './types';

const DAY = '2024-05-06';
/** Local wall-clock time on DAY. */
const at = (h: number, m = 0) => atMinute(DAY, h * 60 + m);
let clock = at(10);
const emu = createClockifyEmulator({ now: () => clock, rateLimit: false });
const server = http.createServer((req, res) => void emu.handle(req, res));
let port = 0;
let demo: ClockifyDemo;
/** Every request the provider sent: method, URL, headers, JSON body. */
let sent: { method: string; url: string; headers: Headers; body: unknown }[] = [];

/** fetch through a loopback server keeping the real Host header (regional keys work only on their host). */
const loopFetch =
  (target: () => number): typeof fetch =>
  (input, init) =>
    new Promise((resolve, reject) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      sent.push({ method: init?.method ?? 'GET', url: url.href, headers, body: body === undefined ? undefined : JSON.parse(body) });
      const plain: Record<string, string> = { host: url.host };
      headers.forEach((v, k) => {
        plain[k] = v;
      });
      const options = { host: '127.0.0.1', port: target(), method: init?.method ?? 'GET', path: url.pathname + url.search, headers: plain };
      const req = http.request({ ...options, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
          const status = res.statusCode ?? 0;
          resolve(new Response(status === 204 ? null : new Uint8Array(Buffer.concat(chunks)), { status, headers: out }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
const hostFetch = loopFetch(() => port);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});
beforeEach(() => {
  clock = at(10);
  emu.reset();
  demo = emu.seedDemo();
  sent = [];
});

const provider = (o: Partial<ClockifyConfig> = {}) =>
  createClockifyProvider({ apiKey: demo.apiKey, workspaceId: demo.workspace.id, fetch: hostFetch, now: () => clock, ...o });

function input(o: Partial<EntryInput> = {}): EntryInput {
  const base = {
    localId: 'local-1',
    projectId: demo.projects.website.id,
    taskId: demo.tasks.build.id,
    notes: '#42 Fix the header',
    day: DAY,
  };
  return { ...base, startedAt: null, endedAt: null, durationMs: 0, running: false, ...o };
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
    clock = at(11);
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

describe('errors', () => {
  it("required fields: Clockify's 400 message verbatim as 'rejected'", async () => {
    emu.updateWorkspaceSettings(demo.workspace.id, { forceDescription: true });
    const err = await failure(provider().create(stopped(at(8), at(9), { notes: '' })));
    expect([err.kind, err.message, err.options.status]).toEqual(['rejected', 'Description is required', 400]);
  });

  it('bad or revoked key → auth', async () => {
    expect((await failure(provider({ apiKey: 'nope' }).identity())).message).toBe(clockifyAuthMessage());
    emu.revokeKey(demo.apiKey);
    expect((await failure(provider().running())).kind).toBe('auth');
  });

  it("locked workspace → forbidden with Clockify's message", async () => {
    emu.blockWorkspace(demo.workspace.id, { message: 'Workspace is locked' });
    const err = await failure(provider().create(stopped(at(8), at(9))));
    expect([err.kind, err.message]).toEqual(['forbidden', 'Workspace is locked']);
  });

  it('429 → rate-limit with retryAfterMs (Retry-After, else 15 s)', async () => {
    emu.failNext(1, { status: 429, headers: { 'Retry-After': '3' } });
    expect((await failure(provider().running())).options.retryAfterMs).toBe(3000);
    const limited = createClockifyEmulator({ now: () => clock, rateLimit: { requests: 1, windowMs: 1000 } });
    const key = limited.seedDemo().apiKey;
    const local = http.createServer((q, s) => void limited.handle(q, s));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const viaLocal = loopFetch(() => (local.address() as AddressInfo).port);
      const err = await failure(listClockifyWorkspaces(key, { fetch: viaLocal })); // GET /user passes, /workspaces is limited
      expect([err.kind, err.options.retryAfterMs]).toEqual(['rate-limit', 15_000]);
    } finally {
      local.closeAllConnections();
      await new Promise((resolve) => local.close(resolve));
    }
  });

  it('5xx → server; a body that is not JSON or not the documented shape → invalid-response', async () => {
    emu.failNext(1, { status: 503 });
    expect((await failure(provider().running())).kind).toBe('server');
    emu.failNext(1, { path: '/v1/user', status: 200, body: '<html>maintenance</html>', contentType: 'text/html' });
    expect((await failure(provider().running())).kind).toBe('invalid-response');
    emu.failNext(1, { path: /\/projects$/, status: 200, body: '[{"id":1}]', contentType: 'application/json' });
    const err = await failure(provider().assignments());
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toMatch(/projects/);
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

describe('tags and billable', () => {
  it('lists the workspace’s active tags and whether members may create one', async () => {
    emu.addTag(demo.workspace.id, { name: 'old', archived: true });
    expect(await provider().tags?.()).toEqual({ tags: [{ id: demo.tags.urgent.id, name: 'urgent' }], canCreate: true });
    emu.updateWorkspaceSettings(demo.workspace.id, { onlyAdminsCreateTag: true });
    expect((await provider().tags?.())?.canCreate).toBe(false);
  });

  it('where only admins may create tags, an admin or the owner may, a member may not (asked with ?roles=)', async () => {
    const member = emu.addUser({ name: 'Member' });
    const owner = emu.addUser({ name: 'Owner' });
    const locked = emu.addWorkspace({
      name: 'Admins only',
      members: [demo.user.id, member.id, owner.id],
      admins: [demo.user.id],
      owner: owner.id,
      settings: { onlyAdminsCreateTag: true },
    });
    // An admin elsewhere only: not this workspace's.
    emu.addWorkspace({ name: 'Mine', members: [member.id], admins: [member.id] });
    const as = (userId: string) => provider({ apiKey: emu.addApiKey(userId), workspaceId: locked.id });
    sent = [];
    expect((await as(demo.user.id).tags?.())?.canCreate).toBe(true);
    const roles = sent.map((r) => new URL(r.url)).find((u) => u.pathname.endsWith('/workspaces'));
    expect(roles?.searchParams.getAll('roles')).toEqual(['WORKSPACE_ADMIN', 'OWNER']);
    expect((await as(owner.id).tags?.())?.canCreate).toBe(true);
    expect((await as(member.id).tags?.())?.canCreate).toBe(false);
    // What the emulator then allows, as Clockify does.
    expect(await as(demo.user.id).createTag?.('admin-made')).toMatchObject({ name: 'admin-made' });
    expect((await failure(as(member.id).createTag?.('member-made') ?? Promise.resolve())).kind).toBe('forbidden');
    // Where members may create tags, nobody's role is asked.
    sent = [];
    expect((await provider().tags?.())?.canCreate).toBe(true);
    expect(sent.some((r) => new URL(r.url).searchParams.has('roles'))).toBe(false);
  });

  it('creates a tag (POST …/tags { name }); refused when only admins may', async () => {
    const tag = await provider().createTag?.('review');
    expect(lastSent('POST')).toMatchObject({ url: expect.stringMatching(/\/tags$/), body: { name: 'review' } });
    expect(emu.store.tags.get(tag?.id ?? '')).toMatchObject({ name: 'review', workspaceId: demo.workspace.id });
    emu.updateWorkspaceSettings(demo.workspace.id, { onlyAdminsCreateTag: true });
    expect((await failure(provider().createTag?.('other') ?? Promise.resolve())).kind).toBe('forbidden');
  });

  it('sends tagIds and billable as chosen; a workspace requiring tags refuses an entry without them', async () => {
    emu.updateWorkspaceSettings(demo.workspace.id, { forceTags: true });
    const p = provider();
    expect((await failure(p.create(stopped(at(9), at(10))))).message).toMatch(/Tags are required/);
    const made = await p.create(stopped(at(9), at(10), { tagIds: [demo.tags.urgent.id], billable: false }));
    expect(made).toMatchObject({ tagIds: [demo.tags.urgent.id], billable: false });
    expect(emu.store.entries.get(made.remoteId)).toMatchObject({ tagIds: [demo.tags.urgent.id], billable: false });
  });

  it('an update without tags keeps the remote ones; with tags, replaces them', async () => {
    const p = provider();
    const made = await p.create(stopped(at(9), at(10), { tagIds: [demo.tags.urgent.id] }));
    await p.update(made.remoteId, stopped(at(9), at(11)));
    expect(emu.store.entries.get(made.remoteId)?.tagIds).toEqual([demo.tags.urgent.id]);
    const review = emu.addTag(demo.workspace.id, { name: 'review' });
    await p.update(made.remoteId, stopped(at(9), at(11), { tagIds: [review.id], billable: true }));
    expect(emu.store.entries.get(made.remoteId)).toMatchObject({ tagIds: [review.id], billable: true });
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
    sent = [];
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
