import { describe, expect, it } from 'vitest';
import { entry } from '../../test/support/entries';
import { recentWork } from './recent';

const task = { integration: 'jira', id: 'ENG-42', title: 'Login', url: 'https://acme.atlassian.net/browse/ENG-42' };
const harvest = { accountId: 'harvest:1', projectId: 'p', taskId: 't', projectName: 'Web', taskName: 'Dev' };

describe('recent work to continue', () => {
  it('lists distinct work newest first, skipping the running one and entries that say nothing', () => {
    const list = [
      entry('a', { task, notes: 'morning' }),
      entry('b', { task, notes: 'afternoon' }), // same task as a
      entry('c', { notes: 'Standup', booking: harvest }),
      entry('d', { notes: 'standup ', booking: harvest }), // same notes and booking as c
      entry('e', { notes: 'Standup' }), // same notes, booked elsewhere (Local): other work
      entry('f', {}), // nothing to say what it was
      entry('g', { notes: 'Review' }),
    ];
    expect(recentWork(list, null, 5).map((e) => e.id)).toEqual(['a', 'c', 'e', 'g']);
    expect(recentWork(list, entry('run', { task, running: true }), 2).map((e) => e.id)).toEqual(['c', 'e']);
  });
});
