import { t } from '../i18n';
import { providerInfo } from '../providers/catalog';
import type { Gate } from '../providers/http';
import { ProviderError } from '../providers/types';
import { type Budgets, createBudgets } from './budget';

/**
 * Keeps an account's requests under its provider's rate limit (Harvest: 100 per 15 s) by spacing them, instead
 * of running into 429 first; a 429 blocks it until the server's Retry-After. Every HTTP request of an account
 * passes its pacer (the providers' HTTP client awaits `acquire`), so a provider call that makes two requests (the
 * user looked up before a listing) counts as two. Quotas over longer windows (Toggl's hourly ones) are the
 * account's budget's (./budget.ts); the gate asks both.
 */
export interface Pace {
  requests: number;
  windowMs: number;
}

export class Pacer {
  /** When each request of the window ended (ascending); requests still under way count as well. */
  private stamps: number[] = [];
  private inflight = 0;
  private blockedUntil = 0;

  constructor(
    private pace: Pace,
    private now: () => number = Date.now,
  ) {}

  /**
   * How long to wait before the next request may leave. A request counts from its departure until a window after
   * its answer (the server counted it in between): the whole window is used and never overrun, whatever the latency.
   */
  delay(): number {
    const now = this.now();
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.pace.windowMs) this.stamps.shift();
    const used = this.stamps.length + this.inflight;
    // All of the window's requests still under way: look again shortly (one will have ended).
    const byWindow = used < this.pace.requests ? 0 : this.stamps.length > 0 ? (this.stamps[0] ?? now) + this.pace.windowMs - now : 10;
    return Math.max(0, byWindow, this.blockedUntil - now);
  }

  /** A request leaves now; call the returned function when its answer (or failure) came. */
  take(): () => void {
    this.inflight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inflight--;
      this.stamps.push(this.now());
    };
  }

  /**
   * Waits for a turn, then takes it (resolves to the function that ends the request). A wait longer than
   * `maxWaitMs` is not waited out here: it throws the ProviderError the server gave (rate limit or quota), with
   * the wait as retryAfterMs, so the caller can end its flush and wake by alarm.
   */
  async acquire(maxWaitMs: number, sleep: (ms: number) => Promise<void> = wait): Promise<() => void> {
    for (let ms = this.delay(); ms > 0; ms = this.delay()) {
      if (ms > maxWaitMs) throw new ProviderError('rate-limit', t('rate_limit_wait'), { retryAfterMs: ms, sent: false });
      await sleep(ms);
    }
    return this.take();
  }

  /** The server asked to wait (429 Retry-After). */
  block(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
  }

  /** Forgets a server-imposed wait (the user asked to retry now); the pace itself still holds. */
  unblock(): void {
    this.blockedUntil = 0;
  }

  setPace(pace: Pace): void {
    this.pace = pace;
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Longest wait for pacing or Retry-After inside a request; longer ones end the flush and wake by alarm. */
export const MAX_INLINE_WAIT = 20_000;

/**
 * One pacer per account, shared by every request made for it (sync, listings, connection checks), and the
 * accounts' budgets: the gate refuses a request its budget cannot pay for, waits its turn at the pacer, then
 * counts it and reads the quota off its answer.
 */
export function createPacers(
  now: () => number = Date.now,
  budgets: Budgets = createBudgets({ now }),
  /** How a pacer waits its turn (a simulated clock's, in tests). */
  sleep: (ms: number) => Promise<void> = wait,
) {
  const pacers = new Map<string, Pacer>();
  const get = (accountId: string, provider: string): Pacer => {
    let pacer = pacers.get(accountId);
    if (!pacer) {
      pacer = new Pacer(defaultPace(provider), now);
      pacers.set(accountId, pacer);
    }
    return pacer;
  };
  return {
    get,
    /** What the account's HTTP client awaits before each request. */
    gate:
      (accountId: string, provider: string): Gate =>
      async (request) => {
        const budget = await budgets.get(accountId, provider);
        budget.check(request.bucket);
        const ended = await get(accountId, provider).acquire(MAX_INLINE_WAIT, sleep);
        try {
          const spent = budget.take(request.bucket);
          return (answer) => {
            ended();
            spent(answer);
          };
        } catch (err) {
          ended();
          throw err;
        }
      },
    all: () => pacers.values(),
    budgets,
  };
}
export type Pacers = ReturnType<typeof createPacers>;

/** The documented pace of a provider (lib/providers/catalog.ts; Harvest's for one Stint does not know). */
export const defaultPace = (provider: string): Pace => providerInfo(provider)?.pace ?? { requests: 100, windowMs: 15_000 };
