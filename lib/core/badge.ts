import type { Entry } from './entry';
import { entryDuration } from './entry';
import { formatDuration } from './time';

/** Toolbar badge: elapsed h:mm while a timer runs, nothing otherwise (the icon alone is the idle look). */
export function badgeText(timer: Entry | null, now: number): string {
  return timer?.running ? formatDuration(entryDuration(timer, now)) : '';
}
