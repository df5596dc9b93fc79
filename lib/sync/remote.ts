import type { Entry } from '../core/entry';
import type { Account, Booking } from '../core/schemas';
import { remoteLabels } from '../core/tags';
import { dayKey } from '../core/time';
import { taskFromUrl } from '../integrations';
import { providerInfo } from '../providers/catalog';
import type { Provider, RemoteEntry } from '../providers/types';
import * as store from '../state/store';
import { isDirty, knownRemoteIds, newRecord } from './outbox';

/**
 * Remote changes: a timer started or stopped in the tracker's web app or on another device shows up in Stint.
 * Only clean state is touched: a local change still waiting to sync always wins over what the server says.
 */

export interface RemoteDeps {
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  now?: () => number;
  newId?: () => string;
}

export async function followRemoteTimer(account: Account, provider: Provider, deps: RemoteDeps): Promise<void> {
  const remote = await provider.running();
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  await deps.exclusive(async () => {
    let timer = await store.get('timer');
    const outbox = await store.outbox();
    const stoppedHere: Entry[] = [];
    const records: typeof outbox = {};
    let changed = false;

    // Stopped elsewhere: our synced, clean running timer is no longer the running one remotely.
    const rec = timer ? outbox[timer.id] : undefined;
    if (
      timer &&
      rec &&
      rec.accountId === account.id &&
      rec.remoteId &&
      !isDirty(rec) &&
      rec.remoteRunning &&
      remote?.remoteId !== rec.remoteId
    ) {
      const t = now();
      const done: Entry = { ...timer, running: false, endedAt: t, durationMs: Math.max(0, t - (timer.startedAt ?? t)), updatedAt: t };
      stoppedHere.push(done);
      records[timer.id] = outbox[timer.id] = { ...rec, remoteRunning: false, wantVersion: t, pushedVersion: t };
      timer = null;
      changed = true;
    }

    // Started elsewhere: adopt it as the running timer, unless something runs here already, or a create of this
    // account is in doubt (its answer was lost: the remote timer may be that very entry).
    const inDoubt = Object.values(outbox).some((r) => r.accountId === account.id && r.remoteId === null && r.createAttemptAt !== null);
    if (remote?.running && !timer && !inDoubt && !knownRemoteIds(outbox).has(remote.remoteId)) {
      const adopted = await adopt(remote, account, now(), newId());
      timer = adopted;
      records[adopted.id] = newRecord(adopted.id, account.id, {
        remoteId: remote.remoteId,
        wantVersion: adopted.updatedAt,
        pushedVersion: adopted.updatedAt,
        remoteRunning: true,
      });
      changed = true;
    }

    if (!changed) return;
    await store.write({ kv: { timer }, entries: stoppedHere, outbox: records });
  });
}

async function adopt(remote: RemoteEntry, account: Account, now: number, id: string): Promise<Entry> {
  const cache = await store.assignments(account.id);
  const cached = cache?.list.find((a) => a.projectId === remote.projectId && a.taskId === remote.taskId);
  const labels = remoteLabels(remote, providerInfo(account.provider)?.tags ? { tagged: true, tags: cache?.tags ?? [] } : null);
  const booking: Booking = {
    accountId: account.id,
    projectId: remote.projectId,
    taskId: remote.taskId,
    projectName: cached?.projectName ?? '',
    taskName: cached?.taskName ?? '',
  };
  const task = remote.permalink ? taskFromUrl(remote.permalink) : null;
  return {
    id,
    task: task ? { ...task, title: task.title || remote.notes.slice(0, 1000) } : null,
    notes: remote.notes.slice(0, 5000),
    day: remote.day || dayKey(now),
    startedAt: remote.startedAt ?? now,
    endedAt: null,
    durationMs: 0,
    running: true,
    booking,
    ...labels,
    createdAt: now,
    updatedAt: now,
  };
}
