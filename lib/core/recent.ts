import { bookingValue } from './booking';
import { type Entry, taskKey } from './entry';

/** What makes two entries the same work, to continue: the task, else the notes and where they were booked. */
export function workKey(e: Pick<Entry, 'task' | 'notes' | 'booking'>): string {
  return e.task ? `task:${taskKey(e.task)}` : `notes:${e.notes.trim().toLowerCase()}|${bookingValue(e.booking)}`;
}

/**
 * The popup's "continue" list: the latest distinct pieces of work (newest first), not the one running, none
 * without anything to say what it was (no task, no notes). `entries` come newest first.
 */
export function recentWork(entries: readonly Entry[], running: Entry | null, limit = 3): Entry[] {
  const seen = new Set<string>(running ? [workKey(running)] : []);
  const out: Entry[] = [];
  for (const e of entries) {
    if (out.length >= limit) break;
    if (!e.task && !e.notes.trim()) continue;
    const key = workKey(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
