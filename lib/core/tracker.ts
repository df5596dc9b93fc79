import { t } from '../i18n';
import type { BookingRequest as BookingRef, TrackerIntent } from '../protocol/messages';
import type { Entry, Task } from './entry';
import { byNewest, taskKey } from './entry';
import type { Booking } from './schemas';
import type { Classified, ClassifyAsk } from './tags';
import { atMinute, dayKey, MINUTE, parseManualTime, roundUpMinutes } from './time';

/**
 * The timer state machine, pure: (state, intent, now) → new state. The background runs it under a lock
 * and persists the result; every UI re-renders from storage. One running timer at a time.
 */

export interface TrackerState {
  timer: Entry | null;
  entries: Entry[];
}

/** `changed`: entries as they are now; `removed`: deleted entries as they were (the outbox removes them remotely). */
export type Outcome = { ok: true; state: TrackerState; changed: Entry[]; removed: Entry[] } | { ok: false; error: string };

export interface Clock {
  now: number;
  newId: () => string;
  /**
   * Resolves a booking request against the linked accounts: undefined → the default booking, null → Local,
   * a reference → the full booking, or an error message (unknown account, project/task not assignable).
   */
  book?: (ref: BookingRef, task: Task | null) => Booking | null | string;
  /** Round manual durations up to this many minutes (0 = as typed). */
  roundTo?: number;
  /**
   * The tags and billable flag of an entry booked to `booking` (lib/core/tags.ts `classify`, with the account's
   * cached tags and the assignment's billable default), or an error message. Without it, entries carry neither.
   */
  classify?: (booking: Booking | null, ask: ClassifyAsk, before: Entry | null) => Classified | string;
}

/** Sets or clears the optional tags/billable fields (absent, never undefined-valued: stored records stay clean). */
function withClass(entry: Entry, c: Classified): Entry {
  const { tags: _t, billable: _b, ...rest } = entry;
  return { ...rest, ...(c.tags ? { tags: c.tags } : {}), ...(c.billable !== undefined ? { billable: c.billable } : {}) };
}

const LOCAL = (): Booking | null => null;

function stopped(timer: Entry, now: number): Entry {
  const startedAt = timer.startedAt ?? now;
  return { ...timer, running: false, endedAt: now, durationMs: Math.max(0, now - startedAt), updatedAt: now };
}

function startTimer(
  state: TrackerState,
  task: Task | null,
  notes: string,
  booking: Booking | null,
  clock: Clock,
  labels: Classified = {},
): Outcome {
  const changed: Entry[] = [];
  let entries = state.entries;
  if (state.timer) {
    const done = stopped(state.timer, clock.now);
    entries = [done, ...entries];
    changed.push(done);
  }
  const timer: Entry = withClass(
    {
      id: clock.newId(),
      task,
      notes,
      day: dayKey(clock.now),
      startedAt: clock.now,
      endedAt: null,
      durationMs: 0,
      running: true,
      booking,
      createdAt: clock.now,
      updatedAt: clock.now,
    },
    labels,
  );
  changed.push(timer);
  return { ok: true, state: { timer, entries }, changed, removed: [] };
}

/** Duration and wall-clock bounds of what the user typed, for a given day. */
function manualTimes(
  time: string,
  day: string,
  roundTo = 0,
): { ok: true; startedAt: number | null; endedAt: number | null; durationMs: number } | { ok: false; error: string } {
  const parsed = parseManualTime(time);
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  if (t.kind === 'duration') return { ok: true, startedAt: null, endedAt: null, durationMs: roundUpMinutes(t.minutes, roundTo) * MINUTE };
  return { ok: true, startedAt: atMinute(day, t.startMinute), endedAt: atMinute(day, t.endMinute), durationMs: t.minutes * MINUTE };
}

export function applyIntent(state: TrackerState, msg: TrackerIntent, clock: Clock): Outcome {
  const book = clock.book ?? LOCAL;
  const resolve = (ref: BookingRef, task: Task | null = null): { ok: true; booking: Booking | null } | { ok: false; error: string } => {
    const b = book(ref, task);
    return typeof b === 'string' ? { ok: false, error: b } : { ok: true, booking: b };
  };
  const label = (
    booking: Booking | null,
    ask: ClassifyAsk,
    before: Entry | null,
  ): { ok: true; c: Classified } | { ok: false; error: string } => {
    const c = clock.classify ? clock.classify(booking, { tags: ask.tags, billable: ask.billable }, before) : {};
    return typeof c === 'string' ? { ok: false, error: c } : { ok: true, c };
  };
  switch (msg.type) {
    case 'timer.start': {
      const b = resolve(msg.booking, msg.task);
      if (!b.ok) return b;
      const l = label(b.booking, msg, null);
      return l.ok ? startTimer(state, msg.task, msg.notes, b.booking, clock, l.c) : l;
    }

    case 'timer.update': {
      const timer = state.timer;
      if (!timer) return { ok: false, error: t('no_timer_running') };
      const b = msg.booking === undefined ? { ok: true as const, booking: timer.booking } : resolve(msg.booking);
      if (!b.ok) return b;
      const l = label(b.booking, msg, timer);
      if (!l.ok) return l;
      const next = withClass({ ...timer, notes: msg.notes ?? timer.notes, booking: b.booking, updatedAt: clock.now }, l.c);
      return { ok: true, state: { ...state, timer: next }, changed: [next], removed: [] };
    }

    case 'timer.stop': {
      const timer = state.timer;
      if (!timer) return { ok: false, error: t('no_timer_running') };
      if (msg.taskKey !== undefined && (!timer.task || taskKey(timer.task) !== msg.taskKey)) {
        return { ok: false, error: t('not_running_task') };
      }
      const done = stopped(timer, clock.now);
      return { ok: true, state: { timer: null, entries: [done, ...state.entries] }, changed: [done], removed: [] };
    }

    case 'entry.save': {
      const times = manualTimes(msg.time, msg.day, clock.roundTo);
      if (!times.ok) return times;
      const b = resolve(msg.booking, msg.task);
      if (!b.ok) return b;
      const l = label(b.booking, msg, null);
      if (!l.ok) return l;
      const entry: Entry = withClass(
        {
          id: clock.newId(),
          task: msg.task,
          notes: msg.notes,
          day: msg.day,
          startedAt: times.startedAt,
          endedAt: times.endedAt,
          durationMs: times.durationMs,
          running: false,
          booking: b.booking,
          createdAt: clock.now,
          updatedAt: clock.now,
        },
        l.c,
      );
      return { ok: true, state: { ...state, entries: [entry, ...state.entries].sort(byNewest) }, changed: [entry], removed: [] };
    }

    case 'entry.update': {
      if (state.timer?.id === msg.id) {
        if (msg.time !== undefined || msg.day !== undefined) return { ok: false, error: t('stop_before_time') };
        return applyIntent(
          state,
          { type: 'timer.update', notes: msg.notes, booking: msg.booking, tags: msg.tags, billable: msg.billable },
          clock,
        );
      }
      const old = state.entries.find((e) => e.id === msg.id);
      if (!old) return { ok: false, error: t('entry_gone') };
      const b = msg.booking === undefined ? { ok: true as const, booking: old.booking } : resolve(msg.booking);
      if (!b.ok) return b;
      const l = label(b.booking, msg, old);
      if (!l.ok) return l;
      let next: Entry = withClass(
        { ...old, notes: msg.notes ?? old.notes, day: msg.day ?? old.day, booking: b.booking, updatedAt: clock.now },
        l.c,
      );
      if (msg.time !== undefined) {
        const times = manualTimes(msg.time, next.day, clock.roundTo);
        if (!times.ok) return times;
        next = { ...next, ...times };
      }
      const entries = state.entries.map((e) => (e.id === msg.id ? next : e));
      return { ok: true, state: { ...state, entries }, changed: [next], removed: [] };
    }

    case 'entry.delete': {
      if (state.timer?.id === msg.id) return { ok: true, state: { ...state, timer: null }, changed: [], removed: [state.timer] };
      const gone = state.entries.find((e) => e.id === msg.id);
      if (!gone) return { ok: false, error: t('entry_gone') };
      return { ok: true, state: { ...state, entries: state.entries.filter((e) => e.id !== msg.id) }, changed: [], removed: [gone] };
    }

    case 'entry.continue': {
      const old = state.entries.find((e) => e.id === msg.id) ?? (state.timer?.id === msg.id ? state.timer : undefined);
      if (!old) return { ok: false, error: t('entry_gone') };
      // Started again as it was: its tags and billable flag too.
      return startTimer(state, old.task, old.notes, old.booking, clock, { tags: old.tags, billable: old.billable });
    }
  }
}

/**
 * Cuts the running timer at `endAt` (the idle start or the last activity): the entry ends there; with `restartAt`,
 * a new timer for the same task, notes and booking runs from then (the idle time discarded, the work going on).
 */
export function cutTimer(state: TrackerState, at: { endAt: number; restartAt: number | null }, clock: Clock): Outcome {
  const timer = state.timer;
  if (!timer) return { ok: false, error: t('no_timer_running') };
  const startedAt = timer.startedAt ?? timer.createdAt;
  const endAt = Math.min(Math.max(at.endAt, startedAt), clock.now);
  const done: Entry = { ...timer, running: false, endedAt: endAt, durationMs: endAt - startedAt, updatedAt: clock.now };
  const entries = [done, ...state.entries];
  if (at.restartAt === null) return { ok: true, state: { timer: null, entries }, changed: [done], removed: [] };
  const restartAt = Math.min(Math.max(at.restartAt, endAt), clock.now);
  const next: Entry = {
    ...done,
    id: clock.newId(),
    day: dayKey(restartAt),
    startedAt: restartAt,
    endedAt: null,
    durationMs: 0,
    running: true,
    createdAt: clock.now,
    updatedAt: clock.now,
  };
  return { ok: true, state: { timer: next, entries }, changed: [done, next], removed: [] };
}

/**
 * Notes from the template: `{id}`, `{title}`, `{url}`, `{group}`. Unknown placeholders stay as typed. The default
 * `#{id}` suits bare ids (`#42`, `#ENG-42`); an id that carries its own marker (GitHub `octo/hello#12`, Redmine
 * `#12`, a Bitbucket pull request `team/repo!7`) is not given a second `#`. A meeting (a task with a span) gets its title.
 */
export function renderNotes(template: string, task: Task | null): string {
  if (!task) return '';
  // A meeting's notes are its title: a calendar's event id means nothing to whoever reads the timesheet.
  if (task.span) return task.title.trim();
  const values: Record<string, string> = { id: task.id, title: task.title, url: task.url, group: task.groupName ?? task.groupId ?? '' };
  const marked = /[#!]/.test(task.id);
  return template
    .replace(/(#?)\{(id|title|url|group)\}/g, (_, hash: string, k: string) => (k === 'id' && marked ? '' : hash) + (values[k] ?? ''))
    .trim();
}

/**
 * The notes worth showing under an entry's title: nothing when they only repeat the task (empty, what the template
 * makes of it, or text holding its title), so a list never shows the title twice.
 */
export function extraNotes(entry: Pick<Entry, 'task' | 'notes'>, template: string): string {
  const notes = entry.notes.trim();
  if (!entry.task || !notes) return '';
  if (notes === renderNotes(template, entry.task) || (entry.task.title && notes.includes(entry.task.title.trim()))) return '';
  return notes;
}
