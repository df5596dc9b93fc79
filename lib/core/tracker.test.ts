import { describe, expect, it } from 'vitest';
import type { TrackerIntent as Message } from '../protocol/messages';
import type { Entry } from './entry';
import { applyIntent, cutTimer, extraNotes, renderNotes, type TrackerState } from './tracker';

const task = {
  integration: 'github',
  id: 'o/r#1',
  title: 'Fix it',
  url: 'https://github.com/o/r/issues/1',
  groupId: 'o/r',
  groupName: 'o/r',
};
const other = { ...task, id: 'o/r#2', title: 'Other' };

let n = 0;
let now = Date.UTC(2026, 10, 22, 9);
function run(state: TrackerState, msgs: Message[]) {
  for (const m of msgs) {
    now += 60_000;
    const out = applyIntent(state, m, { now, newId: () => `id${++n}` });
    if (!out.ok) throw new Error(out.error);
    state = out.state;
  }
  return state;
}

const empty: TrackerState = { timer: null, entries: [] };

describe('applyIntent', () => {
  it('starts and stops a timer into an entry', () => {
    const s = run(empty, [{ type: 'timer.start', task, notes: 'n' }, { type: 'timer.stop' }]);
    expect(s.timer).toBeNull();
    expect(s.entries).toHaveLength(1);
    expect(s.entries[0]).toMatchObject({ task, notes: 'n', durationMs: 60_000, running: false, endedAt: now });
  });

  it('keeps one running timer: starting another stops the first', () => {
    const s = run(empty, [
      { type: 'timer.start', task, notes: '' },
      { type: 'timer.start', task: other, notes: '' },
    ]);
    expect(s.timer?.task?.id).toBe('o/r#2');
    expect(s.entries.map((e: Entry) => [e.task?.id, e.running, e.durationMs])).toEqual([['o/r#1', false, 60_000]]);
  });

  it('stops only the task asked for', () => {
    const s = run(empty, [{ type: 'timer.start', task, notes: '' }]);
    const out = applyIntent(s, { type: 'timer.stop', taskKey: 'github:o/r#2' }, { now: Date.now(), newId: () => 'x' });
    expect(out).toEqual({ ok: false, error: 'That task is not the one running.' });
  });

  it('refuses to stop when nothing runs', () => {
    expect(applyIntent(empty, { type: 'timer.stop' }, { now: 1, newId: () => 'x' })).toEqual({ ok: false, error: 'No timer is running.' });
  });

  it('saves manual entries from durations and ranges, refusing bad input with the parser message', () => {
    const s = run(empty, [
      { type: 'entry.save', task, notes: 'a', time: '1:30', day: '2026-11-20' },
      { type: 'entry.save', task, notes: 'b', time: '9:00-10:15', day: '2026-11-21' },
    ]);
    expect(s.entries.map((e) => [e.notes, e.durationMs / 60_000, e.day])).toEqual([
      ['b', 75, '2026-11-21'],
      ['a', 90, '2026-11-20'],
    ]);
    const bad = applyIntent(s, { type: 'entry.save', task, notes: '', time: 'soon', day: '2026-11-21' }, { now: 1, newId: () => 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('"soon" is not a duration');
  });

  it('edits, continues and deletes', () => {
    let s = run(empty, [{ type: 'entry.save', task, notes: 'a', time: '1h', day: '2026-11-20' }]);
    const id = s.entries[0]?.id ?? '';
    s = run(s, [{ type: 'entry.update', id, notes: 'edited', time: '2h' }]);
    expect(s.entries[0]).toMatchObject({ notes: 'edited', durationMs: 7_200_000 });
    s = run(s, [{ type: 'entry.continue', id }]);
    expect(s.timer).toMatchObject({ task, notes: 'edited', running: true });
    s = run(s, [{ type: 'entry.delete', id }]);
    expect(s.entries).toHaveLength(0);
    expect(applyIntent(s, { type: 'entry.delete', id }, { now: 1, newId: () => 'x' })).toEqual({
      ok: false,
      error: 'That entry no longer exists.',
    });
  });
});

describe('renderNotes', () => {
  it('fills the template', () => {
    expect(renderNotes('#{id} {title} ({group}) {url}', task)).toBe('o/r#1 Fix it (o/r) https://github.com/o/r/issues/1');
    expect(renderNotes('{title} {unknown}', task)).toBe('Fix it {unknown}');
    expect(renderNotes('{title}', null)).toBe('');
  });
});

describe('the default notes template', () => {
  const jira = { ...task, integration: 'jira', id: 'ENG-42', title: 'Login fails' };
  it('gives a bare id its hash, never a second one', () => {
    expect(renderNotes('#{id} {title}', jira)).toBe('#ENG-42 Login fails');
    expect(renderNotes('#{id} {title}', { ...task, id: 'octo/hello#12', title: 'Crash' })).toBe('octo/hello#12 Crash');
    expect(renderNotes('#{id} {title}', { ...task, integration: 'redmine', id: '#7', title: 'Bug' })).toBe('#7 Bug');
    expect(renderNotes('#{id} {title}', { ...task, integration: 'bitbucket', id: 'team/repo!7', title: 'PR' })).toBe('team/repo!7 PR');
    // Only a hash right before {id} is concerned.
    expect(renderNotes('{title} #{group}', task)).toBe('Fix it #o/r');
  });
});

describe('extraNotes', () => {
  it('shows notes that say something the task does not', () => {
    expect(extraNotes({ task, notes: 'pairing on the crash' }, '#{id} {title}')).toBe('pairing on the crash');
    expect(extraNotes({ task, notes: 'o/r#1 Fix it' }, '#{id} {title}')).toBe('');
    expect(extraNotes({ task, notes: '#o/r#1 Fix it' }, '#{id} {title}')).toBe(''); // made by an earlier template
    expect(extraNotes({ task, notes: '  ' }, '#{id} {title}')).toBe('');
    expect(extraNotes({ task: null, notes: 'standup' }, '#{id} {title}')).toBe(''); // the notes are the title then
  });
});

describe('cutTimer (idle time and forgotten timers)', () => {
  const start = Date.UTC(2026, 10, 23, 8);
  const running = (): TrackerState => {
    const out = applyIntent(empty, { type: 'timer.start', task, notes: 'n' }, { now: start, newId: () => 'run' });
    if (!out.ok) throw new Error(out.error);
    return out.state;
  };
  const clock = { now: start + 3_600_000, newId: () => 'next' };

  it('stops the entry at the idle start', () => {
    const out = cutTimer(running(), { endAt: start + 600_000, restartAt: null }, clock);
    if (!out.ok) throw new Error(out.error);
    expect(out.state.timer).toBeNull();
    expect(out.changed).toEqual([expect.objectContaining({ id: 'run', running: false, endedAt: start + 600_000, durationMs: 600_000 })]);
    expect(out.changed[0]?.updatedAt).toBe(clock.now);
  });

  it('discards the idle time: the entry ends at the idle start, the same work goes on from the return', () => {
    const out = cutTimer(running(), { endAt: start + 600_000, restartAt: start + 1_800_000 }, clock);
    if (!out.ok) throw new Error(out.error);
    expect(out.changed.map((e) => [e.id, e.running, e.durationMs])).toEqual([
      ['run', false, 600_000],
      ['next', true, 0],
    ]);
    expect(out.state.timer).toMatchObject({ id: 'next', task, notes: 'n', startedAt: start + 1_800_000, endedAt: null });
  });

  it('keeps the times within the timer and now, and needs a running timer', () => {
    const out = cutTimer(running(), { endAt: start - 5, restartAt: start + 9e9 }, clock);
    if (!out.ok) throw new Error(out.error);
    expect(out.changed[0]).toMatchObject({ endedAt: start, durationMs: 0 });
    expect(out.state.timer?.startedAt).toBe(clock.now);
    expect(cutTimer(empty, { endAt: start, restartAt: null }, clock)).toMatchObject({ ok: false });
  });
});
