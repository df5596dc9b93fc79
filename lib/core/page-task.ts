import { taskFromUrl } from '../integrations';
import type { Task } from './entry';

/**
 * The task for any page ("Track this page", the context menu): the integration's task when one claims the
 * URL, else the page itself (title + link), so a site whose button did not appear can still be tracked.
 */
export function pageTask(url: string, title: string): Task | null {
  if (!/^https?:/.test(url)) return null;
  const known = taskFromUrl(url);
  const clean = title.replace(/\s+/g, ' ').trim().slice(0, 1000);
  if (known) return { ...known, title: known.title || clean };
  const u = new URL(url);
  return {
    integration: 'page',
    id: `${u.host}${u.pathname}`.slice(0, 300),
    title: clean || u.host,
    url: url.slice(0, 2048),
    groupId: u.host,
    groupName: u.host,
  };
}
