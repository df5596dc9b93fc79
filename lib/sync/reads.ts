import type { Account } from '../core/schemas';
import { weekStartOf } from '../core/week';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';
import type { Budget, PollReason } from './budget';
import type { SyncContext } from './context';
import type { Blocked } from './failure';
import { readBack } from './readback';
import { removeEchoes } from './reconcile';
import { followRemoteTimer } from './remote';

/**
 * The engine's reads, paid from the budget's read share: polls of the remote timer (timers started or stopped
 * elsewhere, lib/sync/remote.ts), the week's read-back (lib/sync/readback.ts) and the echo checks of creates that
 * succeeded (lib/sync/reconcile.ts).
 */

/**
 * The echo check of the creates that succeeded (lib/sync/reconcile.ts), a read: it waits while the budget keeps
 * the rest for writes (the records keep their marks; checked together later). A failure leaves it for the next flush.
 */
export async function checkEchoes(ctx: SyncContext, accounts: readonly Account[], blocked: ReadonlyMap<string, Blocked>): Promise<void> {
  const { deps, commit } = ctx;
  const outbox = await store.outbox();
  for (const account of accounts) {
    if (blocked.has(account.id)) continue;
    const marked = Object.values(outbox).some(
      (r) => r.accountId === account.id && r.remoteId !== null && r.createAttemptAt !== null && r.sent !== null,
    );
    if (!marked) continue;
    const provider = await deps.providerFor(account);
    if (!provider) continue;
    const budget = await ctx.budgetFor(account);
    if (!budget.mayRead('lookups')) {
      deps.wakeAt?.(budget.readableAt('lookups'));
      continue;
    }
    budget.noteRead('lookups');
    try {
      await removeEchoes(outbox, account.id, { provider, call: ctx.caller(await ctx.pacerFor(account)), commit });
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
    }
  }
}

/**
 * A look the user asked for (the popup opened) that the spread holds back because a read went just before it is
 * taken when its turn comes, if that is within LOOK_WAIT_MAX_MS (Harvest's turn comes ~0.2 s after the last read);
 * dropped, the popup went on showing a timer stopped in Harvest a moment after the previous look. A longer wait
 * (a Toggl hour's spread is minutes) is the budget's to keep: that look is dropped.
 */
const LOOK_WAIT_MAX_MS = 2_000;
async function admitted(budget: Budget, why: PollReason): Promise<boolean> {
  for (;;) {
    if (budget.admitPoll(why)) return true;
    const wait = why === 'look' ? budget.pollWaitMs(why) : null;
    if (wait === null || wait > LOOK_WAIT_MAX_MS) return false;
    // Asked again after the wait: another poll may have taken the turn meanwhile (then this one waits for the next).
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
  }
}

/**
 * Follows timers started or stopped elsewhere, for every linked account whose budget allows a poll now (polls
 * are spread over the budget's window: see Budget.admitPoll). When the user looks (the popup opened) and the
 * read-back's own spread allows it (Budget.admitReadback), this week's entries are read back instead
 * (lib/sync/readback.ts): that listing holds the running entry as well, so it stands for the poll, with no request
 * more. Errors surface on the next flush.
 */
export async function pollRemoteTimers(ctx: SyncContext, why: PollReason): Promise<void> {
  const { deps, now } = ctx;
  const weekStart = weekStartOf((await store.get('settings')).weekStart);
  for (const account of await store.get('accounts')) {
    const provider = await deps.providerFor(account);
    if (!provider) continue;
    const budget = await ctx.budgetFor(account);
    try {
      if (why === 'look' && provider.entriesBetween && budget.admitReadback()) {
        const read = await readBack(account, provider, weekStart, { exclusive: deps.exclusive, now });
        // The listing stands for the poll when the timer is the one it was asked about and, if synced to this
        // account, was synced then and started in the week (one started or synced meanwhile may be missing from it).
        const timer = await store.get('timer');
        const rec = timer ? (await store.outboxRecords([timer.id]))[timer.id] : undefined;
        const synced = rec?.accountId === account.id ? rec.remoteId : null;
        const current =
          read !== null &&
          (timer?.id ?? null) === read.timerBefore &&
          (synced === null || (read.knownBefore.has(synced) && (timer?.startedAt ?? 0) >= read.since));
        if (read && current) {
          const remote = read.listed.find((r) => r.running) ?? null;
          await followRemoteTimer(account, { ...provider, running: async () => remote }, { exclusive: deps.exclusive, now });
          continue;
        }
        // Otherwise the look still asks for the timer itself (the read-back took the poll's turn).
        if (budget.mayRead('running')) await followRemoteTimer(account, provider, { exclusive: deps.exclusive, now });
        continue;
      }
      if (!(await admitted(budget, why))) continue;
      await followRemoteTimer(account, provider, { exclusive: deps.exclusive, now });
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
    }
  }
}
