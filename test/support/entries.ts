import type { Entry } from '../../lib/core/entry';
import type { SyncRecord } from '../../lib/core/schemas';

/**
 * Entries and outbox records for unit tests, as the data layer stores them. Each test names only the fields it is
 * about; the rest is the plainest record there is. Spelled out here rather than built with the product's own
 * constructors (lib/sync/outbox.ts), so a test comparing what the product made against these still fails when the
 * product changes.
 */

/** A stopped one-minute entry on no task, booked nowhere (Local), on 2026-03-03, never edited (versions 1). */
export const entry = (id: string, over: Partial<Entry> = {}): Entry => ({
  id,
  task: null,
  notes: '',
  day: '2026-03-03',
  startedAt: null,
  endedAt: null,
  durationMs: 60_000,
  running: false,
  booking: null,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

/** An outbox record for `entryId` on Harvest account 1 waiting for its first create: nothing sent, nothing failed. */
export const syncRecord = (entryId: string, over: Partial<SyncRecord> = {}): SyncRecord => ({
  entryId,
  accountId: 'harvest:1',
  remoteId: null,
  wantVersion: 1,
  pushedVersion: 0,
  remoteRunning: false,
  deleted: false,
  snapshot: null,
  createAttemptAt: null,
  sent: null,
  attempts: 0,
  nextAt: 0,
  error: null,
  ...over,
});
