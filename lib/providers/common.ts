import type { ZodType } from 'zod';
import { atMinute } from '../core/time';
import { t } from '../i18n';
import type { HttpClient } from './http';
import { type EntryInput, ProviderError, type RemoteEntry } from './types';

/**
 * What the Clockify and Toggl clients share: the workspace shape the linking form lists, the wall-clock interval
 * Stint books for an entry, how a create whose answer was lost is recognised, and paging.
 */

/** findCreated accepts entries started/created up to this long before `since` (clock skew). */
export const FIND_CREATED_SLACK_MS = 60_000;
/** A reconciled entry's start may differ from the one Stint sent by this much (minute-precision workspaces). */
const START_MATCH_MS = 60_000;
/** A reconciled stopped entry's duration must agree within this. */
const DURATION_MATCH_MS = 40_000;
/** Where a plain duration (no clock times) is placed on its day: 09:00 local. */
const PLAIN_DURATION_START_MINUTE = 9 * 60;
const MAX_PAGES = 500;

export interface RequiredFields {
  project: boolean;
  task: boolean;
  description: boolean;
  tags: boolean;
}

/** A workspace an API key/token can see (account-linking UI); shared by Clockify and Toggl. */
export interface ProviderWorkspace {
  id: string;
  name: string;
  /** The key/token cannot use it (locked, suspended, membership inactive…); `reason` says why. */
  locked: boolean;
  reason?: string;
  /** Fields the workspace requires on every completed entry. */
  required: RequiredFields;
}

/** ISO instant to the second: "2024-05-06T09:00:00Z". */
export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The wall-clock interval Stint books for an entry (Clockify and Toggl both need a start, and an end once stopped):
 * - running: the timer's start (now when unknown), no end;
 * - stopped with a start: start, start + duration (the duration is the truth: it may have been edited or rounded);
 * - plain duration: the entry's day at 09:00 local, moved earlier when needed so the entry ends by midnight.
 */
export function entryInterval(input: EntryInput, now: number): { start: number; end: number | null } {
  if (input.running) return { start: input.startedAt ?? now, end: null };
  const duration = Math.max(0, input.durationMs);
  if (input.startedAt !== null) return { start: input.startedAt, end: input.startedAt + duration };
  const dayStart = atMinute(input.day, 0);
  const dayEnd = atMinute(input.day, 24 * 60);
  const start = Math.max(dayStart, Math.min(atMinute(input.day, PLAIN_DURATION_START_MINUTE), dayEnd - duration));
  return { start, end: start + duration };
}

/** The start a create for `input` sent, when it can be known afterwards (null: a timer started "now"). */
export const intendedStart = (input: EntryInput, now: number): number | null =>
  input.running ? input.startedAt : entryInterval(input, now).start;

const compareIds = (a: string, b: string): number =>
  /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;

/**
 * The remote entries a create for `input` produced (see Provider.findCreated). With a known start the start must
 * match; otherwise the entry must have started on the day, at or after `since` − slack. `checkCreatedAt`: the
 * backend reports a real creation/update time (Toggl `at`), which must be ≥ since − slack.
 * A timer delivered twice leaves the first copy stopped (Clockify and Toggl stop the running timer when another
 * starts), so for a running input, stopped copies that ended at or after `since` (or at once) match too. Order:
 * a running entry first (the one to keep), then oldest first.
 */
export function matchCreated(
  entries: readonly RemoteEntry[],
  input: EntryInput,
  o: { since: number; known: ReadonlySet<string>; now: number; checkCreatedAt: boolean },
): RemoteEntry[] {
  const notes = input.notes.trim();
  const start = intendedStart(input, o.now);
  const earliest = o.since - FIND_CREATED_SLACK_MS;
  return entries
    .filter(
      (e) =>
        !o.known.has(e.remoteId) &&
        e.projectId === input.projectId &&
        e.taskId === input.taskId &&
        e.notes.trim() === notes &&
        e.startedAt !== null &&
        (input.running
          ? e.running || e.durationMs <= DURATION_MATCH_MS || e.startedAt + e.durationMs >= earliest
          : !e.running && Math.abs(e.durationMs - input.durationMs) <= DURATION_MATCH_MS) &&
        (start !== null ? Math.abs(e.startedAt - start) <= START_MATCH_MS : e.startedAt >= earliest && e.day === input.day) &&
        (!o.checkCreatedAt || e.createdAt >= earliest),
    )
    .sort((a, b) => Number(b.running) - Number(a.running) || a.createdAt - b.createdAt || compareIds(a.remoteId, b.remoteId));
}

/** Requests pages 1, 2, … of `first` until one comes back shorter than the page size. */
export async function collectPages<T>(
  http: HttpClient,
  first: URL,
  paging: { service: string; page: string; size: string; pageSize: number },
  schema: ZodType<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = new URL(first);
    url.searchParams.set(paging.page, String(page));
    url.searchParams.set(paging.size, String(paging.pageSize));
    const items = await http.json({ url }, schema);
    out.push(...items);
    if (items.length < paging.pageSize) return out;
  }
  throw new ProviderError('invalid-response', t('pages_endless', paging.service, MAX_PAGES));
}
