/**
 * Toggl's two limits: a leaky bucket per API token (HTTP 429; "a safe window will be 1 request per
 * second") and hourly plan quotas (HTTP 402) — one per user per organization for workspace requests,
 * one per user for user-specific requests such as /me — reported on every answer through
 * `X-Toggl-Quota-Remaining` and `X-Toggl-Quota-Resets-In`.
 */

export interface LeakyBucketOptions {
  /** Requests the bucket holds before it overflows. */
  burst: number;
  /** Requests drained per second. */
  perSecond: number;
}

export class LeakyBucket {
  private readonly levels = new Map<string, { level: number; at: number }>();

  constructor(private readonly options: LeakyBucketOptions) {}

  /** Adds one request for `key`; false (and nothing added) when the bucket would overflow. */
  tryAdd(key: string, now: number): boolean {
    const state = this.levels.get(key) ?? { level: 0, at: now };
    const drained = Math.max(0, state.level - ((now - state.at) / 1000) * this.options.perSecond);
    if (drained + 1 > this.options.burst) {
      this.levels.set(key, { level: drained, at: now });
      return false;
    }
    this.levels.set(key, { level: drained + 1, at: now });
    return true;
  }

  clear(): void {
    this.levels.clear();
  }
}

/** Workspace requests per hour per user per organization, by the organization's plan. */
export const PLAN_QUOTAS = { free: 30, starter: 240, premium: 600 } as const;

export interface QuotaOptions {
  /** Requests per window per user per organization: a number, or 'plan' (PLAN_QUOTAS by the workspace's plan). */
  organization: number | 'plan';
  /** Requests per window per user for user-specific endpoints (/me…): 30 per hour. */
  user: number;
  /** Window length; Toggl's is 60 minutes, shorten it for tests. */
  windowMs: number;
}

export interface QuotaState {
  remaining: number;
  total: number;
  resetsInSecs: number;
}

/** A window opens at the first request and lasts `windowMs`; then the count starts again. */
export class Quotas {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(public options: QuotaOptions) {}

  private window(key: string, now: number) {
    const w = this.windows.get(key);
    if (w && now < w.start + this.options.windowMs) return w;
    return undefined;
  }

  peek(key: string, total: number, now: number): QuotaState {
    const w = this.window(key, now);
    if (!w) return { remaining: total, total, resetsInSecs: Math.ceil(this.options.windowMs / 1000) };
    return { remaining: Math.max(0, total - w.used), total, resetsInSecs: Math.ceil((w.start + this.options.windowMs - now) / 1000) };
  }

  /** Counts a request when quota remains; otherwise leaves the window untouched. */
  consume(key: string, total: number, now: number): { allowed: boolean } & QuotaState {
    let w = this.window(key, now);
    if (!w) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used >= total) return { allowed: false, ...this.peek(key, total, now) };
    w.used += 1;
    return { allowed: true, ...this.peek(key, total, now) };
  }

  clear(): void {
    this.windows.clear();
  }
}

export function quotaHeaders(q: QuotaState): Record<string, string> {
  return { 'X-Toggl-Quota-Remaining': String(q.remaining), 'X-Toggl-Quota-Resets-In': String(q.resetsInSecs) };
}
