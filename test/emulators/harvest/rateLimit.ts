/**
 * Harvest's documented limit: 100 requests per 15 seconds for general API requests, answered with HTTP 429
 * and a `Retry-After` header giving the seconds until the throttle lifts
 * (https://help.getharvest.com/api-v2/introduction/overview/general/#rate-limiting).
 *
 * Modelled as a sliding window per access token: a request is accepted when fewer than `limit` requests of
 * that token were accepted in the last `windowMs`. Rejected (429) requests do not count.
 * `Retry-After` is the time until the oldest accepted request leaves the window:
 * - 'integer' (default, what Harvest sends): whole seconds, rounded up, at least 1.
 * - 'fractional': seconds with millisecond precision ("0.347") for time-scaled benches (e.g. 100 per 1.5 s),
 *   where whole seconds would be far too coarse. Non-standard: only for tests that opt in.
 * The exact wait in ms is always available from `retryAfterMs(token)` on the control API.
 */
export interface RateLimitConfig {
  limit: number;
  windowMs: number;
  retryAfter: 'integer' | 'fractional';
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 100, windowMs: 15_000, retryAfter: 'integer' };

export class RateLimiter {
  config: RateLimitConfig | null;
  private hits = new Map<string, number[]>();

  constructor(config: RateLimitConfig | null) {
    this.config = config;
  }

  private prune(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    if (!this.config) return list;
    const cutoff = now - this.config.windowMs;
    let i = 0;
    while (i < list.length && (list[i] as number) <= cutoff) i++;
    if (i > 0) list.splice(0, i);
    this.hits.set(key, list);
    return list;
  }

  /** Ms until `key` may send again (0 = now). */
  retryAfterMs(key: string, now: number): number {
    if (!this.config) return 0;
    const list = this.prune(key, now);
    if (list.length < this.config.limit) return 0;
    const oldest = list[list.length - this.config.limit] as number;
    return Math.max(1, oldest + this.config.windowMs - now);
  }

  /** Records the request when allowed; otherwise returns the Retry-After header value. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterMs: number; header: string } {
    if (!this.config) return { ok: true };
    const wait = this.retryAfterMs(key, now);
    if (wait > 0) return { ok: false, retryAfterMs: wait, header: formatRetryAfter(wait, this.config.retryAfter) };
    this.prune(key, now).push(now);
    return { ok: true };
  }

  reset(): void {
    this.hits.clear();
  }
}

export function formatRetryAfter(ms: number, mode: 'integer' | 'fractional'): string {
  if (mode === 'fractional') return (Math.max(1, Math.ceil(ms)) / 1000).toFixed(3);
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
