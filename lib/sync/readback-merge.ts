import type { Entry } from '../core/entry';
import type { Booking, SyncRecord } from '../core/schemas';
import { type Classified, type ClassifyContext, remoteLabels } from '../core/tags';
import { taskFromUrl } from '../integrations';
import type { RemoteEntry } from '../providers/types';
import { isDirty, newRecord, type Outbox } from './outbox';

/**
 * The read-back timesheet, pure: merges a tracker's listing of some days into the local entries of those days.
 * Every remote entry becomes (or stays) a local entry bound to its remote id by a clean outbox record, so the
 * popup's today, week and recent work read one store, and an edit, a delete or "start again" of an entry made in
 * the tracker's own app goes through the outbox like any other (an edit is a PATCH/PUT of that remote id).
 *
 * Rules:
 * - a remote entry the outbox knows is matched by its remote id, never added twice;
 * - a clean local entry follows the server (edited elsewhere), or goes when the server no longer lists it;
 * - a local change still waiting to sync always wins; when the server's copy changed meanwhile, the record says so
 *   (`remoteChangedAt`) and the push overwrites it;
 * - running entries are the remote timer's business (lib/sync/remote.ts); an entry without a project (Clockify,
 *   Toggl) is booked to the account with an empty project;
 * - while a create of the account is in doubt (its answer lost, or its echo not checked yet) nothing new is added:
 *   the unknown remote entry may be that create, which reconciliation adopts.
 */

/** Clock times differing by less than this are the same (Harvest keeps start/end times to the minute). */
const START_SAME_MS = 60_000;
/** Durations differing by less than this are the same (Toggl and Clockify keep seconds; Harvest 0.01 h). */
const DURATION_SAME_MS = 1_000;

/** A short digest of what a remote entry says (32-bit FNV-1a of its fields, twice with different seeds). */
export function remoteStamp(r: RemoteEntry): string {
  const text = JSON.stringify([r.day, r.durationMs, r.notes, r.projectId, r.taskId, r.startedAt, r.running, r.tagIds, r.billable]);
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h.toString(36);
  };
  return `${fnv(2166136261)}.${fnv(0x9e3779b9)}`;
}

export interface ReadbackInput {
  accountId: string;
  /** The days listed, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  listed: readonly RemoteEntry[];
  /** Remote ids the outbox knew before the listing was asked for (an id learned since may be missing from it). */
  knownBefore: ReadonlySet<string>;
  outbox: Outbox;
  /** Local stopped entries of the days listed (any account). */
  local: readonly Entry[];
  /** Labels of a project/task from the account's cached project list (empty when not cached). */
  names(projectId: string, taskId: string): { projectName: string; taskName: string };
  /** The account's tracker has tags (Clockify, Toggl), with the workspace's cached tags; null otherwise (Harvest). */
  tagContext: ClassifyContext | null;
  now: number;
  newId(): string;
}

export interface ReadbackChange {
  entries: Entry[];
  deleteEntries: string[];
  outbox: Outbox;
  deleteOutbox: string[];
  counts: { added: number; updated: number; removed: number; changedElsewhere: number; withoutProject: number; held: number };
}

const tagKey = (x: Classified) => (x.tags ? x.tags.map((tag) => `${tag.id}=${tag.name}`).join('\n') : null);

/** Whether the local entry says something other than the remote one (within the trackers' precision). */
function differs(e: Entry, r: RemoteEntry, labels: Classified): boolean {
  if (e.notes !== r.notes || e.day !== r.day) return true;
  if (tagKey(e) !== tagKey(labels) || e.billable !== labels.billable) return true;
  if (e.booking?.projectId !== r.projectId || e.booking?.taskId !== r.taskId) return true;
  if (Math.abs(e.durationMs - r.durationMs) >= DURATION_SAME_MS) return true;
  if ((e.startedAt === null) !== (r.startedAt === null)) return true;
  return e.startedAt !== null && r.startedAt !== null && Math.abs(e.startedAt - r.startedAt) >= START_SAME_MS;
}

/** Whether a local entry with no record is this remote one (same day, booking, notes and time). */
const sameEntry = (e: Entry, r: RemoteEntry): boolean =>
  e.day === r.day &&
  e.notes === r.notes &&
  e.booking?.projectId === r.projectId &&
  e.booking.taskId === r.taskId &&
  Math.abs(e.durationMs - r.durationMs) < START_SAME_MS;

/**
 * The local entry a remote one makes (a new one, or `base` following the server). Its tags and billable flag are the
 * remote entry's (`labels`): tags only when every one is in the cached list, else none said, so an edit in Stint
 * leaves tags it cannot name as they are on the tracker.
 */
function fromRemote(r: RemoteEntry, base: Entry | null, booking: Booking, labels: Classified, id: string, now: number): Entry {
  const task = base?.task ?? (r.permalink ? taskFromUrl(r.permalink) : null);
  return {
    id,
    task: task ? { ...task, title: task.title || r.notes.slice(0, 1000) } : null,
    notes: r.notes.slice(0, 5000),
    day: r.day,
    startedAt: r.startedAt,
    endedAt: r.startedAt === null ? null : r.startedAt + r.durationMs,
    durationMs: r.durationMs,
    running: false,
    booking,
    ...(labels.tags ? { tags: labels.tags } : {}),
    ...(labels.billable !== undefined ? { billable: labels.billable } : {}),
    createdAt: base?.createdAt ?? (Number.isFinite(r.createdAt) ? r.createdAt : now),
    // Versions only grow: the outbox compares them.
    updatedAt: Math.max(now, (base?.updatedAt ?? 0) + 1),
  };
}

const cleanRecord = (entryId: string, accountId: string, remoteId: string, version: number, stamp: string): SyncRecord =>
  newRecord(entryId, accountId, { remoteId, wantVersion: version, pushedVersion: version, remoteStamp: stamp });

export function mergeReadback(input: ReadbackInput): ReadbackChange {
  const { accountId, now } = input;
  const out: ReadbackChange = {
    entries: [],
    deleteEntries: [],
    outbox: {},
    deleteOutbox: [],
    counts: { added: 0, updated: 0, removed: 0, changedElsewhere: 0, withoutProject: 0, held: 0 },
  };
  const mine = Object.entries(input.outbox).filter(([, r]) => r.accountId === accountId);
  // The record that holds a remote id (a live one before a removal still waiting).
  const byRemote = new Map<string, [string, SyncRecord]>();
  for (const [key, r] of mine) {
    if (!r.remoteId) continue;
    const seen = byRemote.get(r.remoteId);
    if (!seen || (seen[1].deleted && !r.deleted)) byRemote.set(r.remoteId, [key, r]);
  }
  const unsettled = mine.some(([, r]) => r.createAttemptAt !== null);
  const localById = new Map(input.local.map((e) => [e.id, e]));
  const inWindow = (day: string) => day >= input.from && day <= input.to;
  const listed = input.listed.filter((r) => inWindow(r.day));
  const orphans = input.local.filter((e) => e.booking?.accountId === accountId && !input.outbox[e.id]);
  const bound = new Set<string>();

  for (const r of listed) {
    if (r.running) continue;
    const stamp = remoteStamp(r);
    const labels = remoteLabels(r, input.tagContext);
    const held = byRemote.get(r.remoteId);
    if (held) {
      const [key, rec] = held;
      const entry = localById.get(rec.entryId);
      if (rec.deleted || !entry) continue; // being removed, or the running timer / an entry outside the days
      if (isDirty(rec)) {
        // The local edit wins; say so when the server's copy changed since Stint last saw it.
        if (rec.remoteStamp !== undefined && rec.remoteStamp !== stamp && rec.remoteChangedAt === undefined) {
          out.outbox[key] = { ...rec, remoteChangedAt: now };
          out.counts.changedElsewhere++;
        }
        continue;
      }
      if (differs(entry, r, labels)) {
        const names =
          entry.booking?.projectId === r.projectId && entry.booking.taskId === r.taskId
            ? entry.booking
            : input.names(r.projectId, r.taskId);
        const booking: Booking = {
          accountId,
          projectId: r.projectId,
          taskId: r.taskId,
          projectName: names.projectName ?? '',
          taskName: names.taskName ?? '',
        };
        const next = fromRemote(r, entry, booking, labels, entry.id, now);
        out.entries.push(next);
        // Still clean (nothing to push back); an echo check still due keeps its marks.
        out.outbox[key] = {
          ...rec,
          wantVersion: next.updatedAt,
          pushedVersion: next.updatedAt,
          remoteStamp: stamp,
          remoteChangedAt: undefined,
        };
        out.counts.updated++;
      } else if (rec.remoteStamp !== stamp || rec.remoteChangedAt !== undefined) {
        out.outbox[key] = { ...rec, remoteStamp: stamp, remoteChangedAt: undefined };
      }
      continue;
    }
    if (!r.projectId) out.counts.withoutProject++;
    if (unsettled) {
      out.counts.held++;
      continue;
    }
    // An entry of this account that lost its record (the account was unlinked, then linked again) is that entry.
    const orphan = orphans.find((e) => !bound.has(e.id) && sameEntry(e, r));
    if (orphan) {
      bound.add(orphan.id);
      out.outbox[orphan.id] = cleanRecord(orphan.id, accountId, r.remoteId, orphan.updatedAt, stamp);
      continue;
    }
    const id = input.newId();
    const booking: Booking = { accountId, projectId: r.projectId, taskId: r.taskId, ...input.names(r.projectId, r.taskId) };
    const entry = fromRemote(r, null, booking, labels, id, now);
    out.entries.push(entry);
    out.outbox[id] = cleanRecord(id, accountId, r.remoteId, entry.updatedAt, stamp);
    out.counts.added++;
  }

  // Deleted elsewhere (or moved to a day outside the listing): a clean entry the server no longer lists goes.
  const present = new Set(input.listed.map((r) => r.remoteId));
  for (const e of input.local) {
    if (e.booking?.accountId !== accountId || !inWindow(e.day)) continue;
    const rec = input.outbox[e.id];
    if (!rec || rec.accountId !== accountId || !rec.remoteId || isDirty(rec) || rec.createAttemptAt !== null) continue;
    if (!input.knownBefore.has(rec.remoteId) || present.has(rec.remoteId)) continue;
    out.deleteEntries.push(e.id);
    out.deleteOutbox.push(e.id);
    out.counts.removed++;
  }
  return out;
}
