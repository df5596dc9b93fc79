// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { togglAuthMessage, togglBucket, togglQuota } from './toggl';
import { at, clock, demo, emu, failure, provider, setClock, stopped, useToggl } from './toggl.fixture';

/** Toggl's quotas and refusals as the client sees them: which quota a request spends, and each error of the right kind. */
useToggl();

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
    setClock(clock + 600_000);
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
