// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { base, call, demo, emu, type Json, ok, serveHarvest, setDemo, timer, UA } from './harvest/client';

// The Harvest emulator: time entries, in duration and timestamp accounts.
serveHarvest();

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
    const res = await fetch(`${base()}/v2/time_entries`, {
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
    setDemo(emu.seedDemo({ timestamp: true }));
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
