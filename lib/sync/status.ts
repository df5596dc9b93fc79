import type { Account, AccountStatus } from '../core/schemas';
import * as store from '../state/store';
import type { SyncContext } from './context';
import type { Blocked } from './failure';
import { dueAt, isDirty, pendingByAccount } from './outbox';

/**
 * The engine's bookkeeping around a flush: which accounts were in server trouble when it began, and, when it ends,
 * the wake-up for the earliest backoff ahead and each account's status (blocked, refused, ok).
 */

/** Reads which accounts' last status was server trouble, with its detail, into `ctx.troubled`. */
export async function readTroubled(ctx: SyncContext): Promise<void> {
  ctx.troubled.clear();
  for (const [id, st] of Object.entries(await store.get('status'))) if (st.state === 'trouble') ctx.troubled.set(id, st.message);
}

/**
 * Records an account's status. The same status found again writes nothing: every save starts a flush, and offline
 * each one ended in rewriting 'offline', one IndexedDB transaction while the save's reply was on its way
 * (offline_save_ms_p95_at_500).
 */
async function setStatus(ctx: SyncContext, account: Account, status: Omit<AccountStatus, 'checkedAt' | 'lastSyncAt'>, synced: boolean) {
  const { now } = ctx;
  await ctx.deps.exclusive(() =>
    store.update('status', (all) => {
      const was = all[account.id];
      const lastSyncAt = synced ? now() : (was?.lastSyncAt ?? null);
      if (was?.state === status.state && was.message === status.message && was.lastSyncAt === lastSyncAt) return all;
      return { ...all, [account.id]: { ...status, checkedAt: now(), lastSyncAt } };
    }),
  );
}

/** After a flush: wakes for the earliest backoff ahead and records each account's status. */
export async function settle(
  ctx: SyncContext,
  accounts: readonly Account[],
  blocked: ReadonlyMap<string, Blocked>,
  worked: ReadonlySet<string>,
): Promise<void> {
  const { now, deps } = ctx;
  const outbox = await store.outbox();
  const pending = pendingByAccount(outbox);
  // Wake for the earliest backoff still ahead (this worker may be a fresh one that never scheduled it).
  const ahead = Object.values(outbox).flatMap((r) => {
    const at = dueAt(r);
    return isDirty(r) && at !== null && at > now() ? [at] : [];
  });
  // And when an unreachable tracker's pause ends, if it has changes waiting.
  for (const [id, { until }] of ctx.unreachable) if (until > now() && pending[id]) ahead.push(until);
  if (ahead.length > 0) deps.wakeAt?.(Math.min(...ahead));
  const parked = Object.values(outbox).filter((r) => r.nextAt === null && r.error);
  for (const account of accounts) {
    const block = blocked.get(account.id);
    const stuck = parked.filter((r) => r.accountId === account.id);
    if (block) await setStatus(ctx, account, block, false);
    else if (stuck.length > 0) {
      // The server's own words for the first refused entry; the pages count them (the pending snapshot).
      await setStatus(ctx, account, { state: 'refused', message: stuck[0]?.error ?? '' }, worked.has(account.id));
    } else if (worked.has(account.id) || !pending[account.id]) {
      await setStatus(ctx, account, { state: 'ok', message: '' }, worked.has(account.id));
    }
  }
}
