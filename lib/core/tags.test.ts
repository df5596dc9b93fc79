import { describe, expect, it } from 'vitest';
import type { TrackerIntent } from '../protocol/messages';
import type { Booking, Rule } from './schemas';
import { classify, initialTags, remoteLabels, ruleTags, searchTags } from './tags';
import { applyIntent, type TrackerState } from './tracker';

const urgent = { id: 't1', name: 'urgent' };
const review = { id: 't2', name: 'Révision' };
const meeting = { id: 't3', name: 'meeting' };
const ws = { tagged: true, tags: [urgent, review, meeting], billableDefault: true };
const book = (accountId: string, projectId = 'p1', taskId = ''): Booking => ({
  accountId,
  projectId,
  taskId,
  projectName: '',
  taskName: '',
});
const A = book('clockify:a');
const task = { integration: 'github', id: 'o/r#1', title: 'x', url: 'https://github.com/o/r/issues/1', groupId: 'o/r' };

describe('classify', () => {
  it('carries the chosen workspace tags (once each) and the project’s billable default', () => {
    expect(classify(A, { tags: ['t2', 't1', 't2'] }, null, ws)).toEqual({ tags: [review, urgent], billable: true });
    expect(classify(A, { tags: [], billable: false }, null, ws)).toEqual({ tags: [], billable: false });
  });

  it('refuses a tag the workspace does not have', () => {
    expect(classify(A, { tags: ['gone'] }, null, ws)).toMatch(/no longer in the workspace/);
  });

  it('keeps an entry’s tags in its workspace and its billable flag on its project; drops them on a move', () => {
    const before = { booking: A, tags: [urgent], billable: false };
    expect(classify(A, {}, before, ws)).toEqual({ tags: [urgent], billable: false });
    // Another project of the same workspace: the tags stay, billable follows the new project.
    expect(classify(book('clockify:a', 'p2'), {}, before, { ...ws, billableDefault: true })).toEqual({ tags: [urgent], billable: true });
    // Another workspace: its tags are not these.
    expect(classify(book('toggl:b'), {}, before, { tagged: true, tags: [] })).toEqual({});
  });

  it('carries neither for Local or a tracker whose billable comes from the task (Harvest)', () => {
    expect(classify(null, { tags: ['t1'], billable: true }, null, ws)).toEqual({});
    const harvest = { tagged: false, tags: [] };
    expect(classify(book('harvest:1'), { tags: ['t1'], billable: true }, null, harvest)).toEqual({});
  });

  it('keeps what an entry of an account no longer linked carries when it is edited there', () => {
    const before = { booking: A, tags: [urgent], billable: true };
    expect(classify(A, {}, before, null)).toEqual({ tags: [urgent], billable: true });
    expect(classify(book('clockify:other'), {}, before, null)).toEqual({});
  });
});

describe('initialTags and ruleTags', () => {
  const rules: Rule[] = [{ integration: 'github', groupId: 'o/r', accountId: 'clockify:a', projectId: 'p1', taskId: '', tagIds: ['t3'] }];
  const lastBooking = {
    'github:o/r': { accountId: 'clockify:a', projectId: 'p1', taskId: '', tagIds: ['t1'] },
    '*': { accountId: 'toggl:b', projectId: '9', taskId: '', tagIds: ['77'] },
  };

  it('offers the rule’s tags, else the remembered ones of the group, else the last overall, in the same account', () => {
    expect(initialTags(task, 'clockify:a', { rules, lastBooking })).toEqual(['t3']);
    expect(initialTags(task, 'clockify:a', { rules: [], lastBooking })).toEqual(['t1']);
    expect(initialTags(null, 'toggl:b', { rules, lastBooking })).toEqual(['77']);
    expect(initialTags(task, 'harvest:1', { rules, lastBooking })).toEqual([]);
    expect(initialTags(task, null, { rules, lastBooking })).toEqual([]);
  });

  it('pins a rule’s tags only to an intent that named no booking', () => {
    expect(ruleTags(rules, task, undefined)).toEqual(['t3']);
    expect(ruleTags(rules, task, null)).toBeUndefined();
    expect(ruleTags(rules, task, { accountId: 'clockify:a', projectId: 'p1', taskId: '' })).toBeUndefined();
  });
});

describe('searchTags', () => {
  it('matches anywhere in the name, accents and case aside, names that start with the query first', () => {
    const tags = [urgent, review, meeting, { id: 't4', name: 'sprint review' }];
    expect(searchTags(tags, 'rev').results.map((x) => x.id)).toEqual(['t2', 't4']);
    expect(searchTags(tags, 'REVISION')).toMatchObject({ total: 1, exact: true });
    expect(searchTags(tags, 'e').total).toBe(4);
    expect(searchTags(tags, '').results.map((x) => x.name)).toEqual(['meeting', 'Révision', 'sprint review', 'urgent']);
    expect(searchTags(tags, 'zzz')).toEqual({ results: [], total: 0, exact: false });
    expect(searchTags(tags, 'e', 2).results).toHaveLength(2);
  });
});

describe('the state machine with tags', () => {
  let n = 0;
  const clock = (now: number) => ({
    now,
    newId: () => `id${++n}`,
    book: (ref: unknown) => (ref ? book((ref as Booking).accountId, (ref as Booking).projectId) : null),
    classify: (b: Booking | null, ask: { tags?: readonly string[]; billable?: boolean }, before: Parameters<typeof classify>[2]) =>
      classify(b, ask, before, b?.accountId === 'clockify:a' ? ws : null),
  });
  const run = (state: TrackerState, m: TrackerIntent, now: number) => {
    const out = applyIntent(state, m, clock(now));
    if (!out.ok) throw new Error(out.error);
    return out.state;
  };
  const ref = { accountId: 'clockify:a', projectId: 'p1', taskId: '' };

  it('starts with tags, keeps them through an update and a stop, starts again with them, and refuses an unknown tag', () => {
    let s = run({ timer: null, entries: [] }, { type: 'timer.start', task, notes: '', booking: ref, tags: ['t1'] }, 1000);
    expect(s.timer).toMatchObject({ tags: [urgent], billable: true });
    s = run(s, { type: 'timer.update', notes: 'n', booking: undefined, billable: false }, 2000);
    expect(s.timer).toMatchObject({ notes: 'n', tags: [urgent], billable: false });
    s = run(s, { type: 'timer.stop' }, 3000);
    const [done] = s.entries;
    expect(done).toMatchObject({ tags: [urgent], billable: false });
    s = run(s, { type: 'entry.continue', id: done?.id ?? '' }, 4000);
    expect(s.timer).toMatchObject({ tags: [urgent], billable: false });
    const bad = applyIntent(s, { type: 'timer.update', booking: undefined, tags: ['nope'] }, clock(5000));
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/no longer/) });
  });

  it('clears tags and billable when an entry moves to Local, and sets new ones in the same edit', () => {
    let s = run({ timer: null, entries: [] }, { type: 'entry.save', task, notes: '', time: '1:00', day: '2026-03-02', booking: ref }, 1000);
    const id = s.entries[0]?.id ?? '';
    expect(s.entries[0]).toMatchObject({ billable: true });
    expect(s.entries[0]?.tags).toBeUndefined();
    s = run(s, { type: 'entry.update', id, booking: undefined, tags: ['t3', 't1'] }, 2000);
    expect(s.entries[0]?.tags).toEqual([meeting, urgent]);
    s = run(s, { type: 'entry.update', id, booking: null }, 3000);
    expect(s.entries[0]).not.toHaveProperty('tags');
    expect(s.entries[0]).not.toHaveProperty('billable');
  });
});

describe('remoteLabels', () => {
  it('names the tags of a timer started elsewhere when all are cached, else says none; keeps its billable flag', () => {
    expect(remoteLabels({ tagIds: ['t1', 't3'], billable: true }, ws)).toEqual({ tags: [urgent, meeting], billable: true });
    expect(remoteLabels({ tagIds: ['t1', 'new'], billable: false }, ws)).toEqual({ billable: false });
    expect(remoteLabels({ tagIds: [] }, ws)).toEqual({ tags: [] });
    expect(remoteLabels({ tagIds: ['t1'], billable: true }, null)).toEqual({});
  });
});
