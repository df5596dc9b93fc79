import type { Entry } from './entry';
import { entryDuration } from './entry';
import { formatDuration } from './time';

/** Toolbar badge: elapsed h:mm while a timer runs, nothing otherwise (the icon alone is the idle look). */
export function badgeText(timer: Entry | null, now: number): string {
  return timer?.running ? formatDuration(entryDuration(timer, now)) : '';
}

/**
 * Toolbar icon: the green stopwatch while a timer runs, the slate one otherwise (rendered at build from
 * icons/*.svg by scripts/icons.ts; the unit test checks these paths against it). The badge alone is easy to miss
 * and some toolbars hide it.
 */
export function toolbarIcon(timer: Entry | null): Record<16 | 32, string> {
  const variant = timer?.running ? 'stint-running' : 'stint';
  return { 16: `/icons/${variant}-16.png`, 32: `/icons/${variant}-32.png` };
}
