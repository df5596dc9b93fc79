import { describe, expect, it } from 'vitest';
import { syncRecord } from '../../test/support/entries';
import type { SyncRecord } from '../core/schemas';
import { pendingSummary } from './outbox';

const rec = (entryId: string, accountId: string, over: Partial<SyncRecord> = {}): SyncRecord =>
  syncRecord(entryId, { accountId, wantVersion: 2, ...over });

describe('pending summary (what the pages show of the outbox)', () => {
  it('counts waiting and refused changes per account, and says each waiting entry’s state', () => {
    const summary = pendingSummary({
      a: rec('a', 'harvest:1'),
      b: rec('b', 'harvest:1', { nextAt: null, error: 'Spent date is locked' }),
      c: rec('c', 'harvest:1', { remoteId: 'r', pushedVersion: 2 }), // synced: not pending
      'd@toggl:2': rec('d', 'toggl:2', { deleted: true, remoteId: 'r9' }),
      e: rec('e', 'harvest:1', { nextAt: 5000, error: 'HTTP 503' }), // backing off, not refused
    });
    expect(summary.waiting).toEqual({ 'harvest:1': 3, 'toggl:2': 1 });
    expect(summary.refused).toEqual({ 'harvest:1': 1 });
    expect(summary.entries).toEqual({
      a: { state: 'waiting' },
      b: { state: 'refused', error: 'Spent date is locked' },
      e: { state: 'waiting' },
    });
  });
});
