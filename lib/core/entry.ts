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
