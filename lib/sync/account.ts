import type { Entry } from '../core/entry';
import type { Account, SyncRecord } from '../core/schemas';
import { neverApplied, type Provider, type RemoteEntry } from '../providers/types';
import type { Change } from './committer';
import type { SyncContext } from './context';
import { type Blocked, failed } from './failure';
import { toInput } from './outbox';
import { remoteStamp } from './readback-merge';
import { type Call, inDoubt, reconcileInDoubt } from './reconcile';

/**
 * One account's pass over its due records in a round: creates in doubt looked up first, creates journaled as
 * attempted before they leave, then each record's remote side brought up to date, several at once as the account's
 * pace allows. Failures are read by lib/sync/failure.ts.
 */

/** Records of one account worked on at once (Chromium opens 6 connections per host). */
const CONCURRENCY = 6;
/** Creates journaled as attempted per storage write. */
const JOURNAL_GROUP = 40;

/** One record's work in a round: the record and the entry as they were when the round began. */
export interface Task {
  key: string;
  rec: SyncRecord;
  entry: Entry | null;
}

export type Outcome = { block: Blocked | null; worked: boolean };

/** What a record learns from the server's answer to a push: the remote entry as it now is (the read-back compares). */
const pushed = (remote: RemoteEntry) => ({ remoteStamp: remoteStamp(remote), remoteChangedAt: undefined });

/** Runs `fn` over `tasks` with at most `limit` at once; a barrier task runs alone, after all before it. */
async function runAll(tasks: readonly Task[], limit: number, barrier: (t: Task) => boolean, fn: (t: Task, i: number) => Promise<void>) {
  const inflight = new Set<Promise<void>>();
  for (const [i, t] of tasks.entries()) {
    if (barrier(t)) {
      await Promise.all(inflight);
      await fn(t, i);
      continue;
    }
    while (inflight.size >= limit) await Promise.race(inflight);
    const p: Promise<void> = fn(t, i).finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
}

/**
 * Brings one record's remote side up to date; `save` queues its progress (made durable with the next group
 * commit: until then the create stays journaled as attempted, so a killed worker reconciles it, never resends it).
 * Throws ProviderError; the caller decides what it means.
 */
async function step({ rec, entry }: Task, provider: Provider, call: Call, save: (c: Change) => void): Promise<void> {
  // Nothing left to sync, unless the record was deleted meanwhile and still has to delete its remote.
  if (!entry) return save((r) => (r.deleted ? r : null));
  const input = toInput(entry);
  const remoteId = rec.remoteId;

  if (rec.deleted) {
    if (remoteId) await call(() => provider.remove(remoteId));
    return save(() => null);
  }

  if (!remoteId) {
    const created = await call(() => provider.create(input));
    // createAttemptAt and sent stay until the echo check (removeEchoes) has looked for a second copy.
    return save((r) => ({
      ...r,
      remoteId: created.remoteId,
      pushedVersion: entry.updatedAt,
      remoteRunning: created.running,
      attempts: 0,
      error: null,
      ...pushed(created),
    }));
  }

  if (rec.pushedVersion < rec.wantVersion) {
    if (rec.remoteRunning && !entry.running) {
      const stopped = await call(() => provider.stop(remoteId, input));
      // One request when the tracker's stop writes everything (Toggl: every request counts against an hourly quota).
      if (provider.stopWritesAll) {
        return save((r) => ({
          ...r,
          pushedVersion: entry.updatedAt,
          remoteRunning: stopped.running,
          attempts: 0,
          error: null,
          ...pushed(stopped),
        }));
      }
      save((r) => ({ ...r, remoteRunning: false }));
    }
    // Exact times and notes (a timer stopped offline keeps the time it was stopped at, not the sync time).
    const updated = await call(() => provider.update(remoteId, input));
    save((r) => ({ ...r, pushedVersion: entry.updatedAt, remoteRunning: updated.running, attempts: 0, error: null, ...pushed(updated) }));
  }
}

/**
 * One round of an account's due records: creates in doubt are looked up first, then the creates are journaled
 * (one write per window's worth of requests) before they leave, and the records are worked on concurrently.
 * Returns why the account is blocked, if it is.
 */
export async function syncAccount(
  ctx: SyncContext,
  account: Account,
  provider: Provider,
  tasks: Task[],
  known: ReadonlySet<string>,
): Promise<Outcome> {
  const { commit, later, now } = ctx;
  const pacer = await ctx.pacerFor(account);
  const call = ctx.caller(pacer);
  const entries = new Map(tasks.map((t) => [t.rec, t.entry]));
  const first = tasks.find((t) => inDoubt(t.rec));
  if (first) {
    try {
      const work = tasks.map((t): [string, SyncRecord] => [t.key, t.rec]);
      const adopted = await reconcileInDoubt(work, known, (r) => entries.get(r) ?? null, { provider, call, commit });
      for (const t of tasks) t.rec = adopted.get(t.key) ?? t.rec;
    } catch (err) {
      return { block: await failed(ctx, first.key, first.rec, account, err, pacer), worked: false };
    }
  }

  let block: Blocked | null = null;
  let worked = false;
  const saves: Promise<void>[] = [];
  // A few changes go one by one, on one connection, as a person's edits do; a backlog fans out.
  const limit = tasks.length > CONCURRENCY ? CONCURRENCY : 1;
  const write = limit > 1 ? later : commit;
  const isCreate = (t: Task) => t.entry !== null && !t.rec.deleted && t.rec.remoteId === null;
  // The running timer's records go alone, in order (a new timer stops the previous one on the server).
  const barrier = (t: Task) => t.entry?.running === true || t.rec.remoteRunning;
  // Creates are journaled as attempted a group at a time (one write), the next group while this one is sent.
  const journaled = new Map<Task, { at: number; done: Promise<void> }>();
  const journal = (from: number) => {
    const group = tasks.slice(from, from + JOURNAL_GROUP).filter((t) => isCreate(t) && !journaled.has(t));
    if (group.length === 0) return;
    const at = now();
    const done = Promise.all(group.map((t) => commit(t.key, (r) => ({ ...r, createAttemptAt: at, sent: t.entry })))).then(() => undefined);
    done.catch(() => undefined); // awaited (and reported) by the task itself
    for (const t of group) journaled.set(t, { at, done });
  };
  const started = new Set<Task>();
  /**
   * Creates the server certainly did not make (refused before leaving, or a refusal it answered: 401, 403, 404,
   * 422, 429, 402): not in doubt, so no lookup (nor the wait for a lost request to land) before they are sent
   * again. A dropped connection, a 5xx or an unreadable 2xx may have made it. (Only the create's own failure says
   * so: a lookup of a create in doubt that fails leaves it in doubt.)
   */
  const refused = new Set<Task>();
  await runAll(tasks, limit, barrier, async (t, i) => {
    if (block) return;
    journal(i);
    journal(i + JOURNAL_GROUP / 2);
    try {
      await journaled.get(t)?.done;
      if (block) return;
      started.add(t);
      await step(t, provider, call, (change) => saves.push(write(t.key, change)));
      worked = true;
    } catch (err) {
      if (isCreate(t) && neverApplied(err)) refused.add(t);
      block ??= await failed(ctx, t.key, t.rec, account, err, pacer);
    }
  });
  // Journaled but never sent (the account got blocked), or refused: not in doubt (that would cost a lookup before a resend).
  for (const [t, { at }] of journaled) {
    if (started.has(t) && !refused.has(t)) continue;
    saves.push(commit(t.key, (r) => (r.remoteId === null && r.createAttemptAt === at ? { ...r, createAttemptAt: null, sent: null } : r)));
  }
  await Promise.all(saves);
  return { block, worked };
}
