import type { Entry } from '../core/entry';
import type { SyncRecord } from '../core/schemas';
import type { EntryInput } from '../providers/types';

/** The outbox: entry id (or `entryId@accountId` for a tombstone left on another account) → record. */
export type Outbox = Record<string, SyncRecord>;

/**
 * A record with no attempt of its own yet: nothing sent, nothing failed, due now. `state` says where the entry
 * stands with the tracker: nothing pushed (a new entry), or in step with it (read back, or a timer adopted from it).
 */
export function newRecord(
  entryId: string,
  accountId: string,
  state: Pick<SyncRecord, 'wantVersion'> & Partial<Pick<SyncRecord, 'remoteId' | 'pushedVersion' | 'remoteRunning' | 'remoteStamp'>>,
): SyncRecord {
  return {
    entryId,
    accountId,
    remoteId: state.remoteId ?? null,
    wantVersion: state.wantVersion,
    pushedVersion: state.pushedVersion ?? 0,
    remoteRunning: state.remoteRunning ?? false,
    deleted: false,
    snapshot: null,
    createAttemptAt: null,
    sent: null,
    attempts: 0,
    nextAt: 0,
    error: null,
    ...(state.remoteStamp === undefined ? {} : { remoteStamp: state.remoteStamp }),
  };
}

const tombstone = (r: SyncRecord, entry: Entry): SyncRecord => ({
  ...r,
  deleted: true,
  snapshot: entry,
  attempts: 0,
  nextAt: 0,
  error: null,
});

/**
 * Journals what the user just did. `changed` entries are the new versions; `removed` are the entries as they
 * were before deletion. Pure: returns a new outbox (the same object when nothing concerns a linked account).
 */
export function journal(outbox: Outbox, changed: readonly Entry[], removed: readonly Entry[]): Outbox {
  let next: Outbox | null = null;
  const edit = () => (next ??= { ...outbox });
  for (const entry of changed) {
    const current = outbox[entry.id];
    const accountId = entry.booking?.accountId ?? null;
    if (current && current.accountId !== accountId) {
      // Moved to Local or to another account: remove it where it was.
      edit()[`${entry.id}@${current.accountId}`] = tombstone(current, entry);
      delete edit()[entry.id];
    }
    if (!accountId) continue;
    const base = current && current.accountId === accountId ? current : newRecord(entry.id, accountId, { wantVersion: entry.updatedAt });
    // A user edit is a new chance: retry now, forget a parked error.
    edit()[entry.id] = { ...base, wantVersion: entry.updatedAt, attempts: 0, nextAt: 0, error: null };
  }
  for (const entry of removed) {
    const current = outbox[entry.id];
    if (!current) continue;
    edit()[entry.id] = tombstone(current, entry);
  }
  return next ?? outbox;
}

/** Whether the remote side still has to change for this record. */
export const isDirty = (r: SyncRecord): boolean => r.deleted || r.remoteId === null || r.pushedVersion < r.wantVersion;

/** Records ready to work on now, oldest first; parked ones (nextAt null) wait for the user. */
/**
 * How long a create whose answer was lost may still land on the server: the request was received, then the worker
 * died (or the connection dropped) before the answer, and the server finishes what it started. Looking it up
 * sooner finds nothing and sends it again: a duplicate once the first copy lands.
 */
export const IN_FLIGHT_MS = 5_000;

/** When a record may be worked on next: its backoff, and for a create in doubt not before it could have landed. */
export function dueAt(r: SyncRecord): number | null {
  if (r.nextAt === null) return null;
  return r.remoteId === null && r.createAttemptAt !== null ? Math.max(r.nextAt, r.createAttemptAt + IN_FLIGHT_MS) : r.nextAt;
}

export function due(outbox: Outbox, now: number): [string, SyncRecord][] {
  return Object.entries(outbox)
    .filter(([, r]) => {
      const at = dueAt(r);
      return isDirty(r) && at !== null && at <= now;
    })
    .sort(([, a], [, b]) => a.wantVersion - b.wantVersion);
}

/** Pending changes per account, for the sync status ("3 changes waiting"). */
export function pendingByAccount(outbox: Outbox): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of Object.values(outbox)) if (isDirty(r)) out[r.accountId] = (out[r.accountId] ?? 0) + 1;
  return out;
}

/** What the pages show of the outbox: per account, changes waiting and entries refused; per entry, its state. */
export interface PendingSummary {
  waiting: Record<string, number>;
  refused: Record<string, number>;
  /**
   * Entry id → 'waiting' (a dot on the entry) or 'refused' with the server's words (it needs the user);
   * `changedElsewhere`: the tracker's copy was changed meanwhile, and this local edit will replace it.
   */
  entries: Record<string, { state: 'waiting' | 'refused'; error?: string; changedElsewhere?: true }>;
}

/** A record parked until the user edits its entry (the server refused it). */
export const isRefused = (r: SyncRecord): boolean => r.nextAt === null && r.error !== null;

export function pendingSummary(outbox: Outbox): PendingSummary {
  const out: PendingSummary = { waiting: {}, refused: {}, entries: {} };
  for (const r of Object.values(outbox)) {
    if (!isDirty(r)) continue;
    out.waiting[r.accountId] = (out.waiting[r.accountId] ?? 0) + 1;
    if (isRefused(r)) out.refused[r.accountId] = (out.refused[r.accountId] ?? 0) + 1;
    // A removal is about an entry no longer shown; the entry's own record says what it is.
    if (r.deleted) continue;
    const state: PendingSummary['entries'][string] = isRefused(r) ? { state: 'refused', error: r.error ?? '' } : { state: 'waiting' };
    if (r.remoteChangedAt !== undefined) state.changedElsewhere = true;
    out.entries[r.entryId] = state;
  }
  return out;
}

/** Remote ids Stint already knows (reconciliation must not adopt them twice). */
export const knownRemoteIds = (outbox: Outbox): Set<string> =>
  new Set(Object.values(outbox).flatMap((r) => (r.remoteId ? [r.remoteId] : [])));

/** What the provider should make of a local entry. */
export function toInput(entry: Entry): EntryInput {
  return {
    localId: entry.id,
    projectId: entry.booking?.projectId ?? '',
    taskId: entry.booking?.taskId ?? '',
    notes: entry.notes,
    day: entry.day,
    startedAt: entry.startedAt,
    endedAt: entry.endedAt,
    durationMs: entry.durationMs,
    running: entry.running,
    task: entry.task
      ? {
          id: entry.task.id,
          groupId: entry.task.groupId,
          url: entry.task.url,
          integration: entry.task.integration,
          // A meeting keeps its real start and end; a tracker that takes hours only gets them in the notes.
          ...(entry.task.span ? { meeting: true } : {}),
        }
      : undefined,
    // Only what Stint set: an entry it never tagged leaves the remote tags (and the tracker's billable) alone.
    ...(entry.tags ? { tagIds: entry.tags.map((tag) => tag.id) } : {}),
    ...(entry.billable !== undefined ? { billable: entry.billable } : {}),
  };
}

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(300_000, 2_000 * 2 ** Math.min(attempts, 10));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
