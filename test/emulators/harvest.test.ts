// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed } from './harvest';
import { type Loopback, startLoopback } from './harvest/loopback';

const emu = createHarvestEmulator({ now: '2024-05-06T09:00:00Z' });
let lb: Loopback;
let demo: DemoSeed;

beforeAll(async () => {
  lb = await startLoopback(emu);
});
afterAll(async () => {
  await lb.close();
});
beforeEach(() => {
  emu.reset();
  demo = emu.seedDemo();
});

// biome-ignore lint/suspicious/noExplicitAny: loosely typed response JSON in assertions
type Json = Record<string, any>;
const UA = 'Stint tests (tests@example.com)';

function call(path: string, init: { method?: string; body?: unknown; token?: string; account?: number | null } = {}) {
  const headers: Record<string, string> = { 'User-Agent': UA, Authorization: `Bearer ${init.token ?? demo.token}` };
  if (init.account !== null) headers['Harvest-Account-Id'] = String(init.account ?? demo.accountId);
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(lb.base + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
async function ok(path: string, init: Parameters<typeof call>[1] = {}): Promise<Json> {
  const res = await call(path, init);
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Json;
}
const timer = (o: Json = {}) => ({
  project_id: demo.projects.difference.id,
  task_id: demo.taskIds.programming,
  spent_date: '2024-05-06',
  ...o,
});
const INVALID = {
  error: 'invalid_token',
  error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};

describe('auth', () => {
  it('rejects a missing, unknown, revoked or expired token and a missing account id with the documented 401 body', async () => {
    for (const res of [
      await fetch(`${lb.base}/v2/users/me`, { headers: { 'User-Agent': UA, 'Harvest-Account-Id': String(demo.accountId) } }),
      await call('/v2/users/me', { token: 'nope' }),
      await call('/v2/users/me', { account: null }),
      await call('/v2/users/me', { account: 42 }),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(INVALID);
    }
    const short = emu.createToken(demo.identityId, { expiresInSec: 60 });
    expect((await call('/v2/users/me', { token: short })).status).toBe(200);
    emu.clock.advance(60_000);
    expect((await call('/v2/users/me', { token: short })).status).toBe(401);
    emu.expireToken(demo.token);
    expect((await call('/v2/users/me')).status).toBe(401);
    const other = emu.createToken(demo.identityId);
    emu.revokeToken(other);
    expect((await call('/v2/users/me', { token: other })).status).toBe(401);
  });

  it('accepts access_token/account_id query parameters and requires a User-Agent', async () => {
    const res = await fetch(`${lb.base}/v2/users/me?access_token=${demo.token}&account_id=${demo.accountId}`, {
      headers: { 'User-Agent': UA },
    });
    expect(res.status).toBe(200);
    const noUa = await emu.process({
      method: 'GET',
      url: '/v2/users/me',
      headers: { authorization: `Bearer ${demo.token}`, 'harvest-account-id': String(demo.accountId) },
      body: '',
    });
    expect(noUa.kind === 'response' && noUa.response.status).toBe(400);
  });

  it('serves /v2/users/me, /v2/company and Harvest ID accounts', async () => {
    const me = await ok('/v2/users/me');
    expect(me).toMatchObject({
      id: demo.userId,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: demo.email,
      access_roles: ['administrator'],
    });
    expect(await ok('/v2/company')).toMatchObject({
      name: 'Analytical Engines Ltd',
      wants_timestamp_timers: false,
      clock: '12h',
      weekly_capacity: 126000,
    });
    const forecast = emu.addAccount({ name: 'Forecast Co', product: 'forecast' });
    emu.addMembership(demo.identityId, forecast.id);
    const res = await fetch(`${lb.base}/api/v2/accounts`, { headers: { Authorization: `Bearer ${demo.token}`, 'User-Agent': UA } });
    const body = (await res.json()) as Json;
    expect(body.user).toEqual({ id: demo.identityId, first_name: 'Ada', last_name: 'Lovelace', email: demo.email });
    expect(body.accounts).toEqual([
      { id: demo.accountId, name: 'Analytical Engines Ltd', product: 'harvest' },
      { id: forecast.id, name: 'Forecast Co', product: 'forecast' },
    ]);
    expect((await call('/v2/users/me', { account: forecast.id })).status).toBe(401);
    expect((await fetch(`${lb.base}/api/v2/accounts`, { headers: { Authorization: 'Bearer bad' } })).status).toBe(401);
  });
});

describe('project assignments', () => {
  it('lists active assignments with task assignments', async () => {
    const body = await ok('/v2/users/me/project_assignments');
    expect(body.project_assignments.map((p: Json) => p.project.name)).toEqual(['Difference Engine', 'Analytical Engine']);
    expect(body.project_assignments[0]).toMatchObject({
      is_active: true,
      project: { id: demo.projects.difference.id, name: 'Difference Engine', code: 'DE' },
      client: { id: demo.clientIds.babbage, name: 'Babbage & Co' },
      task_assignments: [
        {
          id: demo.projects.difference.taskAssignments[0]?.id,
          task: { id: demo.taskIds.programming, name: 'Programming' },
          is_active: true,
          billable: true,
        },
        { task: { id: demo.taskIds.design, name: 'Design' }, is_active: true, billable: false },
      ],
    });
  });

  it('paginates thousands of projects and its links can be followed', async () => {
    emu.addProjects(demo.accountId, 4998, { namePrefix: 'Bulk' });
    const first = await ok('/v2/users/me/project_assignments');
    expect(first).toMatchObject({ page: 1, per_page: 2000, total_pages: 3, total_entries: 5000, next_page: 2, previous_page: null });
    expect(first.project_assignments).toHaveLength(2000);
    expect(first.links).toEqual({
      first: `${lb.base}/v2/users/me/project_assignments?page=1&per_page=2000`,
      next: `${lb.base}/v2/users/me/project_assignments?page=2&per_page=2000`,
      previous: null,
      last: `${lb.base}/v2/users/me/project_assignments?page=3&per_page=2000`,
    });
    const last = await ok(first.links.last.slice(lb.base.length));
    expect(last).toMatchObject({ page: 3, next_page: null, previous_page: 2 });
    expect(last.project_assignments).toHaveLength(1000);
    const small = await ok('/v2/users/me/project_assignments?per_page=3&page=2');
    expect(small).toMatchObject({ page: 2, total_pages: 1667, next_page: 3, previous_page: 1 });
    expect((await call('/v2/users/me/project_assignments?per_page=2001')).status).toBe(422);
  });
});

describe('time entries (duration account)', () => {
  it('creates a running timer, keeps one running per user, stops and restarts', async () => {
    const a = await ok('/v2/time_entries', { method: 'POST', body: timer({ notes: 'first' }) });
    expect(a).toMatchObject({ is_running: true, hours: 0, timer_started_at: '2024-05-06T09:00:00Z', started_time: null, notes: 'first' });
    expect(a).toMatchObject({
      user: { id: demo.userId, name: 'Ada Lovelace' },
      project: { id: demo.projects.difference.id, name: 'Difference Engine', code: 'DE' },
    });
    emu.clock.advance(30 * 60_000);
    expect(await ok(`/v2/time_entries/${a.id}`)).toMatchObject({ hours: 0.5, hours_without_timer: 0, is_running: true });
    const b = await ok('/v2/time_entries', { method: 'POST', body: timer({ task_id: demo.taskIds.design }) });
    expect(b.is_running).toBe(true);
    expect(await ok(`/v2/time_entries/${a.id}`)).toMatchObject({ is_running: false, hours: 0.5, timer_started_at: null });
    expect((await ok('/v2/time_entries?is_running=true')).time_entries.map((e: Json) => e.id)).toEqual([b.id]);

    emu.clock.advance(15 * 60_000);
    expect(await ok(`/v2/time_entries/${b.id}/stop`, { method: 'PATCH' })).toMatchObject({ is_running: false, hours: 0.25 });
    const again = await call(`/v2/time_entries/${b.id}/stop`, { method: 'PATCH' });
    expect(again.status).toBe(422);
    expect(await again.json()).toHaveProperty('message');

    const restarted = await ok(`/v2/time_entries/${a.id}/restart`, { method: 'PATCH' });
    expect(restarted).toMatchObject({ id: a.id, is_running: true, hours_without_timer: 0.5 });
    expect((await call(`/v2/time_entries/${a.id}/restart`, { method: 'PATCH' })).status).toBe(422);
    emu.clock.advance(6 * 60_000);
    expect(await ok(`/v2/time_entries/${a.id}`)).toMatchObject({ hours: 0.6 });
    expect(emu.timeEntries({ running: true }).map((e) => e.id)).toEqual([a.id]);
  });

  it('creates via duration, updates, filters, deletes', async () => {
    const ref = { id: 'gh-42', group_id: 'acme/app', account_id: 'acme', permalink: 'https://github.com/acme/app/issues/42' };
    const e = await ok('/v2/time_entries', { method: 'POST', body: timer({ hours: 1.5, external_reference: ref }) });
    expect(e).toMatchObject({
      is_running: false,
      hours: 1.5,
      rounded_hours: 1.5,
      notes: null,
      external_reference: { ...ref, service: 'github.com' },
    });
    await ok('/v2/time_entries', { method: 'POST', body: timer({ hours: 2, spent_date: '2024-05-01' }) });
    emu.clock.advance(1000);
    const patched = await ok(`/v2/time_entries/${e.id}`, { method: 'PATCH', body: { notes: 'edited', hours: 2.25 } });
    expect(patched).toMatchObject({ notes: 'edited', hours: 2.25, updated_at: '2024-05-06T09:00:01Z' });
    expect((await ok('/v2/time_entries?external_reference_id=gh-42')).time_entries.map((x: Json) => x.id)).toEqual([e.id]);
    expect((await ok('/v2/time_entries?from=2024-05-02&to=2024-05-31')).total_entries).toBe(1);
    expect((await ok('/v2/time_entries?updated_since=2024-05-06T09:00:01Z')).total_entries).toBe(1);
    expect((await ok(`/v2/time_entries?user_id=${demo.userId}`)).time_entries.map((x: Json) => x.spent_date)).toEqual([
      '2024-05-06',
      '2024-05-01',
    ]);

    const del = await call(`/v2/time_entries/${e.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.text()).toBe('');
    const gone = await call(`/v2/time_entries/${e.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ status: 404, error: 'Not Found' });
  });

  it('accepts form-encoded bodies', async () => {
    const res = await fetch(`${lb.base}/v2/time_entries`, {
      method: 'POST',
      headers: { 'User-Agent': UA, Authorization: `Bearer ${demo.token}`, 'Harvest-Account-Id': String(demo.accountId) },
      body: new URLSearchParams({
        project_id: String(demo.projects.analytical.id),
        task_id: String(demo.taskIds.meetings),
        spent_date: '2024-05-06',
        hours: '0.75',
        'external_reference[id]': 'T-1',
      }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ hours: 0.75, external_reference: { id: 'T-1' } });
  });

  it('answers 422 with a message for invalid writes', async () => {
    const cases: Array<[Json, RegExp]> = [
      [
        { project_id: undefined, task_id: undefined, spent_date: undefined },
        /Project can't be blank, Task can't be blank, Spent date can't be blank/,
      ],
      [{ task_id: demo.taskIds.meetings }, /Task is not assigned to this project/],
      [{ project_id: demo.projects.archived.id }, /archived/],
      [{ project_id: 12345 }, /Project not found/],
      [{ spent_date: '2024-13-01' }, /Spent date/],
      [{ hours: -1 }, /Hours/],
    ];
    for (const [patch, message] of cases) {
      const res = await call('/v2/time_entries', { method: 'POST', body: timer(patch) });
      expect(res.status).toBe(422);
      expect(((await res.json()) as Json).message).toMatch(message);
    }
    emu.archiveTask(demo.taskIds.programming);
    expect((await call('/v2/time_entries', { method: 'POST', body: timer() })).status).toBe(422);
    expect(emu.timeEntries()).toHaveLength(0);
  });

  it('scopes members to their own entries', async () => {
    const bob = emu.addUser({ accountId: demo.accountId, firstName: 'Bob' });
    emu.assign(bob.userId, demo.projects.difference.id);
    const adas = await ok('/v2/time_entries', { method: 'POST', body: timer({ hours: 1 }) });
    expect((await call(`/v2/time_entries/${adas.id}`, { token: bob.token })).status).toBe(404);
    expect((await ok('/v2/time_entries', { token: bob.token })).total_entries).toBe(0);
    expect((await call('/v2/time_entries', { method: 'POST', token: bob.token, body: timer({ user_id: demo.userId }) })).status).toBe(403);
    const bobs = await ok('/v2/time_entries', { method: 'POST', body: timer({ user_id: bob.userId, hours: 2 }) });
    expect(bobs.user.id).toBe(bob.userId);
    expect((await ok('/v2/time_entries')).total_entries).toBe(2);
  });
});

describe('time entries (timestamp account)', () => {
  it('tracks via start and end time in the account clock format', async () => {
    emu.reset();
    demo = emu.seedDemo({ timestamp: true });
    expect(await ok('/v2/company')).toMatchObject({ wants_timestamp_timers: true, clock: '12h' });
    const run = await ok('/v2/time_entries', { method: 'POST', body: timer() });
    expect(run).toMatchObject({ is_running: true, started_time: '9:00am', ended_time: null });
    emu.clock.advance(90 * 60_000);
    expect(await ok(`/v2/time_entries/${run.id}/stop`, { method: 'PATCH' })).toMatchObject({
      is_running: false,
      started_time: '9:00am',
      ended_time: '10:30am',
      hours: 1.5,
    });
    const fixed = await ok('/v2/time_entries', { method: 'POST', body: timer({ started_time: '1:00pm', ended_time: '2:15pm' }) });
    expect(fixed).toMatchObject({ is_running: false, hours: 1.25, started_time: '1:00pm', ended_time: '2:15pm' });
    expect((await call('/v2/time_entries', { method: 'POST', body: timer({ started_time: '3pm', ended_time: '2pm' }) })).status).toBe(422);
    const restarted = await ok(`/v2/time_entries/${run.id}/restart`, { method: 'PATCH' });
    expect(restarted).toMatchObject({ is_running: true, started_time: '10:30am' });
    expect(restarted.id).not.toBe(run.id);

    emu.updateAccount(demo.accountId, { clock: '24h' });
    expect(await ok(`/v2/time_entries/${fixed.id}`)).toMatchObject({ started_time: '13:00', ended_time: '14:15' });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After in whole seconds after 100 requests per 15 s', async () => {
    for (let i = 0; i < 100; i++) expect((await call('/v2/users/me')).status).toBe(200);
    const res = await call('/v2/users/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('15');
    expect(emu.retryAfterMs(demo.token)).toBe(15_000);
    emu.clock.advance(10_000);
    expect((await call('/v2/users/me')).headers.get('retry-after')).toBe('5');
    const other = emu.createToken(demo.identityId);
    expect((await call('/v2/users/me', { token: other })).status).toBe(200);
    emu.clock.advance(5_000);
    expect((await call('/v2/users/me')).status).toBe(200);
  });

  it('supports a time-scaled window with fractional Retry-After', async () => {
    emu.setRateLimit({ limit: 10, windowMs: 1500, retryAfter: 'fractional' });
    for (let i = 0; i < 10; i++) {
      expect((await call('/v2/users/me')).status).toBe(200);
      emu.clock.advance(100);
    }
    const res = await call('/v2/users/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('0.500');
    emu.clock.advance(500);
    expect((await call('/v2/users/me')).status).toBe(200);
  });
});

describe('fault injection', () => {
  const post = (o: Json = {}) => call('/v2/time_entries', { method: 'POST', body: timer({ hours: 1, ...o }) });
  const POSTS = { method: 'POST', path: '/v2/time_entries' };

  it('adds fixed latency', async () => {
    emu.faults.setLatency(60);
    const started = Date.now();
    expect((await call('/v2/users/me')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('answers the next N matching requests with a 5xx and applies nothing', async () => {
    emu.faults.failNext(2, { ...POSTS, status: 503 });
    expect((await call('/v2/users/me')).status).toBe(200);
    const failed = await post();
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toContain('text/html');
    expect((await post()).status).toBe(503);
    expect(emu.timeEntries()).toHaveLength(0);
    expect((await post()).status).toBe(201);
    emu.faults.failNext(1, { method: 'PATCH', path: '/v2/time_entries/:id/stop' });
    expect((await call('/v2/time_entries/1/stop', { method: 'PATCH' })).status).toBe(500);
  });

  it('drops the connection without applying the write', async () => {
    emu.faults.dropNext(1, POSTS);
    await expect(post()).rejects.toThrow(TypeError);
    expect(emu.timeEntries()).toHaveLength(0);
    expect(emu.log.filter(POSTS).map((r) => r.outcome)).toEqual(['dropped']);
    expect((await post()).status).toBe(201);
  });

  it('commits then drops: the entry exists although the client saw a network error', async () => {
    emu.faults.commitThenDrop(1, POSTS);
    await expect(post({ external_reference: { id: 'JIRA-7' } })).rejects.toThrow(TypeError);
    expect(emu.timeEntries()).toHaveLength(1);
    const found = await ok('/v2/time_entries?external_reference_id=JIRA-7');
    expect(found.total_entries).toBe(1);
    expect(emu.log.count(POSTS)).toBe(1);
    expect(emu.log.byRoute()).toEqual({ 'POST /v2/time_entries': 1, 'GET /v2/time_entries': 1 });
  });

  it('goes fully down (drop or 503) and comes back', async () => {
    emu.faults.setDown('drop');
    await expect(call('/v2/users/me')).rejects.toThrow(TypeError);
    emu.faults.setDown(503);
    expect((await call('/v2/users/me')).status).toBe(503);
    expect((await fetch(`${lb.base}/api/v2/accounts`, { headers: { Authorization: `Bearer ${demo.token}` } })).status).toBe(503);
    emu.faults.setDown(false);
    expect((await call('/v2/users/me')).status).toBe(200);
  });

  it('storms 429s regardless of the real limit, then recovers', async () => {
    emu.faults.rateLimitStorm(3, { retryAfterSec: 2 });
    for (let i = 0; i < 3; i++) {
      const res = await call('/v2/users/me');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
    }
    expect((await call('/v2/users/me')).status).toBe(200);
    expect(emu.log.filter({ path: '/v2/users/me' }).map((r) => r.outcome)).toEqual([429, 429, 429, 200]);
  });

  it('expires a token now', async () => {
    expect((await call('/v2/users/me')).status).toBe(200);
    emu.expireToken(demo.token);
    expect(await (await call('/v2/users/me')).json()).toEqual(INVALID);
  });

  it('also works in-process through emu.fetch, with canonical URLs', async () => {
    const headers = { Authorization: `Bearer ${demo.token}`, 'Harvest-Account-Id': String(demo.accountId) };
    const res = await emu.fetch('https://api.harvestapp.com/v2/users/me/project_assignments?per_page=1', { headers });
    expect(((await res.json()) as Json).links.next).toBe('https://api.harvestapp.com/v2/users/me/project_assignments?page=2&per_page=1');
    emu.faults.dropNext(1);
    await expect(emu.fetch('https://api.harvestapp.com/v2/users/me', { headers })).rejects.toThrow('fetch failed');
  });

  it('resets to deterministic ids', async () => {
    const first = (await ok('/v2/time_entries', { method: 'POST', body: timer({ hours: 1 }) })).id;
    emu.reset();
    demo = emu.seedDemo();
    expect(emu.log.entries).toHaveLength(0);
    expect((await ok('/v2/time_entries', { method: 'POST', body: timer({ hours: 1 }) })).id).toBe(first);
  });
});
