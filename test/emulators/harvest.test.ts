// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { base, call, demo, emu, INVALID, type Json, ok, serveHarvest, UA } from './harvest/client';

// The Harvest emulator: auth and project assignments (entries: harvest-entries.test.ts; limits and faults: harvest-faults.test.ts).
serveHarvest();

describe('auth', () => {
  it('rejects a missing, unknown, revoked or expired token and a missing account id with the documented 401 body', async () => {
    for (const res of [
      await fetch(`${base()}/v2/users/me`, { headers: { 'User-Agent': UA, 'Harvest-Account-Id': String(demo.accountId) } }),
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
    const res = await fetch(`${base()}/v2/users/me?access_token=${demo.token}&account_id=${demo.accountId}`, {
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
    const res = await fetch(`${base()}/api/v2/accounts`, { headers: { Authorization: `Bearer ${demo.token}`, 'User-Agent': UA } });
    const body = (await res.json()) as Json;
    expect(body.user).toEqual({ id: demo.identityId, first_name: 'Ada', last_name: 'Lovelace', email: demo.email });
    expect(body.accounts).toEqual([
      { id: demo.accountId, name: 'Analytical Engines Ltd', product: 'harvest' },
      { id: forecast.id, name: 'Forecast Co', product: 'forecast' },
    ]);
    expect((await call('/v2/users/me', { account: forecast.id })).status).toBe(401);
    expect((await fetch(`${base()}/api/v2/accounts`, { headers: { Authorization: 'Bearer bad' } })).status).toBe(401);
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
      first: `${base()}/v2/users/me/project_assignments?page=1&per_page=2000`,
      next: `${base()}/v2/users/me/project_assignments?page=2&per_page=2000`,
      previous: null,
      last: `${base()}/v2/users/me/project_assignments?page=3&per_page=2000`,
    });
    const last = await ok(first.links.last.slice(base().length));
    expect(last).toMatchObject({ page: 3, next_page: null, previous_page: 2 });
    expect(last.project_assignments).toHaveLength(1000);
    const small = await ok('/v2/users/me/project_assignments?per_page=3&page=2');
    expect(small).toMatchObject({ page: 2, total_pages: 1667, next_page: 3, previous_page: 1 });
    expect((await call('/v2/users/me/project_assignments?per_page=2001')).status).toBe(422);
  });
});
