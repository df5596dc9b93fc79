import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../providers/http';
import { ProviderError } from '../providers/types';
import { createPacers, Pacer } from './pacer';

function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    /** A sleep that moves the clock instead of waiting. */
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe('Pacer', () => {
  it('lets a window’s worth of requests go, then waits until the first answer is a window old', () => {
    const c = clock();
    const p = new Pacer({ requests: 3, windowMs: 1000 }, c.now);
    for (let i = 0; i < 3; i++) {
      expect(p.delay()).toBe(0);
      const end = p.take();
      c.advance(10);
      end();
    }
    // Answers came at +10, +20, +30; now is +30: the first slot frees at +1010.
    expect(p.delay()).toBe(980);
    c.advance(980);
    expect(p.delay()).toBe(0);
  });

  it('counts requests still under way, and an ended request only once', () => {
    const c = clock();
    const p = new Pacer({ requests: 2, windowMs: 1000 }, c.now);
    const a = p.take();
    p.take();
    expect(p.delay()).toBeGreaterThan(0); // both in flight, none answered yet
    a();
    a();
    expect(p.delay()).toBe(1000);
  });

  it('is blocked by a Retry-After until it passes or the user retries', () => {
    const c = clock();
    const p = new Pacer({ requests: 100, windowMs: 15_000 }, c.now);
    p.block(5000);
    expect(p.delay()).toBe(5000);
    c.advance(2000);
    expect(p.delay()).toBe(3000);
    p.unblock();
    expect(p.delay()).toBe(0);
  });

  it('acquire waits its turn, and refuses a wait longer than allowed as a rate limit', async () => {
    const c = clock();
    const p = new Pacer({ requests: 1, windowMs: 1000 }, c.now);
    (await p.acquire(20_000, c.sleep))();
    const before = c.now();
    (await p.acquire(20_000, c.sleep))();
    expect(c.now() - before).toBe(1000);
    p.block(60_000);
    const err = await p.acquire(20_000, c.sleep).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'rate-limit', options: { retryAfterMs: 60_000 } });
  });
});

describe('createPacers', () => {
  it('keeps one pacer per account, with its provider’s default pace', () => {
    const pacers = createPacers();
    const a = pacers.get('toggl:1', 'toggl');
    expect(pacers.get('toggl:1', 'toggl')).toBe(a);
    expect(pacers.get('harvest:1', 'harvest')).not.toBe(a);
    for (let i = 0; i < 3; i++) a.take()();
    expect(a.delay()).toBeGreaterThan(3000); // Toggl: 3 per 3.3 s
    expect(pacers.get('harvest:1', 'harvest').delay()).toBe(0);
    expect([...pacers.all()]).toHaveLength(2);
  });

  it('gates every HTTP request of the account, each one counted, released once its answer is read or failed', async () => {
    const pacers = createPacers();
    const pacer = pacers.get('harvest:7', 'harvest');
    pacer.setPace({ requests: 1, windowMs: 60_000 });
    let seenInFlight = -1;
    const fetch = (async (url: string) => {
      seenInFlight = pacer.delay() > 0 ? 1 : 0;
      if (url.endsWith('/fail')) throw new TypeError('Failed to fetch');
      return new Response('{"ok":true}', { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const http = createHttpClient({ service: 'Harvest', fetch, gate: pacers.gate('harvest:7', 'harvest') });
    await http.send({ url: 'https://api.harvestapp.com/v2/users/me' });
    expect(seenInFlight).toBe(1); // its turn was taken while it was under way
    pacer.setPace({ requests: 2, windowMs: 60_000 });
    await expect(http.send({ url: 'https://api.harvestapp.com/fail' })).rejects.toMatchObject({ kind: 'network' });
    // Both requests counted (the failed one too, it may have reached the server): the window is full.
    expect(pacer.delay()).toBeGreaterThan(59_000);
    pacer.block(30_000);
    await expect(http.send({ url: 'https://api.harvestapp.com/v2/users/me' })).rejects.toMatchObject({ kind: 'rate-limit' });
  });
});
