// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../core/time';
import { HARVEST_USER_AGENT } from './harvest';
import { at, DAY, failure, input, lastBody, setup, TASK } from './harvest.fixture';

// The Harvest client: identity, assignments, writes (lost creates and errors: harvest-errors.test.ts).

describe('identity', () => {
  it('duration account: user, company name and clock; the company is asked once', async () => {
    const { emu, demo, provider } = setup();
    const expected = {
      userId: String(demo.userId),
      userName: 'Ada Lovelace',
      accountId: String(demo.accountId),
      accountName: 'Analytical Engines Ltd',
    };
    expect(await provider.identity()).toEqual({ ...expected, timestampTimers: false, clock: '12h' });
    await provider.identity();
    expect(emu.log.count({ path: '/v2/company' })).toBe(1);
    expect(emu.log.count({ path: '/v2/users/me' })).toBe(2);
  });

  it('start/end account with a 24h clock', async () => {
    const { provider } = setup({ timestamp: true, clock: '24h' });
    expect(await provider.identity()).toMatchObject({ timestampTimers: true, clock: '24h' });
  });

  it('falls back to duration tracking when the company is off limits (403)', async () => {
    const { emu, demo, provider } = setup({ timestamp: true });
    emu.faults.failNext(1, { path: '/v2/company', status: 403, body: '{"message":"Admins only"}', contentType: 'application/json' });
    expect(await provider.identity()).toMatchObject({ accountName: `Harvest account ${demo.accountId}`, timestampTimers: false });
  });

  it('sends the documented headers', async () => {
    const seen: Headers[] = [];
    const spy: typeof fetch = (url, init) => {
      seen.push(new Headers(init?.headers));
      return emu.fetch(url as string, init);
    };
    const { emu, demo, provider } = setup({ fetch: spy });
    await provider.identity();
    const h = seen[0] as Headers;
    expect(h.get('authorization')).toBe(`Bearer ${demo.token}`);
    expect(h.get('harvest-account-id')).toBe(String(demo.accountId));
    expect(h.get('user-agent')).toBe(HARVEST_USER_AGENT);
    expect(h.get('content-type')).toBe('application/json');
  });
});

describe('assignments', () => {
  it('follows links.next across pages and keeps active assignments and task assignments only', async () => {
    const { emu, demo, provider } = setup({ emu: { maxPerPage: 2 } });
    emu.addProjects(demo.accountId, 5, { tasks: [demo.taskIds.programming] });
    emu.setTaskAssignment(demo.projects.difference.id, demo.taskIds.design, { isActive: false });
    const extra = emu.addProject(demo.accountId, { name: 'Unassigned' });
    emu.unassign(demo.userId, extra.id);
    const list = await provider.assignments();
    expect(emu.log.count({ path: '/v2/users/me/project_assignments' })).toBe(4); // 7 active assignments, 2 per page
    expect(list).toHaveLength(1 + 2 + 5);
    expect(list).toContainEqual({
      projectId: String(demo.projects.difference.id),
      projectName: 'Difference Engine',
      projectCode: 'DE',
      clientName: 'Babbage & Co',
      taskId: String(demo.taskIds.programming),
      taskName: 'Programming',
      billable: true,
    });
    expect(list).toContainEqual(expect.objectContaining({ projectName: 'Analytical Engine', taskName: 'Meetings', billable: false }));
    expect(list.some((a) => a.taskName === 'Design' || a.projectName === 'Old Mill' || a.projectName === 'Unassigned')).toBe(false);
  });

  it('refuses a pagination link that leaves api.harvestapp.com (it would receive the token)', async () => {
    const asked: string[] = [];
    const evil: typeof fetch = async (url, init) => {
      asked.push(String(url));
      const res = await emu.fetch(url as string, init);
      if (!String(url).includes('project_assignments')) return res;
      const body = await res.json();
      return Response.json({ ...body, links: { ...body.links, next: 'https://evil.example/v2/users/me/project_assignments?page=2' } });
    };
    const { emu, provider } = setup({ fetch: evil });
    const err = await failure(provider.assignments());
    expect(err.kind).toBe('invalid-response');
    expect(asked.some((u) => u.includes('evil.example'))).toBe(false);
  });
});

describe('create', () => {
  it('duration account, running: no hours, the task reference and notes', async () => {
    const { emu, demo, provider } = setup();
    const remote = await provider.create(input(demo, { running: true, startedAt: at(10) }));
    const body = lastBody(emu, 'POST', '/v2/time_entries');
    expect(body).toEqual({
      project_id: demo.projects.difference.id,
      task_id: demo.taskIds.programming,
      spent_date: DAY,
      notes: '#42 Fix the difference engine',
      external_reference: { id: '42', group_id: 'stint-time/stint', permalink: TASK.url },
    });
    expect(remote).toMatchObject({
      running: true,
      durationMs: 0,
      startedAt: at(10),
      externalId: '42',
      notes: '#42 Fix the difference engine',
      day: DAY,
    });
    expect(remote.createdAt).toBe(at(10));
    expect(emu.timeEntry(Number(remote.remoteId))?.external_reference).toMatchObject({
      id: '42',
      group_id: 'stint-time/stint',
      permalink: TASK.url,
      service: 'github.com',
    });
  });

  it('duration account, stopped: decimal hours', async () => {
    const { emu, demo, provider } = setup();
    const remote = await provider.create(input(demo, { durationMs: 95 * MINUTE, task: undefined }));
    expect(lastBody(emu, 'POST', '/v2/time_entries')).toMatchObject({ hours: 1.58 });
    expect(lastBody(emu, 'POST', '/v2/time_entries').external_reference).toBeUndefined();
    expect(remote).toMatchObject({ running: false, durationMs: Math.round(1.58 * HOUR), startedAt: null });
    expect(remote.externalId).toBeUndefined();
  });

  it('start/end account, running: started_time in local time, no ended_time', async () => {
    const { emu, demo, provider } = setup({ timestamp: true });
    const remote = await provider.create(input(demo, { running: true, startedAt: at(9, 30) }));
    const body = lastBody(emu, 'POST', '/v2/time_entries');
    expect(body.started_time).toBe('9:30am');
    expect(body).not.toHaveProperty('ended_time');
    expect(body).not.toHaveProperty('hours');
    expect(remote).toMatchObject({ running: true, startedAt: at(9, 30), durationMs: 0.5 * HOUR });
  });

  it('start/end account, stopped range: started_time + ended_time (12h and 24h clocks)', async () => {
    const twelve = setup({ timestamp: true });
    const range = { startedAt: at(13, 0), endedAt: at(14, 30), durationMs: 90 * MINUTE };
    const r12 = await twelve.provider.create(input(twelve.demo, range));
    expect(lastBody(twelve.emu, 'POST', '/v2/time_entries')).toMatchObject({ started_time: '1:00pm', ended_time: '2:30pm' });
    expect(r12).toMatchObject({ running: false, startedAt: at(13), durationMs: 1.5 * HOUR });
    const day = setup({ timestamp: true, clock: '24h' });
    await day.provider.create(input(day.demo, { ...range, startedAt: at(9, 5), endedAt: at(10, 35) }));
    expect(lastBody(day.emu, 'POST', '/v2/time_entries')).toMatchObject({ started_time: '09:05', ended_time: '10:35' });
  });

  it('start/end account, plain duration: hours', async () => {
    const { emu, demo, provider } = setup({ timestamp: true });
    const remote = await provider.create(input(demo, { durationMs: 45 * MINUTE }));
    expect(lastBody(emu, 'POST', '/v2/time_entries')).toMatchObject({ hours: 0.75 });
    expect(remote).toMatchObject({ running: false, durationMs: 0.75 * HOUR });
  });

  it('a meeting: start and end on start/end accounts; hours with the range in the notes on duration-only ones', async () => {
    const meeting = { ...TASK, id: 'ev1', meeting: true };
    const range = { startedAt: at(9, 0), endedAt: at(9, 45), durationMs: 45 * MINUTE, task: meeting, notes: 'Standup' };
    const timed = setup({ timestamp: true });
    await timed.provider.create(input(timed.demo, range));
    expect(lastBody(timed.emu, 'POST', '/v2/time_entries')).toMatchObject({
      started_time: '9:00am',
      ended_time: '9:45am',
      notes: 'Standup',
    });
    const hours = setup();
    const remote = await hours.provider.create(input(hours.demo, range));
    const body = lastBody(hours.emu, 'POST', '/v2/time_entries');
    expect(body).toMatchObject({ hours: 0.75, notes: 'Standup (9:00am–9:45am)' });
    expect(body).not.toHaveProperty('started_time');
    expect(remote).toMatchObject({ notes: 'Standup (9:00am–9:45am)', durationMs: 0.75 * HOUR });
    // An update writes the same; an entry that is not a meeting keeps its notes as typed.
    await hours.provider.update(
      remote.remoteId,
      input(hours.demo, { ...range, notes: 'Standup, short', endedAt: at(9, 30), durationMs: 30 * MINUTE }),
    );
    expect(lastBody(hours.emu, 'PATCH', /time_entries\/\d+$/)).toMatchObject({ hours: 0.5, notes: 'Standup, short (9:00am–9:30am)' });
    await hours.provider.create(input(hours.demo, { ...range, task: TASK }));
    expect(lastBody(hours.emu, 'POST', '/v2/time_entries')).toMatchObject({ hours: 0.75, notes: 'Standup' });
  });

  it('refuses an entry without a Harvest project/task before sending anything', async () => {
    const { emu, demo, provider } = setup();
    const err = await failure(provider.create(input(demo, { projectId: '', durationMs: HOUR })));
    expect(err.kind).toBe('rejected');
    expect(emu.log.count({ method: 'POST' })).toBe(0);
  });
});

describe('stop, update, remove, running', () => {
  it('stops a running timer; stopping it again returns the stopped entry', async () => {
    const { emu, demo, provider } = setup();
    const created = await provider.create(input(demo, { running: true, startedAt: at(10) }));
    emu.clock.advance(30 * MINUTE);
    const stopped = await provider.stop(created.remoteId, input(demo, { startedAt: at(10), endedAt: at(10, 30), durationMs: 30 * MINUTE }));
    expect(stopped).toMatchObject({ remoteId: created.remoteId, running: false, durationMs: 0.5 * HOUR });
    const again = await provider.stop(created.remoteId, input(demo, { startedAt: at(10), endedAt: at(10, 30), durationMs: 30 * MINUTE }));
    expect(again).toEqual(stopped);
    expect(emu.log.byRoute()).toMatchObject({ 'PATCH /v2/time_entries/:id/stop': 2, 'GET /v2/time_entries/:id': 1 });
  });

  it('a stop made earlier (offline) keeps the local duration: duration and start/end accounts', async () => {
    for (const timestamp of [false, true]) {
      const { emu, demo, provider } = setup({ timestamp });
      const created = await provider.create(input(demo, { running: true, startedAt: at(10) }));
      emu.clock.advance(HOUR);
      const stopped = await provider.stop(
        created.remoteId,
        input(demo, { startedAt: at(10), endedAt: at(10, 20), durationMs: 20 * MINUTE }),
      );
      expect(Math.abs(stopped.durationMs - 20 * MINUTE)).toBeLessThanOrEqual(36_000);
      expect(stopped.running).toBe(false);
      if (timestamp) expect(emu.timeEntry(Number(created.remoteId))).toMatchObject({ started_time: '10:00am', ended_time: '10:20am' });
    }
  });

  it('updates project, task, day, notes and duration', async () => {
    const { demo, provider } = setup();
    const created = await provider.create(input(demo, { durationMs: HOUR }));
    const changes = {
      projectId: String(demo.projects.analytical.id),
      taskId: String(demo.taskIds.meetings),
      notes: 'Planning',
      day: '2024-05-07',
      durationMs: 2 * HOUR,
    };
    const updated = await provider.update(created.remoteId, input(demo, changes));
    expect(updated).toMatchObject({ ...changes, remoteId: created.remoteId, running: false });
  });

  it('updates start and end times on a start/end account', async () => {
    const { emu, demo, provider } = setup({ timestamp: true });
    const created = await provider.create(input(demo, { startedAt: at(9), endedAt: at(10), durationMs: HOUR }));
    const updated = await provider.update(
      created.remoteId,
      input(demo, { startedAt: at(13), endedAt: at(14, 30), durationMs: 90 * MINUTE }),
    );
    expect(lastBody(emu, 'PATCH', /^\/v2\/time_entries\/\d+$/)).toMatchObject({ started_time: '1:00pm', ended_time: '2:30pm' });
    expect(updated).toMatchObject({ startedAt: at(13), durationMs: 1.5 * HOUR });
  });

  it('removes an entry; removing it again (404) is success', async () => {
    const { emu, demo, provider } = setup();
    const created = await provider.create(input(demo, { durationMs: HOUR }));
    await provider.remove(created.remoteId);
    expect(emu.timeEntry(Number(created.remoteId))).toBeUndefined();
    await expect(provider.remove(created.remoteId)).resolves.toBeUndefined();
    expect(emu.log.filter({ method: 'DELETE' }).map((r) => r.outcome)).toEqual([200, 404]);
  });

  it("running(): the user's own running entry or null", async () => {
    const { emu, demo, provider } = setup();
    const other = emu.addUser({ accountId: demo.accountId });
    emu.addTimeEntry({
      userId: other.userId,
      projectId: demo.projects.difference.id,
      taskId: demo.taskIds.programming,
      spentDate: DAY,
      timerStartedAt: at(9),
    });
    expect(await provider.running()).toBeNull();
    const created = await provider.create(input(demo, { running: true, startedAt: at(10) }));
    emu.clock.advance(15 * MINUTE);
    expect(await provider.running()).toMatchObject({
      remoteId: created.remoteId,
      running: true,
      startedAt: at(10),
      durationMs: 0.25 * HOUR,
    });
  });
});

describe('entriesBetween (the read-back timesheet)', () => {
  it("the user's entries of the days, both included, in one request; other users' and other days' left out", async () => {
    const { emu, demo, provider } = setup();
    const other = emu.addUser({ accountId: demo.accountId });
    const base = { projectId: demo.projects.difference.id, taskId: demo.taskIds.programming };
    emu.addTimeEntry({ ...base, userId: demo.userId, spentDate: '2024-05-05', hours: 1, notes: 'Sunday' });
    emu.addTimeEntry({ ...base, userId: demo.userId, spentDate: DAY, hours: 1.5, notes: 'Monday' });
    emu.addTimeEntry({ ...base, userId: demo.userId, spentDate: '2024-05-07', hours: 2, notes: 'Tuesday' });
    emu.addTimeEntry({ ...base, userId: other.userId, spentDate: DAY, hours: 3, notes: 'Not mine' });
    emu.log.clear();
    const list = await provider.entriesBetween?.('2024-05-05', DAY);
    expect(list?.map((e) => [e.day, e.notes, e.durationMs]).sort()).toEqual([
      ['2024-05-05', 'Sunday', HOUR],
      [DAY, 'Monday', 1.5 * HOUR],
    ]);
    expect(emu.log.filter({ method: 'GET', path: '/v2/time_entries' })).toHaveLength(1);
  });
});
