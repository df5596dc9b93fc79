/** Entry helpers with no dependencies: safe to import from content scripts (no zod in their bundle). */
import type { Entry, Task } from './schemas';

export type { Entry, Task };

export const NOTES_MAX = 5000;

/** Key of a task's timer state everywhere: `integration:taskId`. */
export const taskKey = (task: Pick<Task, 'integration' | 'id'>): string => `${task.integration}:${task.id}`;

/** Key under which the last project/task is remembered for a task's group. */
export const groupKey = (task: Pick<Task, 'integration' | 'groupId'>): string => `${task.integration}:${task.groupId ?? ''}`;

/** Elapsed/tracked time of an entry at `now`. */
export const entryDuration = (e: Entry, now: number): number =>
  e.running && e.startedAt !== null ? Math.max(0, now - e.startedAt) : e.durationMs;

/** A short name for an entry in a sentence: its task's id, else the first line of its notes (cut at 40 characters). */
export function entryLabel(e: Pick<Entry, 'task' | 'notes'>): string {
  if (e.task) return e.task.id;
  const line = e.notes.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

/** Newest day first; within a day, latest start (or creation, for plain durations) first. */
export const byNewest = (a: Entry, b: Entry): number =>
  b.day.localeCompare(a.day) || (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt);
