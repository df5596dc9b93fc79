import type { Task } from '../core/entry';
import { TaskSchema } from '../core/schemas';

/** The task the modal was opened for, from its URL fragment. Anything unreadable means "no task". */
export function taskFromFragment(hash: string): Task | null {
  try {
    const data: unknown = JSON.parse(decodeURIComponent(hash.replace(/^#/, '')));
    const parsed = TaskSchema.safeParse((data as { task?: unknown } | null)?.task);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
