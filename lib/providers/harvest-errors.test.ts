// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HOUR } from '../core/time';
import { harvestAuthMessage } from './harvest';
import { at, DAY, failure, input, setup, TASK } from './harvest.fixture';

// The Harvest client: finding lost creates, and how each failure is read.

describe('findCreated (lost create responses)', () => {
  it('finds exactly the entry a dropped create committed, across pages', async () => {
    const { emu, demo, provider } = setup({ emu: { maxPerPage: 2 } });
    const wanted = input(demo, { durationMs: HOUR });
    const base = {
      userId: demo.userId,
      projectId: demo.projects.difference.id,
      taskId: demo.taskIds.programming,
      spentDate: DAY,
      hours: 1,
    };
    emu.addTimeEntry({ ...base, notes: wanted.notes, externalReference: { id: '42' }, createdAt: at(9) }); // too old
    emu.addTimeEntry({ ...base, notes: 'Something else', externalReference: { id: '42' } });
    emu.addTimeEntry({ ...base, notes: wanted.notes, externalReference: { id: '42' }, timerStartedAt: at(10) }); // running
    const since = emu.clock.now();
    emu.faults.commitThenDrop(1, { method: 'POST', path: '/v2/time_entries' });
    expect((await failure(provider.create(wanted))).kind).toBe('network');
    const committed = String(emu.timeEntries()[0]?.id);
    const [found, ...extra] = await provider.findCreated(wanted, since, new Set());
    expect(extra).toEqual([]);
    expect(found).toMatchObject({ remoteId: committed, durationMs: HOUR, externalId: '42' });
    expect(emu.log.filter({ method: 'GET', path: '/v2/time_entries' }).every((r) => r.query.includes('external_reference_id=42'))).toBe(
      true,
    );
    expect(emu.log.count({ method: 'GET', path: '/v2/time_entries' })).toBe(2);
    expect(await provider.findCreated(wanted, since, new Set([committed]))).toEqual([]);
  });

  it('returns null when the dropped request never reached Harvest', async () => {
    const { emu, demo, provider } = setup();
    const wanted = input(demo, { running: true, startedAt: at(10) });
    emu.faults.dropNext(1, { method: 'POST', path: '/v2/time_entries' });
    expect((await failure(provider.create(wanted))).kind).toBe('network');
    expect(await provider.findCreated(wanted, emu.clock.now(), new Set())).toEqual([]);
    expect(emu.timeEntries()).toHaveLength(0);
  });

  it('finds a meeting whose notes carry its range (duration-only account)', async () => {
    const { emu, demo, provider } = setup();
    const wanted = input(demo, { startedAt: at(9), endedAt: at(10), durationMs: HOUR, task: { ...TASK, meeting: true }, notes: 'Review' });
    emu.faults.commitThenDrop(1, { method: 'POST', path: '/v2/time_entries' });
    await failure(provider.create(wanted));
    const found = await provider.findCreated(wanted, emu.clock.now(), new Set());
    expect(found.map((e) => e.notes)).toEqual(['Review (9:00am–10:00am)']);
  });

  it('works for entries without a task reference', async () => {
    const { emu, demo, provider } = setup();
    const wanted = input(demo, { running: true, startedAt: at(10), task: undefined });
    emu.faults.commitThenDrop(1, { method: 'POST', path: '/v2/time_entries' });
    await failure(provider.create(wanted));
    expect((await provider.findCreated(wanted, emu.clock.now(), new Set()))[0]).toMatchObject({ running: true, notes: wanted.notes });
    expect(emu.log.filter({ method: 'GET', path: '/v2/time_entries' })[0]?.query).not.toContain('external_reference_id');
  });
});

describe('errors', () => {
  it('401: revoked or expired token → auth', async () => {
    const { emu, demo, provider } = setup();
    emu.revokeToken(demo.token);
    const err = await failure(provider.identity());
    expect(err).toMatchObject({ kind: 'auth', message: harvestAuthMessage(), options: { status: 401 } });
    const other = setup();
    other.emu.expireToken(other.demo.token);
    expect((await failure(other.provider.running())).kind).toBe('auth');
  });

  it("403 → forbidden with Harvest's message", async () => {
    const { emu, demo, provider } = setup();
    const id = emu.addTimeEntry({
      userId: demo.userId,
      projectId: demo.projects.difference.id,
      taskId: demo.taskIds.programming,
      spentDate: DAY,
      hours: 1,
      isLocked: true,
    });
    const err = await failure(provider.update(String(id), input(demo, { durationMs: 2 * HOUR })));
    expect(err).toMatchObject({ kind: 'forbidden', message: 'This time entry is locked and cannot be edited' });
  });

  it('404 → not-found', async () => {
    const { demo, provider } = setup();
    expect((await failure(provider.update('999999', input(demo, { durationMs: HOUR })))).kind).toBe('not-found');
  });

  it("422 → rejected with Harvest's message verbatim", async () => {
    const { demo, provider } = setup();
    const err = await failure(provider.create(input(demo, { projectId: String(demo.projects.archived.id), durationMs: HOUR })));
    expect(err).toMatchObject({ kind: 'rejected', message: 'Project is archived and cannot accept new time', options: { status: 422 } });
  });

  it('429 → rate-limit with Retry-After (storm, real limit, fractional)', async () => {
    const storm = setup();
    storm.emu.faults.rateLimitStorm(1, { retryAfterSec: 7 });
    expect(await failure(storm.provider.identity())).toMatchObject({ kind: 'rate-limit', options: { status: 429, retryAfterMs: 7000 } });
    const limited = setup({ emu: { rateLimit: { limit: 1 } } });
    expect(await failure(limited.provider.running())).toMatchObject({ kind: 'rate-limit', options: { retryAfterMs: 15_000 } });
    const fast = setup({ emu: { rateLimit: { limit: 1, windowMs: 1500, retryAfter: 'fractional' } } });
    expect(await failure(fast.provider.running())).toMatchObject({ kind: 'rate-limit', options: { retryAfterMs: 1500 } });
  });

  it('5xx → server', async () => {
    const { emu, demo, provider } = setup();
    emu.faults.failNext(1, { status: 502 });
    expect((await failure(provider.identity())).kind).toBe('server');
    emu.faults.setDown(503);
    const err = await failure(provider.create(input(demo, { durationMs: HOUR })));
    expect(err).toMatchObject({ kind: 'server', options: { status: 503, retryAfterMs: 60_000 } });
  });

  it('a body that is not JSON or not the documented shape → invalid-response naming the endpoint', async () => {
    const { emu, demo, provider } = setup();
    emu.faults.failNext(1, { status: 200, path: '/v2/users/me', body: 'not json' });
    const err = await failure(provider.identity());
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain('GET /v2/users/me');
    emu.faults.failNext(1, {
      status: 201,
      method: 'POST',
      path: '/v2/time_entries',
      body: '{"id":"abc"}',
      contentType: 'application/json',
    });
    const bad = await failure(provider.create(input(demo, { durationMs: HOUR })));
    expect(bad.kind).toBe('invalid-response');
    expect(bad.message).toContain('POST /v2/time_entries');
  });

  it('dropped connection or no answer in time → network', async () => {
    const { emu, provider } = setup();
    emu.faults.dropNext(1);
    expect((await failure(provider.running())).kind).toBe('network');
    const slow = setup({ timeoutMs: 20 });
    slow.emu.faults.setLatency(200);
    const err = await failure(slow.provider.identity());
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/did not answer/);
  });
});
