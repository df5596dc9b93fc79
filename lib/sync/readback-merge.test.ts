import { describe, expect, it } from 'vitest';
import { entry, syncRecord } from '../../test/support/entries';
import type { Entry } from '../core/entry';
import type { SyncRecord } from '../core/schemas';
import type { RemoteEntry } from '../providers/types';
import { isDirty, journal, pendingSummary } from './outbox';
import { mergeReadback, type ReadbackInput, remoteStamp } from './readback-merge';

const ACCOUNT = 'harvest:1';
const DAY = '2025-03-12';
const NOW = Date.UTC(2025, 2, 12, 18);
const T9 = Date.UTC(2025, 2, 12, 9);

const remote = (id: string, over: Partial<RemoteEntry> = {}): RemoteEntry => ({
  remoteId: id,
  running: false,
  day: DAY,
  durationMs: 3_600_000,
  notes: `notes ${id}`,
  projectId: 'p1',
  taskId: 't1',
  startedAt: T9,
  createdAt: T9,
  ...over,
});

const local = (id: string, over: Partial<Entry> = {}): Entry =>
  entry(id, {
    notes: `notes ${id}`,
    day: DAY,
    startedAt: T9,
    endedAt: T9 + 3_600_000,
    durationMs: 3_600_000,
    booking: { accountId: ACCOUNT, projectId: 'p1', taskId: 't1', projectName: 'Website', taskName: 'Design' },
    createdAt: T9,
    updatedAt: 100,
    ...over,
  });

const clean = (entryId: string, remoteId: string, over: Partial<SyncRecord> = {}): SyncRecord =>
  syncRecord(entryId, { accountId: ACCOUNT, remoteId, wantVersion: 100, pushedVersion: 100, ...over });

function input(over: Partial<ReadbackInput>): ReadbackInput {
  let n = 0;
  return {
    accountId: ACCOUNT,
    from: '2025-03-10',
    to: DAY,
    listed: [],
    knownBefore: new Set(),
    outbox: {},
    local: [],
    names: () => ({ projectName: 'Website', taskName: 'Design' }),
    tagContext: null,
    now: NOW,
    newId: () => `new${++n}`,
    ...over,
  };
}

describe('read-back merge', () => {
  it('adds entries made elsewhere, each bound to its remote id by a clean record', () => {
    const out = mergeReadback(input({ listed: [remote('r1'), remote('r2', { startedAt: null, durationMs: 1_800_000 })] }));
    expect(out.counts.added).toBe(2);
    expect(out.entries.map((e) => [e.id, e.notes, e.durationMs, e.booking?.projectName])).toEqual([
      ['new1', 'notes r1', 3_600_000, 'Website'],
      ['new2', 'notes r2', 1_800_000, 'Website'],
    ]);
    expect(out.entries[0]?.endedAt).toBe(T9 + 3_600_000);
    expect(out.entries[1]?.endedAt).toBeNull();
    const rec = out.outbox.new1 as SyncRecord;
    expect(rec).toMatchObject({ remoteId: 'r1', deleted: false, createAttemptAt: null });
    expect(pendingSummary(out.outbox).entries).toEqual({}); // synced: no dot
  });

  it('never adds an entry Stint already has (matched by remote id), nor a running one', () => {
    const out = mergeReadback(
      input({
        listed: [remote('r1'), remote('r9', { running: true })],
        outbox: { a: clean('a', 'r1') },
        local: [local('a', { notes: 'notes r1' })],
        knownBefore: new Set(['r1']),
      }),
    );
    expect(out.entries).toEqual([]);
    expect(out.counts).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it('makes a clean entry follow an edit made elsewhere', () => {
    const out = mergeReadback(
      input({
        listed: [remote('r1', { notes: 'edited in Harvest', durationMs: 5_400_000 })],
        outbox: { a: clean('a', 'r1') },
        local: [local('a', { notes: 'notes r1' })],
      }),
    );
    expect(out.counts.updated).toBe(1);
    expect(out.entries[0]).toMatchObject({ id: 'a', notes: 'edited in Harvest', durationMs: 5_400_000, updatedAt: NOW });
    const rec = out.outbox.a as SyncRecord;
    expect(rec.pushedVersion).toBe(NOW);
    expect(rec.wantVersion).toBe(NOW); // clean: nothing to push back
  });

  it('keeps a waiting local edit over a remote change, and says so', () => {
    const before = remote('r1');
    const edited = local('a', { notes: 'my edit', updatedAt: 200 });
    const rec = clean('a', 'r1', { wantVersion: 200, remoteStamp: remoteStamp(before) });
    const out = mergeReadback(
      input({ listed: [remote('r1', { notes: 'their edit' })], outbox: { a: rec }, local: [edited], knownBefore: new Set(['r1']) }),
    );
    expect(out.entries).toEqual([]); // the local edit stays
    expect(out.counts.changedElsewhere).toBe(1);
    expect((out.outbox.a as SyncRecord).remoteChangedAt).toBe(NOW);
    expect(pendingSummary(out.outbox).entries.a).toEqual({ state: 'waiting', changedElsewhere: true });
    // Unchanged remotely: a waiting edit is not flagged.
    const same = mergeReadback(input({ listed: [before], outbox: { a: rec }, local: [edited], knownBefore: new Set(['r1']) }));
    expect(same.outbox).toEqual({});
  });

  it('removes a clean entry deleted elsewhere, but not one whose remote id was learned after the listing was asked', () => {
    const out = mergeReadback(
      input({
        listed: [],
        outbox: { a: clean('a', 'r1'), b: clean('b', 'r2') },
        local: [local('a'), local('b')],
        knownBefore: new Set(['r1']),
      }),
    );
    expect(out.deleteEntries).toEqual(['a']);
    expect(out.deleteOutbox).toEqual(['a']);
  });

  it('keeps a dirty entry the server no longer lists (the push decides), and entries of other accounts', () => {
    const out = mergeReadback(
      input({
        outbox: { a: clean('a', 'r1', { wantVersion: 200 }), c: clean('c', 'r3', { accountId: 'toggl:2' }) },
        local: [
          local('a', { updatedAt: 200 }),
          local('c', { booking: { accountId: 'toggl:2', projectId: 'p1', taskId: 't1', projectName: '', taskName: '' } }),
        ],
        knownBefore: new Set(['r1', 'r3']),
      }),
    );
    expect(out.deleteEntries).toEqual([]);
  });

  it('adds nothing while a create of the account is in doubt (the unknown entry may be that create)', () => {
    const doubt = clean('x', '', { remoteId: null, pushedVersion: 0, createAttemptAt: NOW - 1000 });
    const out = mergeReadback(input({ listed: [remote('r7')], outbox: { x: doubt } }));
    expect(out.entries).toEqual([]);
    expect(out.counts.held).toBe(1);
  });

  it('after an unlink and a new link, the entries left behind are bound again, not doubled', () => {
    const left = local('old', { notes: 'notes r1' }); // its record went with the unlink
    const out = mergeReadback(input({ listed: [remote('r1'), remote('r2')], local: [left] }));
    expect(out.entries.map((e) => e.notes)).toEqual(['notes r2']);
    expect(out.outbox.old).toMatchObject({ remoteId: 'r1', wantVersion: 100, pushedVersion: 100 });
  });

  it('books an entry without a project to the account with no project; leaves out days outside the listing', () => {
    const out = mergeReadback(
      input({
        listed: [remote('r1', { projectId: '', taskId: '' }), remote('r2', { day: '2025-03-01' })],
        names: () => ({ projectName: '', taskName: '' }),
      }),
    );
    expect(out.entries.map((e) => e.booking)).toEqual([{ accountId: ACCOUNT, projectId: '', taskId: '', projectName: '', taskName: '' }]);
    expect(out.counts.withoutProject).toBe(1);
  });

  it('an edit of an entry read back is journaled as an update of its remote id, never a create', () => {
    const out = mergeReadback(input({ listed: [remote('r1')] }));
    const entry = out.entries[0] as Entry;
    const next = journal(out.outbox, [{ ...entry, notes: 'fixed', updatedAt: entry.updatedAt + 1 }], []);
    expect(next[entry.id]).toMatchObject({ remoteId: 'r1', pushedVersion: entry.updatedAt, wantVersion: entry.updatedAt + 1 });
    const removed = journal(out.outbox, [], [entry]);
    expect(removed[entry.id]).toMatchObject({ remoteId: 'r1', deleted: true });
  });

  it('a stamp changes with any field the popup shows', () => {
    const base = remoteStamp(remote('r1'));
    expect(remoteStamp(remote('r1'))).toBe(base);
    for (const over of [
      { notes: 'x' },
      { durationMs: 1 },
      { projectId: 'p2' },
      { taskId: 't2' },
      { day: '2025-03-11' },
      { startedAt: 0 },
    ]) {
      expect(remoteStamp(remote('r1', over))).not.toBe(base);
    }
  });

  describe('tags and billable (Clockify, Toggl)', () => {
    const TAGS = [
      { id: 'g1', name: 'urgent' },
      { id: 'g2', name: 'review' },
    ];
    const tagged = { tagged: true, tags: TAGS };

    it('a remote entry carries its tags (named from the cached list) and billable flag', () => {
      const out = mergeReadback(
        input({
          tagContext: tagged,
          listed: [remote('r1', { tagIds: ['g2', 'g1'], billable: true }), remote('r2', { tagIds: [], billable: false })],
        }),
      );
      expect(out.entries.map((e) => [e.tags, e.billable])).toEqual([
        [[TAGS[1], TAGS[0]], true],
        [[], false],
      ]);
    });

    it('a tag missing from the cached list leaves the entry’s tags unsaid (an edit leaves them on the tracker)', () => {
      const out = mergeReadback(input({ tagContext: tagged, listed: [remote('r1', { tagIds: ['g1', 'gone'], billable: true })] }));
      expect(out.entries[0]?.tags).toBeUndefined();
      expect(out.entries[0]?.billable).toBe(true);
    });

    it('Harvest (no tag context) carries neither, whatever the listing says', () => {
      const out = mergeReadback(input({ listed: [remote('r1', { tagIds: ['g1'], billable: true })] }));
      expect(out.entries[0]).not.toHaveProperty('tags');
      expect(out.entries[0]).not.toHaveProperty('billable');
    });

    it('a clean entry follows tags and billable changed elsewhere; unchanged ones are left alone', () => {
      const before = remote('r1', { tagIds: ['g1'], billable: true });
      const e = local('a', { notes: 'notes r1', tags: [TAGS[0] as { id: string; name: string }], billable: true });
      const rec = clean('a', 'r1', { remoteStamp: remoteStamp(before) });
      const same = mergeReadback(
        input({ tagContext: tagged, listed: [before], outbox: { a: rec }, local: [e], knownBefore: new Set(['r1']) }),
      );
      expect(same.entries).toEqual([]);
      const retagged = remote('r1', { tagIds: ['g2'], billable: false });
      const out = mergeReadback(
        input({ tagContext: tagged, listed: [retagged], outbox: { a: rec }, local: [e], knownBefore: new Set(['r1']) }),
      );
      expect(out.counts.updated).toBe(1);
      expect(out.entries[0]).toMatchObject({ id: 'a', tags: [TAGS[1]], billable: false });
      expect(out.outbox.a).toMatchObject({ remoteStamp: remoteStamp(retagged) });
      expect(isDirty(out.outbox.a as SyncRecord)).toBe(false);
    });

    it('a tag change elsewhere racing a waiting local edit is said, and the local edit stays', () => {
      const before = remote('r1', { tagIds: ['g1'] });
      const e = local('a', { tags: [TAGS[0] as { id: string; name: string }], updatedAt: 200 });
      const dirty = clean('a', 'r1', { wantVersion: 200, remoteStamp: remoteStamp(before) });
      const out = mergeReadback(
        input({
          tagContext: tagged,
          listed: [remote('r1', { tagIds: ['g2'] })],
          outbox: { a: dirty },
          local: [e],
          knownBefore: new Set(['r1']),
        }),
      );
      expect(out.entries).toEqual([]);
      expect(out.outbox.a?.remoteChangedAt).toBe(NOW);
    });
  });
});
