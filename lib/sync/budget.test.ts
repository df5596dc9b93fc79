import { describe, expect, it } from 'vitest';
import { formatClock } from '../i18n';
import { createHttpClient } from '../providers/http';
import { togglBucket, togglQuota } from '../providers/toggl';
import { ProviderError } from '../providers/types';
import { type BucketState, Budget, createBudgets, observe, POLL_MIN_GAP_MS, readsLeft, settle, spend } from './budget';
import { createPacers } from './pacer';

const HOUR = 3_600_000;
const MIN = 60_000;

function clock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const bucket = (o: Partial<BucketState> = {}): BucketState => ({ limit: 30, windowMs: HOUR, remaining: 30, resetAt: null, ...o });

describe('a bucket', () => {
  it('opens its window with the first request, counts down, and gives everything back when the window ends', () => {
    let b = bucket({ limit: 3, remaining: 3 });
    b = spend(b, 1000) as BucketState;
    expect(b).toMatchObject({ remaining: 2, resetAt: 1000 + HOUR });
    b = spend(b, 2000) as BucketState;
    b = spend(b, 3000) as BucketState;
    expect(b.remaining).toBe(0);
    expect(spend(b, 1000 + HOUR - 1)).toBeNull();
    expect(settle(b, 1000 + HOUR)).toMatchObject({ remaining: 3, resetAt: null });
    expect(spend(b, 1000 + HOUR)).toMatchObject({ remaining: 2, resetAt: 1000 + 2 * HOUR });
  });

  it('takes what the server says is left (less what is still in flight), and learns a bigger plan from it', () => {
    const b = spend(bucket(), 0) as BucketState;
    // Another app spent the same quota: the server has 10 left, 2 more of ours are under way.
    expect(observe(b, 5000, { remaining: 10, resetsInMs: 20 * MIN }, 2)).toMatchObject({
      remaining: 8,
      resetAt: 5000 + 20 * MIN,
      limit: 30,
    });
    // Assumed Free, but the organisation is on Premium.
    expect(observe(b, 5000, { remaining: 599, resetsInMs: HOUR }, 0)).toMatchObject({ remaining: 599, limit: 600 });
  });

  it('leaves a fifth of the limit to writes: reads stop there, writes do not', () => {
    expect(readsLeft(bucket({ remaining: 30 }), 0)).toBe(24);
    expect(readsLeft(bucket({ remaining: 6 }), 0)).toBe(0);
    expect(spend(bucket({ remaining: 6 }), 0)?.remaining).toBe(5);
  });
});

describe('an account’s budget', () => {
  it('Toggl: /me and the workspace are separate buckets of 30 an hour until the plan is known', () => {
    const c = clock();
    const b = new Budget('toggl', c.now);
    for (let i = 0; i < 30; i++) b.take('workspace')();
    expect(() => b.take('workspace')).toThrow(ProviderError);
    expect(() => b.take('me')).not.toThrow();
    b.setPlan('starter');
    expect(() => b.take('workspace')).not.toThrow(); // 240 an hour, 31 spent
    expect(b.snapshot().buckets.workspace).toMatchObject({ limit: 240, remaining: 209 });
  });

  it('refuses a request it cannot pay for, with the time the quota comes back', () => {
    const c = clock(Date.parse('2026-03-02T13:05:00'));
    const b = new Budget('toggl', c.now);
    b.take('me')({ status: 200, quota: { remaining: 0, resetsInMs: 20 * MIN + 30_000 }, retryAfterMs: null });
    c.advance(10 * MIN);
    const err = (() => {
      try {
        b.check('me');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'quota', options: { retryAfterMs: 10 * MIN + 30_000 } });
    // 13:25:30, rounded up to the minute: never earlier than the quota is back.
    expect((err as Error).message).toBe(`Toggl Track API quota used up until ${formatClock(Date.parse('2026-03-02T13:26:00'))}.`);
    c.advance(10 * MIN + 30_000);
    expect(() => b.check('me')).not.toThrow();
  });

  it('a 402 with no quota headers blocks the bucket for its Retry-After, or a minute', () => {
    const c = clock();
    const b = new Budget('toggl', c.now);
    b.take('workspace')({ status: 402, quota: null, retryAfterMs: 90_000 });
    expect(b.snapshot().buckets.workspace).toMatchObject({ remaining: 0, resetAt: c.now() + 90_000 });
    b.take('me')({ status: 402, quota: null, retryAfterMs: null });
    expect(b.snapshot().buckets.me).toMatchObject({ remaining: 0, resetAt: c.now() + 60_000 });
  });

  it('reads wait while only the writes’ reserve is left, and says when they may go again', () => {
    const c = clock();
    const b = new Budget('toggl', c.now);
    for (let i = 0; i < 23; i++) b.take('workspace')();
    expect(b.mayRead('assignments')).toBe(true);
    b.take('workspace')();
    expect(b.mayRead('assignments')).toBe(false);
    expect(b.mayRead('lookups')).toBe(true); // /me is another bucket
    expect(b.readableAt('assignments')).toBe(c.now() + HOUR);
    expect(b.heldBack('assignments').message).toMatch(/kept for syncing entries/);
    c.advance(HOUR);
    expect(b.mayRead('assignments')).toBe(true);
  });

  it('spreads polls of the remote timer over the hour: 70 chances, each admitted poll spends the /me budget', () => {
    const c = clock();
    const b = new Budget('toggl', c.now);
    const admitted: number[] = [];
    for (let i = 0; i < 70; i++) {
      if (b.admitPoll(i % 3 === 0 ? 'look' : 'focus')) {
        admitted.push(c.now());
        b.take('me')();
      }
      c.advance(HOUR / 70);
    }
    expect(admitted.length).toBeLessThanOrEqual(24); // 30 less the writes' reserve
    expect(admitted.length).toBeGreaterThanOrEqual(15);
    // Spread, not spent in a burst: the last one comes in the last quarter of the hour.
    expect((admitted.at(-1) ?? 0) - (admitted[0] ?? 0)).toBeGreaterThan(0.75 * HOUR);
  });

  it('focus changes never poll twice within POLL_MIN_GAP_MS; the popup looks whenever the budget allows (Harvest)', () => {
    const c = clock();
    const b = new Budget('harvest', c.now);
    expect(b.admitPoll('focus')).toBe(true);
    c.advance(1000);
    expect(b.admitPoll('look')).toBe(true);
    c.advance(POLL_MIN_GAP_MS - 1);
    expect(b.admitPoll('focus')).toBe(false);
    c.advance(1);
    expect(b.admitPoll('focus')).toBe(true);
  });

  it('says how long until a poll would be admitted (Harvest: 15 s over 80 reads left, 187.5 ms after the last)', () => {
    const c = clock();
    const b = new Budget('harvest', c.now);
    expect(b.pollWaitMs('look')).toBe(0);
    expect(b.admitPoll('look')).toBe(true);
    expect(b.pollWaitMs('look')).toBe(187.5);
    expect(b.pollWaitMs('focus')).toBe(POLL_MIN_GAP_MS);
    c.advance(187);
    expect(b.admitPoll('look')).toBe(false);
    c.advance(1);
    expect(b.pollWaitMs('look')).toBe(0);
    expect(b.admitPoll('look')).toBe(true);
  });

  it('the week read back on popup openings: the first at once, then spread wider than polls; it stands for a poll', () => {
    const c = clock();
    const b = new Budget('toggl', c.now);
    expect(b.admitReadback()).toBe(true);
    b.take('me')();
    // It was the look at the remote timer too: a focus poll right after waits its turn.
    expect(b.admitPoll('focus')).toBe(false);
    c.advance(5 * MIN);
    expect(b.admitReadback()).toBe(false); // 4 × 1 h / 23 reads left ≈ 10.4 min
    c.advance(6 * MIN);
    expect(b.admitReadback()).toBe(true);
    // Never from the writes' reserve: with only the reserve left, nothing is read back, however long ago the last.
    for (let i = 0; i < 23; i++) b.take('me')();
    c.advance(30 * MIN);
    expect(b.admitReadback()).toBe(false);
    // Harvest (100 per 15 s): every opening a second apart reads back.
    const h = new Budget('harvest', c.now);
    expect(h.admitReadback()).toBe(true);
    c.advance(1000);
    expect(h.admitReadback()).toBe(true);
  });

  it('Harvest and Clockify: one bucket, their documented limit; a time-scaled pace scales it', () => {
    const c = clock();
    const h = new Budget('harvest', c.now);
    expect(h.snapshot().buckets).toEqual({ token: { limit: 100, remaining: 100, resetAt: null } });
    h.setPace({ requests: 100, windowMs: 1500 });
    for (let i = 0; i < 100; i++) h.take()();
    expect(() => h.take()).toThrow(ProviderError);
    c.advance(1500);
    expect(() => h.take()).not.toThrow();
    expect(new Budget('clockify', c.now).snapshot().buckets).toEqual({ key: { limit: 50, remaining: 50, resetAt: null } });
    // Toggl's hourly buckets are not its pace: a scaled pace leaves them alone.
    const tg = new Budget('toggl', c.now);
    tg.setPace({ requests: 20, windowMs: 1000 });
    expect(tg.snapshot().buckets.me?.limit).toBe(30);
  });
});

describe('budgets across worker restarts', () => {
  it('are saved and read back (an MV3 worker stops after 30 s idle); an unreadable save is ignored', async () => {
    const c = clock();
    let stored: unknown;
    const store = {
      load: async () => stored,
      save: async (v: unknown) => {
        stored = v;
      },
    };
    const first = createBudgets({ now: c.now, store });
    const a = await first.get('toggl:1', 'toggl');
    a.setPlan('premium');
    a.take('me')({ status: 200, quota: { remaining: 7, resetsInMs: 30 * MIN }, retryAfterMs: null });
    expect(a.admitPoll()).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    const again = await createBudgets({ now: c.now, store }).get('toggl:1', 'toggl');
    expect(again.snapshot()).toEqual(a.snapshot());
    expect(again.admitPoll()).toBe(false); // polled just now, before the restart
    stored = { 'toggl:1': { plan: 3 } };
    expect((await createBudgets({ now: c.now, store }).get('toggl:1', 'toggl')).snapshot().buckets.me?.remaining).toBe(30);
  });
});

describe('the gate', () => {
  it('refuses before anything leaves when the budget is used up; reads the quota headers of every answer', async () => {
    const c = clock();
    const pacers = createPacers(c.now);
    pacers.get('toggl:1', 'toggl').setPace({ requests: 1000, windowMs: 1000 });
    const sent: string[] = [];
    let remaining = 2;
    const fetch = (async (url: string) => {
      sent.push(url);
      const headers = { 'X-Toggl-Quota-Remaining': String(remaining--), 'X-Toggl-Quota-Resets-In': '600' };
      return new Response('{}', { status: 200, headers });
    }) as unknown as typeof globalThis.fetch;
    const http = createHttpClient({
      service: 'Toggl',
      fetch,
      gate: pacers.gate('toggl:1', 'toggl'),
      bucketOf: togglBucket,
      quotaOf: togglQuota,
    });
    const me = 'https://api.track.toggl.com/api/v9/me';
    await http.send({ url: me });
    await http.send({ url: me });
    await http.send({ url: me });
    // The server said 0 left: the next one is refused here, with the reset time, and never sent.
    const err = await http.send({ url: me }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'quota', options: { retryAfterMs: 600_000 } });
    expect(sent).toHaveLength(3);
    // The workspace bucket is another quota.
    await http.send({ url: 'https://api.track.toggl.com/api/v9/workspaces/1/projects' });
    expect(sent).toHaveLength(4);
  });
});
