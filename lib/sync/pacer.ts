/**
 * Keeps an account's requests under its provider's limit (Harvest: 100 per 15 s) by spacing them, instead of
 * running into 429 first; a 429 or 402 blocks it until the server's Retry-After.
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

  /** Why the server made us wait: a rate limit (429) or an exhausted plan quota (402). */
  blockedBy: 'rate-limit' | 'quota' = 'rate-limit';

  block(ms: number, by: 'rate-limit' | 'quota' = 'rate-limit'): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
    this.blockedBy = by;
  }

  /** Forgets a server-imposed wait (the user asked to retry now); the pace itself still holds. */
  unblock(): void {
    this.blockedUntil = 0;
  }

  setPace(pace: Pace): void {
    this.pace = pace;
  }
}

/** Default paces, by provider (documented limits; Toggl's is per token, about 1 request per second). */
export const DEFAULT_PACE: Record<string, Pace> = {
  harvest: { requests: 100, windowMs: 15_000 },
  clockify: { requests: 10, windowMs: 1_000 },
  toggl: { requests: 1, windowMs: 1_100 },
};
