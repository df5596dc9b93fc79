/**
 * A controllable clock. By default it follows real time; tests can freeze it, set it, or move it forward.
 * Everything time-based in the emulator (timers, token expiry, `updated_at`, the rate-limit window) reads
 * this clock, so a test can expire a token or let a timer run for an hour without waiting.
 * Injected latency always uses real timers (it models the network, not Harvest's notion of time).
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Freeze the clock at `at` (epoch ms, ISO string or Date). */
  set(at: number | string | Date): void;
  /** Freeze the clock at its current value. */
  freeze(): void;
  /** Move the clock forward (or backward with a negative value), frozen or not. */
  advance(ms: number): void;
  /** Go back to following real time, without offset. */
  useRealTime(): void;
  readonly frozen: boolean;
}

function toMs(at: number | string | Date): number {
  if (typeof at === 'number') return at;
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new Error(`clock: invalid time ${String(at)}`);
  return ms;
}

export function createClock(initial?: number | string | Date): Clock {
  let fixed: number | null = initial === undefined ? null : toMs(initial);
  let offset = 0;
  return {
    now: () => (fixed !== null ? fixed : Date.now() + offset),
    set(at) {
      fixed = toMs(at);
    },
    freeze() {
      fixed = Date.now() + offset;
    },
    advance(ms) {
      if (fixed !== null) fixed += ms;
      else offset += ms;
    },
    useRealTime() {
      fixed = null;
      offset = 0;
    },
    get frozen() {
      return fixed !== null;
    },
  };
}
