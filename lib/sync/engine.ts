import type { Entry } from '../core/entry';
import type { Account, AccountStatus, SyncRecord } from '../core/schemas';
import { weekStartOf } from '../core/week';
import { clockOf, t } from '../i18n';
import { providerName } from '../providers/catalog';
import { neverApplied, type Provider, ProviderError, type RemoteEntry } from '../providers/types';
import * as store from '../state/store';
import { type Budget, type PollReason, QUOTA_FALLBACK_MS, resetClock } from './budget';
import { type Change, createCommitter } from './committer';
import { backoffMs, due, dueAt, isDirty, knownRemoteIds, type Outbox, pendingByAccount, toInput } from './outbox';
import { defaultPace, MAX_INLINE_WAIT, type Pacer, type Pacers } from './pacer';
import { readBack } from './readback';
import { remoteStamp } from './readback-merge';
import { type Call, inDoubt, reconcileInDoubt, removeEchoes } from './reconcile';
import { followRemoteTimer } from './remote';

/**
 * Replays the outbox to the providers until every record is clean. Network calls happen outside the state
 * lock; their results are committed under it (group commits, lib/sync/committer.ts), merged into whatever the
 * record has become meanwhile. Before a create is sent, the attempt is made durable, so a create whose answer was
 * lost (worker killed, connection dropped after the server committed) is reconciled by looking it up, never sent
 * twice. Each round works from one snapshot of the outbox and the entries, several records of an account at once,
 * as fast as the account's pace allows.
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

/** Records of one account worked on at once (Chromium opens 6 connections per host). */
const CONCURRENCY = 6;
/** 429s a single call waits out before it gives up for this flush. */
const MAX_RATE_RETRIES = 3;
/** Creates journaled as attempted per storage write. */
const JOURNAL_GROUP = 40;

type Blocked = { state: AccountStatus['state']; message: string };
type Outcome = { block: Blocked | null; worked: boolean };

/** One record's work in a round: the record and the entry as they were when the round began. */
interface Task {
  key: string;
  rec: SyncRecord;
  entry: Entry | null;
}

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

export function createSyncEngine(deps: EngineDeps) {
  const now = deps.now ?? Date.now;
  const online = deps.online ?? (() => globalThis.navigator?.onLine !== false);
  /** Accounts whose last status was server trouble, with its detail (read at the start of each flush). */
  let troubled = new Map<string, string>();
  const { commit, later } = createCommitter(deps.exclusive);
  let running: Promise<void> | null = null;
  let again = false;

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

  /** A reset time as the user reads times (their 12/24 h preference). */
  async function clockTime(at: number): Promise<string> {
    const [accounts, defaultId, settings] = await Promise.all([store.get('accounts'), store.get('defaultAccount'), store.get('settings')]);
    return resetClock(at, clockOf(accounts, defaultId, settings.clock));
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
  async function syncAccount(account: Account, provider: Provider, tasks: Task[], known: ReadonlySet<string>): Promise<Outcome> {
    const pacer = await pacerFor(account);
    const call = caller(pacer);
    const entries = new Map(tasks.map((t) => [t.rec, t.entry]));
    const first = tasks.find((t) => inDoubt(t.rec));
    if (first) {
      try {
        const work = tasks.map((t): [string, SyncRecord] => [t.key, t.rec]);
        const adopted = await reconcileInDoubt(work, known, (r) => entries.get(r) ?? null, { provider, call, commit });
        for (const t of tasks) t.rec = adopted.get(t.key) ?? t.rec;
      } catch (err) {
        return { block: await failed(first.key, first.rec, account, err, pacer), worked: false };
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
      const done = Promise.all(group.map((t) => commit(t.key, (r) => ({ ...r, createAttemptAt: at, sent: t.entry })))).then(
        () => undefined,
      );
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
        block ??= await failed(t.key, t.rec, account, err, pacer);
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

  /** What a failure means for the record and for its account. */
  async function failed(key: string, rec: SyncRecord, account: Account, err: unknown, pacer: Pacer): Promise<Blocked | null> {
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
        const held = e.kind === 'network' && troubled.has(account.id) && online();
        const attempts = rec.attempts + 1;
        const at = now() + backoffMs(held ? Math.min(attempts, 2) : attempts);
        await commit(key, (r) => ({ ...r, attempts, nextAt: at, error: e.message }));
        deps.wakeAt?.(at);
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

  async function setStatus(account: Account, status: Omit<AccountStatus, 'checkedAt' | 'lastSyncAt'>, synced: boolean) {
    await deps.exclusive(async () => {
      await store.update('status', (all) => ({
        ...all,
        [account.id]: { ...status, checkedAt: now(), lastSyncAt: synced ? now() : (all[account.id]?.lastSyncAt ?? null) },
      }));
    });
  }

  /** Makes every waiting record due now (the user asked to retry, or the network came back). */
  async function retryNow(): Promise<void> {
    await deps.exclusive(async () => {
      const stamp = now();
      const next: Outbox = {};
      for (const [k, r] of Object.entries(await store.outbox()))
        if (r.nextAt !== null && r.nextAt > stamp) next[k] = { ...r, nextAt: stamp };
      await store.write({ outbox: next });
    });
    for (const p of deps.pacers.all()) p.unblock();
  }

  /**
   * The echo check of the creates that succeeded (lib/sync/reconcile.ts), a read: it waits while the budget keeps
   * the rest for writes (the records keep their marks; checked together later). A failure leaves it for the next flush.
   */
  async function checkEchoes(accounts: readonly Account[], blocked: ReadonlyMap<string, Blocked>): Promise<void> {
    const outbox = await store.outbox();
    for (const account of accounts) {
      if (blocked.has(account.id)) continue;
      const marked = Object.values(outbox).some(
        (r) => r.accountId === account.id && r.remoteId !== null && r.createAttemptAt !== null && r.sent !== null,
      );
      if (!marked) continue;
      const provider = await deps.providerFor(account);
      if (!provider) continue;
      const budget = await budgetFor(account);
      if (!budget.mayRead('lookups')) {
        deps.wakeAt?.(budget.readableAt('lookups'));
        continue;
      }
      budget.noteRead('lookups');
      try {
        await removeEchoes(outbox, account.id, { provider, call: caller(await pacerFor(account)), commit });
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err;
      }
    }
  }

  async function flushOnce(): Promise<void> {
    let accounts = await store.get('accounts');
    troubled = new Map(Object.entries(await store.get('status')).flatMap(([id, st]) => (st.state === 'trouble' ? [[id, st.message]] : [])));
    const blocked = new Map<string, Blocked>();
    const worked = new Set<string>();
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
        const outcome = await syncAccount(account, provider, tasks, known);
        if (outcome.worked) worked.add(account.id);
        if (outcome.block) blocked.set(account.id, outcome.block);
      }
    }
    await checkEchoes(accounts, blocked);
    const outbox = await store.outbox();
    const pending = pendingByAccount(outbox);
    // Wake for the earliest backoff still ahead (this worker may be a fresh one that never scheduled it).
    const ahead = Object.values(outbox).flatMap((r) => {
      const at = dueAt(r);
      return isDirty(r) && at !== null && at > now() ? [at] : [];
    });
    if (ahead.length > 0) deps.wakeAt?.(Math.min(...ahead));
    const parked = Object.values(outbox).filter((r) => r.nextAt === null && r.error);
    for (const account of accounts) {
      const block = blocked.get(account.id);
      const stuck = parked.filter((r) => r.accountId === account.id);
      if (block) await setStatus(account, block, false);
      else if (stuck.length > 0) {
        // The server's own words for the first refused entry; the pages count them (the pending snapshot).
        await setStatus(account, { state: 'refused', message: stuck[0]?.error ?? '' }, worked.has(account.id));
      } else if (worked.has(account.id) || !pending[account.id]) {
        await setStatus(account, { state: 'ok', message: '' }, worked.has(account.id));
      }
    }
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

  /**
   * Follows timers started or stopped elsewhere, for every linked account whose budget allows a poll now (polls
   * are spread over the budget's window: see Budget.admitPoll). When the user looks (the popup opened) and the
   * read-back's own spread allows it too, this week's entries are read back instead (lib/sync/readback.ts): that
   * listing holds the running entry as well, so it stands for the poll and costs no request more. Errors surface on
   * the next flush.
   */
  async function poll(why: PollReason = 'look'): Promise<void> {
    const weekStart = weekStartOf((await store.get('settings')).weekStart);
    for (const account of await store.get('accounts')) {
      const provider = await deps.providerFor(account);
      if (!provider) continue;
      const budget = await budgetFor(account);
      try {
        if (why === 'look' && provider.entriesBetween && budget.admitReadback()) {
          const read = await readBack(account, provider, weekStart, { exclusive: deps.exclusive, now });
          // The listing starts with the week: it tells the running timer only when ours (if any) started in it.
          const timer = await store.get('timer');
          if (read && (timer === null || (timer.startedAt ?? 0) >= read.since)) {
            const remote = read.listed.find((r) => r.running) ?? null;
            await followRemoteTimer(account, { ...provider, running: async () => remote }, { exclusive: deps.exclusive, now });
            continue;
          }
          // A timer older than the week: the look still asks for it (the read-back took the poll's turn).
          if (budget.mayRead('running')) await followRemoteTimer(account, provider, { exclusive: deps.exclusive, now });
          continue;
        }
        if (!budget.admitPoll(why)) continue;
        await followRemoteTimer(account, provider, { exclusive: deps.exclusive, now });
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err;
      }
    }
  }

  return { flush, poll };
}
