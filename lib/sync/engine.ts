import { t } from '../i18n';
import * as store from '../state/store';
import { syncAccount, type Task } from './account';
import type { PollReason } from './budget';
import { createContext, type EngineDeps } from './context';
import type { Blocked } from './failure';
import { due, knownRemoteIds, type Outbox } from './outbox';
import { checkEchoes, pollRemoteTimers } from './reads';
import { readTroubled, settle } from './status';

export type { EngineDeps } from './context';

/**
 * Replays the outbox to the providers until every record is clean. Network calls happen outside the state
 * lock; their results are committed under it (group commits, lib/sync/committer.ts), merged into whatever the
 * record has become meanwhile. Before a create is sent, the attempt is made durable, so a create whose answer was
 * lost (worker killed, connection dropped after the server committed) is reconciled by looking it up, never sent
 * twice. Each round works from one snapshot of the outbox and the entries, several records of an account at once,
 * as fast as the account's pace allows.
 *
 * This file owns the flush loop (one flush at a time, rounds of snapshots); the parts live beside it: the shared
 * context (context.ts), one account's pass (account.ts), what a failure means (failure.ts), the reads: echo checks
 * and remote-timer polls (reads.ts), and the status bookkeeping (status.ts).
 */
export function createSyncEngine(deps: EngineDeps) {
  const ctx = createContext(deps);
  const { now } = ctx;
  let running: Promise<void> | null = null;
  let again = false;

  /** Makes every waiting record due now (the user asked to retry, or the network came back). */
  async function retryNow(): Promise<void> {
    await deps.exclusive(async () => {
      const stamp = now();
      const next: Outbox = {};
      for (const [k, r] of Object.entries(await store.outbox()))
        if (r.nextAt !== null && r.nextAt > stamp) next[k] = { ...r, nextAt: stamp };
      await store.write({ outbox: next });
    });
    ctx.unreachable.clear();
    ctx.retries.asked++;
    for (const p of deps.pacers.all()) p.unblock();
  }

  async function flushOnce(): Promise<void> {
    ctx.retries.atFlushStart = ctx.retries.asked;
    let accounts = await store.get('accounts');
    await readTroubled(ctx);
    const blocked = new Map<string, Blocked>();
    const worked = new Set<string>();
    // A tracker unreachable a moment ago is not tried again before its pause ends (settle wakes the engine then).
    for (const [id, { until, message }] of ctx.unreachable) {
      if (until > now()) blocked.set(id, { state: 'offline', message });
      else ctx.unreachable.delete(id);
    }
    for (;;) {
      // Re-read each round: an account linked while this flush runs has its first entries queued already.
      accounts = await store.get('accounts');
      // One snapshot per round (records and the entries they name, as they are now); results merge into what they become.
      const snap = await deps.exclusive(async () => {
        const outbox = await store.outbox();
        const work = due(outbox, now()).filter(([, r]) => !blocked.has(r.accountId));
        const named = work.flatMap(([, r]) => (r.deleted ? [] : [r.entryId]));
        return { outbox, work, timer: await store.get('timer'), entries: await store.entriesById(named) };
      });
      const work = snap.work;
      if (work.length === 0) break;
      const entries = new Map(snap.entries.map((e) => [e.id, e]));
      if (snap.timer) entries.set(snap.timer.id, snap.timer);
      const known = knownRemoteIds(snap.outbox);
      const byAccount = new Map<string, Task[]>();
      for (const [key, rec] of work) {
        const entry = rec.deleted ? rec.snapshot : (entries.get(rec.entryId) ?? null);
        const list = byAccount.get(rec.accountId) ?? [];
        list.push({ key, rec, entry });
        byAccount.set(rec.accountId, list);
      }
      for (const [accountId, tasks] of byAccount) {
        const account = accounts.find((a) => a.id === accountId);
        if (!account) {
          // Unknown account (unlinking removes its queue itself): leave the record alone.
          blocked.set(accountId, { state: 'needs-reconnect', message: t('sync_not_linked') });
          continue;
        }
        const provider = await deps.providerFor(account);
        if (!provider) {
          blocked.set(account.id, { state: 'needs-reconnect', message: t('sync_no_credentials') });
          continue;
        }
        const outcome = await syncAccount(ctx, account, provider, tasks, known);
        if (outcome.worked) worked.add(account.id);
        if (outcome.block) blocked.set(account.id, outcome.block);
      }
    }
    await checkEchoes(ctx, accounts, blocked);
    await settle(ctx, accounts, blocked, worked);
  }

  /** Runs a flush; calls while one runs make it go round once more. `retry` skips backoff waits first. */
  async function flush(options: { retry?: boolean } = {}): Promise<void> {
    if (options.retry) await retryNow();
    if (running) {
      again = true;
      return running;
    }
    return start();
  }

  function start(): Promise<void> {
    running = (async () => {
      try {
        do {
          again = false;
          await flushOnce();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /** Follows timers started or stopped elsewhere (lib/sync/reads.ts); errors surface on the next flush. */
  async function poll(why: PollReason = 'look'): Promise<void> {
    await pollRemoteTimers(ctx, why);
  }

  return { flush, poll };
}
