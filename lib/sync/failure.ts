import type { Account, AccountStatus, SyncRecord } from '../core/schemas';
import { clockOf, t } from '../i18n';
import { providerName } from '../providers/catalog';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';
import { QUOTA_FALLBACK_MS, resetClock } from './budget';
import type { SyncContext } from './context';
import { backoffMs } from './outbox';
import { MAX_INLINE_WAIT, type Pacer } from './pacer';

/**
 * What a failed provider call means: for the record (its backoff, or parked with the server's words) and for its
 * account (the status it is blocked in, and when the engine wakes again).
 */

/** Why an account stops syncing for this flush, as its status will say. */
export type Blocked = { state: AccountStatus['state']; message: string };

/** A reset time as the user reads times (their 12/24 h preference). */
async function clockTime(at: number): Promise<string> {
  const [accounts, defaultId, settings] = await Promise.all([store.get('accounts'), store.get('defaultAccount'), store.get('settings')]);
  return resetClock(at, clockOf(accounts, defaultId, settings.clock));
}

/** What a failure means for the record and for its account. */
export async function failed(
  ctx: SyncContext,
  key: string,
  rec: SyncRecord,
  account: Account,
  err: unknown,
  pacer: Pacer,
): Promise<Blocked | null> {
  const { now, deps, commit, troubled } = ctx;
  const e = err instanceof ProviderError ? err : new ProviderError('network', err instanceof Error ? err.message : String(err));
  const name = providerName(account.provider);
  switch (e.kind) {
    case 'quota': {
      // However short the wait: nothing syncs until the quota is back, and the user is told when that is.
      const at = now() + (e.options.retryAfterMs ?? QUOTA_FALLBACK_MS);
      deps.wakeAt?.(at);
      return { state: 'rate-limited', message: t('sync_quota_until', name, await clockTime(at)) };
    }
    case 'rate-limit': {
      const wait = e.options.retryAfterMs ?? 15_000;
      pacer.block(wait);
      if (wait <= MAX_INLINE_WAIT) return null; // the loop waits and goes on
      deps.wakeAt?.(now() + wait);
      return { state: 'rate-limited', message: t('sync_rate_wait', name, Math.ceil(wait / 1000)) };
    }
    case 'network':
    case 'server':
    case 'invalid-response': {
      // Chromium holds back an extension's requests to a URL that keeps answering 5xx (its extension throttle:
      // after two errors, 0.7 s growing ×1.4 per error); they fail at once, like a network error. While the device
      // is online, such a failure right after server trouble is that back-off: still server trouble, and tried
      // again within seconds (the browser's wait is short; growing ours to minutes would only delay the recovery).
      const held = e.kind === 'network' && troubled.has(account.id) && ctx.online();
      const attempts = rec.attempts + 1;
      const at = now() + backoffMs(held ? Math.min(attempts, 2) : attempts);
      await commit(key, (r) => ({ ...r, attempts, nextAt: at, error: e.message }));
      deps.wakeAt?.(at);
      if (e.kind === 'network' && !held && ctx.retries.atFlushStart === ctx.retries.asked)
        ctx.unreachable.set(account.id, { until: now() + backoffMs(1), message: e.message });
      // The status keeps the detail only (the network's or server's words); the pages word each state once.
      if (held) return { state: 'trouble', message: troubled.get(account.id) || e.message };
      return { state: e.kind === 'network' ? 'offline' : 'trouble', message: e.message };
    }
    case 'auth':
      return { state: 'needs-reconnect', message: e.message };
    default:
      // Refused data (403/404/422): park the record with the server's message until the user edits the entry.
      await commit(key, (r) => ({ ...r, nextAt: null, error: e.message }));
      return null;
  }
}
