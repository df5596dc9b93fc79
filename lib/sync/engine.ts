import type { Entry } from '../entry';
import { type Provider, ProviderError } from '../providers/types';
import type { Account, AccountStatus, SyncRecord } from '../schemas';
import { items, readAccounts, readEntries, readOutbox, readStatus, readTimer } from '../storage';
import { backoffMs, due, isDirty, knownRemoteIds, type Outbox, pendingByAccount, toInput } from './outbox';
import { DEFAULT_PACE, Pacer } from './pacer';
import { followRemoteTimer } from './remote';

/**
 * Replays the outbox to the providers until every record is clean. Network calls happen outside the state
 * lock; their results are committed under it, merged into whatever the record has become meanwhile. Before a
 * create is sent, the attempt is made durable, so a create whose answer was lost (worker killed, connection
 * dropped after the server committed) is reconciled by looking it up, never sent twice.
 */

export interface EngineDeps {
  /** The background's state lock (lib/service.ts serial()). */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** A provider for a linked account, or null when its credentials are missing (needs reconnecting). */
  providerFor(account: Account): Promise<Provider | null>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Asks to be woken at a time (alarms); the engine also wakes on every intent and on startup. */
  wakeAt?(time: number): void;
}

/** Longest in-process wait for pacing or Retry-After; longer waits end the flush and wake by alarm. */
const MAX_INLINE_WAIT = 20_000;
/** A re-sent create reaches the server right after the first copy. */
const ECHO_WINDOW_MS = 5_000;

type Blocked = { state: AccountStatus['state']; message: string };

export function createSyncEngine(deps: EngineDeps) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pacers = new Map<string, Pacer>();
  let running: Promise<void> | null = null;
  let again = false;

  async function pacerFor(account: Account): Promise<Pacer> {
    const pace = (await items.pace.getValue())[account.provider] ?? DEFAULT_PACE[account.provider] ?? { requests: 100, windowMs: 15_000 };
    const existing = pacers.get(account.id);
    if (existing) {
      existing.setPace(pace);
      return existing;
    }
    const pacer = new Pacer(pace, now);
    pacers.set(account.id, pacer);
    return pacer;
  }

  /** Applies a change to a record under the lock; `null` drops it. The record may have changed meanwhile. */
  function commit(key: string, change: (r: SyncRecord) => SyncRecord | null): Promise<void> {
    return deps.exclusive(async () => {
      const outbox = await readOutbox();
      const current = outbox[key];
      if (!current) return;
      const next = change(current);
      const copy: Outbox = { ...outbox };
      if (next) copy[key] = next;
      else delete copy[key];
      await items.outbox.setValue(copy);
    });
  }

  async function currentEntry(id: string): Promise<Entry | null> {
    const timer = await readTimer();
    if (timer?.id === id) return timer;
    return (await readEntries()).find((e) => e.id === id) ?? null;
  }

  /** Brings one record's remote side up to date. Throws ProviderError; the caller decides what it means. */
  async function step(key: string, rec: SyncRecord, provider: Provider, pacer: Pacer): Promise<void> {
    const call = async <T>(fn: () => Promise<T>): Promise<T> => {
      for (let wait = pacer.delay(); wait > 0; wait = pacer.delay()) {
        if (wait > MAX_INLINE_WAIT) throw new ProviderError(pacer.blockedBy, 'Waiting for the rate limit.', { retryAfterMs: wait });
        await sleep(wait);
      }
      pacer.take();
      return fn();
    };
    const entry = rec.deleted ? rec.snapshot : await currentEntry(rec.entryId);
    // Nothing left to sync, unless the record was deleted meanwhile and still has to delete its remote.
    if (!entry) return commit(key, (r) => (r.deleted ? r : null));
    const input = toInput(entry);

    let remoteId = rec.remoteId;
    if (!remoteId && rec.createAttemptAt !== null) {
      const known = knownRemoteIds(await readOutbox());
      const sent = rec.sent ?? entry;
      const [found, ...echoes] = await call(() => provider.findCreated(toInput(sent), rec.createAttemptAt ?? 0, known));
      // The same create delivered twice (the browser resent it after the connection dropped): keep one.
      for (const echo of echoes) await call(() => provider.remove(echo.remoteId));
      if (found) {
        remoteId = found.remoteId;
        const adopted = { remoteId, pushedVersion: sent.updatedAt, remoteRunning: found.running, createAttemptAt: null, sent: null };
        await commit(key, (r) => ({ ...r, ...adopted }));
        rec = { ...rec, ...adopted };
      }
    }

    if (rec.deleted) {
      if (remoteId) {
        const id = remoteId;
        await call(() => provider.remove(id));
      }
      return commit(key, () => null);
    }

    if (!remoteId) {
      const attemptAt = now();
      await commit(key, (r) => ({ ...r, createAttemptAt: attemptAt, sent: entry }));
      const created = await call(() => provider.create(input));
      await commit(key, (r) => ({
        ...r,
        remoteId: created.remoteId,
        pushedVersion: entry.updatedAt,
        remoteRunning: created.running,
        createAttemptAt: null,
        sent: null,
        attempts: 0,
        error: null,
      }));
      // The browser re-sends a create whose connection closed before any answer: the answer is the second copy,
      // and the first one (created just before it) is an echo to remove.
      const known = knownRemoteIds(await readOutbox());
      const echoes = (await call(() => provider.findCreated(input, attemptAt, known))).filter(
        (e) => e.createdAt <= created.createdAt && created.createdAt - e.createdAt <= ECHO_WINDOW_MS,
      );
      for (const echo of echoes) await call(() => provider.remove(echo.remoteId));
      return;
    }

    if (rec.pushedVersion < rec.wantVersion) {
      const id = remoteId;
      if (rec.remoteRunning && !entry.running) {
        await call(() => provider.stop(id, input));
        await commit(key, (r) => ({ ...r, remoteRunning: false }));
      }
      // Exact times and notes (a timer stopped offline keeps the time it was stopped at, not the sync time).
      const updated = await call(() => provider.update(id, input));
      await commit(key, (r) => ({ ...r, pushedVersion: entry.updatedAt, remoteRunning: updated.running, attempts: 0, error: null }));
    }
  }

  /** What a failure means for the record and for its account. */
  async function failed(key: string, rec: SyncRecord, account: Account, err: unknown, pacer: Pacer): Promise<Blocked | null> {
    const e = err instanceof ProviderError ? err : new ProviderError('network', err instanceof Error ? err.message : String(err));
    const name = account.provider[0]?.toUpperCase() + account.provider.slice(1);
    switch (e.kind) {
      case 'rate-limit':
      case 'quota': {
        const wait = e.options.retryAfterMs ?? 15_000;
        pacer.block(wait, e.kind);
        if (wait <= MAX_INLINE_WAIT) return null; // the loop waits and goes on
        const message =
          e.kind === 'quota'
            ? `${name} plan quota used up; syncing again in ${Math.ceil(wait / 60_000)} min.`
            : `${name} asked Stint to slow down; syncing again in ${Math.ceil(wait / 1000)} s.`;
        deps.wakeAt?.(now() + wait);
        return { state: 'rate-limited', message };
      }
      case 'network':
      case 'server':
      case 'invalid-response': {
        const attempts = rec.attempts + 1;
        const at = now() + backoffMs(attempts);
        await commit(key, (r) => ({ ...r, attempts, nextAt: at, error: e.message }));
        deps.wakeAt?.(at);
        if (e.kind === 'network')
          return { state: 'offline', message: `Offline: ${name} could not be reached. Changes are kept and sync when it is back.` };
        return { state: 'error', message: `${name} is having trouble (${e.message}). Stint will retry.` };
      }
      case 'auth':
        return { state: 'needs-reconnect', message: `${name} rejected the sign-in. Reconnect ${name} in Stint's options.` };
      default:
        // Refused data (403/404/422): park the record with the server's message until the user edits the entry.
        await commit(key, (r) => ({ ...r, nextAt: null, error: e.message }));
        return null;
    }
  }

  async function setStatus(account: Account, status: Omit<AccountStatus, 'checkedAt' | 'lastSyncAt'>, synced: boolean) {
    await deps.exclusive(async () => {
      const all = await readStatus();
      const old = all[account.id];
      await items.status.setValue({
        ...all,
        [account.id]: { ...status, checkedAt: now(), lastSyncAt: synced ? now() : (old?.lastSyncAt ?? null) },
      });
    });
  }

  /** Makes every waiting record due now (the user asked to retry, or the network came back). */
  async function retryNow(): Promise<void> {
    await deps.exclusive(async () => {
      const outbox = await readOutbox();
      const stamp = now();
      let touched = false;
      const next: Outbox = {};
      for (const [k, r] of Object.entries(outbox)) {
        const waiting = r.nextAt !== null && r.nextAt > stamp;
        next[k] = waiting ? { ...r, nextAt: stamp } : r;
        touched ||= waiting;
      }
      if (touched) await items.outbox.setValue(next);
    });
    for (const p of pacers.values()) p.unblock();
  }

  async function flushOnce(): Promise<void> {
    let accounts = await readAccounts();
    const blocked = new Map<string, Blocked>();
    const worked = new Set<string>();
    for (;;) {
      // Re-read each round: an account linked while this flush runs has its first entries queued already.
      accounts = await readAccounts();
      const outbox = await readOutbox();
      const work = due(outbox, now()).filter(([, r]) => !blocked.has(r.accountId));
      if (work.length === 0) break;
      for (const [key, rec] of work) {
        if (blocked.has(rec.accountId)) continue;
        const account = accounts.find((a) => a.id === rec.accountId);
        if (!account) {
          // Unknown account (unlinking removes its queue itself): leave the record alone.
          blocked.set(rec.accountId, { state: 'needs-reconnect', message: 'This account is not linked.' });
          continue;
        }
        const provider = await deps.providerFor(account);
        if (!provider) {
          blocked.set(account.id, { state: 'needs-reconnect', message: `Sign in to ${account.provider} again to sync.` });
          continue;
        }
        const pacer = await pacerFor(account);
        try {
          await step(key, rec, provider, pacer);
          worked.add(account.id);
        } catch (err) {
          const block = await failed(key, rec, account, err, pacer);
          if (block) blocked.set(account.id, block);
        }
      }
    }
    const outbox = await readOutbox();
    const pending = pendingByAccount(outbox);
    // Wake for the earliest backoff still ahead (this worker may be a fresh one that never scheduled it).
    const ahead = Object.values(outbox).flatMap((r) => (isDirty(r) && r.nextAt !== null && r.nextAt > now() ? [r.nextAt] : []));
    if (ahead.length > 0) deps.wakeAt?.(Math.min(...ahead));
    const parked = Object.values(outbox).filter((r) => r.nextAt === null && r.error);
    for (const account of accounts) {
      const block = blocked.get(account.id);
      const stuck = parked.filter((r) => r.accountId === account.id);
      if (block) await setStatus(account, block, false);
      else if (stuck.length > 0) {
        const message = `${stuck.length} ${stuck.length === 1 ? 'entry was' : 'entries were'} refused: ${stuck[0]?.error ?? ''}`;
        await setStatus(account, { state: 'error', message }, worked.has(account.id));
      } else if (worked.has(account.id) || !pending[account.id]) {
        await setStatus(account, { state: 'ok', message: 'Up to date.' }, worked.has(account.id));
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

  /** Follows timers started or stopped elsewhere, for every linked account (errors surface on the next flush). */
  async function poll(): Promise<void> {
    for (const account of await readAccounts()) {
      const provider = await deps.providerFor(account);
      if (!provider) continue;
      try {
        await followRemoteTimer(account, provider, { exclusive: deps.exclusive, now });
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err;
      }
    }
  }

  return { flush, poll };
}
