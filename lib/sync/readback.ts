import type { Account } from '../core/schemas';
import { atMinute, dayKey } from '../core/time';
import { startOfWeek, type WeekStart } from '../core/week';
import { providerInfo } from '../providers/catalog';
import type { Provider, RemoteEntry } from '../providers/types';
import * as store from '../state/store';
import { knownRemoteIds } from './outbox';
import { mergeReadback, type ReadbackChange } from './readback-merge';

/**
 * The read-back timesheet's I/O: lists an account's entries of this week (the popup's today and week) with one
 * request, outside the state lock, then merges them into the data layer under it (lib/sync/readback-merge.ts),
 * against the outbox and entries as they are by then. The entries store is the cache: the popup paints from it at
 * once, offline too, and repaints when this write lands (`state.changed`).
 */

export interface ReadbackDeps {
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  now?: () => number;
  newId?: () => string;
}

/** The days read back: the week holding `now`, up to today. */
export function readbackDays(now: number, weekStart: WeekStart): { from: string; to: string } {
  return { from: dayKey(startOfWeek(new Date(now), weekStart).getTime()), to: dayKey(now) };
}

export async function readBack(
  account: Account,
  provider: Provider,
  weekStart: WeekStart,
  deps: ReadbackDeps,
): Promise<{
  counts: ReadbackChange['counts'];
  listed: RemoteEntry[];
  /** The listing's first instant; what the outbox knew and the running timer's id when it was asked for. */
  since: number;
  knownBefore: ReadonlySet<string>;
  timerBefore: string | null;
} | null> {
  if (!provider.entriesBetween) return null;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const { from, to } = readbackDays(now(), weekStart);
  // What the outbox knew before asking: an entry whose create lands after this may be missing from the listing.
  const knownBefore = knownRemoteIds(await store.outbox());
  const timerBefore = (await store.get('timer'))?.id ?? null;
  const listed = await provider.entriesBetween(from, to);
  return deps.exclusive(async () => {
    const [outbox, local, cache] = await Promise.all([store.outbox(), store.entriesFrom(from), store.assignments(account.id)]);
    const change = mergeReadback({
      accountId: account.id,
      from,
      to,
      listed,
      knownBefore,
      outbox,
      local: local.filter((e) => e.day <= to),
      names: (projectId, taskId) => {
        const a = cache?.list.find((x) => x.projectId === projectId && x.taskId === taskId);
        return { projectName: a?.projectName ?? '', taskName: a?.taskName ?? '' };
      },
      tagContext: providerInfo(account.provider)?.tags ? { tagged: true, tags: cache?.tags ?? [] } : null,
      now: now(),
      newId,
    });
    await store.write({
      entries: change.entries,
      deleteEntries: change.deleteEntries,
      outbox: change.outbox,
      deleteOutbox: change.deleteOutbox,
    });
    return { counts: change.counts, listed, since: atMinute(from, 0), knownBefore, timerBefore };
  });
}
