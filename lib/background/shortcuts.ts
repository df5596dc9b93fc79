import { groupKey } from '../core/entry';
import { pageTask } from '../core/page-task';
import { t } from '../i18n';
import type { SenderKind } from '../protocol/messages';
import type { Reply } from '../protocol/replies';
import * as store from '../state/store';

/** Browser-level entry points (keyboard shortcut, context menu): they act as the user, through the service. */

type Handle = (raw: unknown, kind: SenderKind) => Promise<Reply>;

/** The shortcut: stop the running timer, or start the last one again. */
export async function toggleLast(handle: Handle): Promise<Reply> {
  if (await store.get('timer')) return handle({ type: 'timer.stop' }, 'extension-page');
  const last = await store.latestEntry();
  if (!last) return { ok: false, error: t('nothing_to_continue') };
  return handle({ type: 'entry.continue', id: last.id }, 'extension-page');
}

/** "Start timer for this page" (optionally with the selected text as notes), booked like the last start. */
export async function startForPage(handle: Handle, page: { url?: string; title?: string }, selection?: string): Promise<Reply> {
  const task = pageTask(page.url ?? '', page.title ?? '');
  if (!task) return { ok: false, error: t('page_untrackable') };
  const remembered = await store.get('lastBooking');
  const booking = remembered[groupKey(task)] ?? remembered['*'];
  const notes = (selection?.trim() || task.title).slice(0, 5000);
  return handle({ type: 'timer.start', task, notes, booking }, 'extension-page');
}
