import type { Account } from '../core/schemas';
import type { Provider } from '../providers/types';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';
import type { Budget } from './budget';
import { createCommitter } from './committer';
import { defaultPace, MAX_INLINE_WAIT, type Pacer, type Pacers } from './pacer';
import type { Call } from './reconcile';

/**
 * What every part of the sync engine shares: its dependencies, its clock, the state committer, each account's
 * pacer and budget at the pace the user chose, and the call wrapper that waits out short 429s.
 */

export interface EngineDeps {
  /** The background's state lock (lib/background/service.ts serial()). */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** A provider for a linked account, or null when its credentials are missing (needs reconnecting). */
  providerFor(account: Account): Promise<Provider | null>;
  /** Each account's pacer and budget; the providers' HTTP clients wait their turn there (lib/background/accounts.ts). */
  pacers: Pacers;
  now?: () => number;
  /** Asks to be woken at a time (alarms); the engine also wakes on every intent and on startup. */
  wakeAt?(time: number): void;
  /** Whether the device has a network at all (navigator.onLine): tells a real outage from the browser's back-off. */
  online?: () => boolean;
}

/** 429s a single call waits out before it gives up for this flush. */
const MAX_RATE_RETRIES = 3;

export type SyncContext = ReturnType<typeof createContext>;

export function createContext(deps: EngineDeps) {
  const now = deps.now ?? Date.now;
  const online = deps.online ?? (() => globalThis.navigator?.onLine !== false);
  const { commit, later } = createCommitter(deps.exclusive);

  async function pacerFor(account: Account): Promise<Pacer> {
    const override = (await store.get('pace'))[account.provider];
    const pacer = deps.pacers.get(account.id, account.provider);
    pacer.setPace(override ?? defaultPace(account.provider));
    (await deps.pacers.budgets.get(account.id, account.provider)).setPace(override ?? null);
    return pacer;
  }

  async function budgetFor(account: Account): Promise<Budget> {
    await pacerFor(account);
    return deps.pacers.budgets.get(account.id, account.provider);
  }

  /**
   * A provider call; each of its requests waits its turn at the account's pacer (in the HTTP client). A 429 with a
   * short Retry-After blocks the pacer that long and the call goes again.
   */
  function caller(pacer: Pacer): Call {
    return async <T>(fn: () => Promise<T>): Promise<T> => {
      for (let tries = 0; ; tries++) {
        try {
          return await fn();
        } catch (err) {
          const wait = err instanceof ProviderError && err.kind === 'rate-limit' ? (err.options.retryAfterMs ?? 15_000) : null;
          if (wait === null || wait > MAX_INLINE_WAIT || tries >= MAX_RATE_RETRIES) throw err;
          pacer.block(wait);
        }
      }
    };
  }

  return {
    deps,
    now,
    online,
    commit,
    later,
    pacerFor,
    budgetFor,
    caller,
    /** Accounts whose last status was server trouble, with its detail (read at the start of each flush). */
    troubled: new Map<string, string>(),
    /**
     * Accounts whose tracker was unreachable (a network failure), until when no request of theirs leaves unless the
     * user asks (retryNow): a save made every second offline would otherwise send one each, and the pacer counts
     * every request sent, so coming back meant waiting for a window filled by failures (flush_500_ratio).
     */
    unreachable: new Map<string, { until: number; message: string }>(),
    /**
     * How many times the user asked to retry (retryNow), and how many had when the running flush began: a request
     * of that flush failing after a retry (sent while the tracker was still away) pauses nothing.
     */
    retries: { asked: 0, atFlushStart: 0 },
  };
}
