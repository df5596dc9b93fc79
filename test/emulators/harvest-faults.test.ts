// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { base, call, demo, emu, INVALID, type Json, ok, serveHarvest, setDemo, timer } from './harvest/client';

// The Harvest emulator: its rate limit and fault injection.
serveHarvest();

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
    expect((await fetch(`${base()}/api/v2/accounts`, { headers: { Authorization: `Bearer ${demo.token}` } })).status).toBe(503);
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
    setDemo(emu.seedDemo());
    expect(emu.log.entries).toHaveLength(0);
    expect((await ok('/v2/time_entries', { method: 'POST', body: timer({ hours: 1 }) })).id).toBe(first);
  });
});
