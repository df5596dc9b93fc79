import { useLayoutEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type Task, taskKey } from '@/lib/core/entry';
import { t } from '@/lib/i18n';
import { timer } from '@/lib/ui/state';
import { Icon } from '../shared/Icon';
import { TimerForm } from '../shared/TimerForm';

/**
 * The page the user is on: the active tab, or, when the popup itself is open in a tab (pinned, or opened from
 * a test), the web page used most recently.
 */
export async function activePageTask(): Promise<Task | null> {
  const own = browser.runtime.getURL('/');
  let [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.url || tab.url.startsWith(own)) {
    const web = (await browser.tabs.query({})).filter((x) => x.url && /^https?:/.test(x.url));
    web.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
    tab = web[0] ?? tab;
  }
  if (!tab?.url) return null;
  // Loaded when asked: it carries every site's integration, which the popup's first paint does not need.
  const { pageTask } = await import('@/lib/core/page-task');
  return pageTask(tab.url, tab.title ?? '');
}

interface Props {
  task: Task | null;
  onClose(): void;
}

/**
 * "Track this page" in the popup: the timer form for the page's task. When that task is the one running, it says
 * so and points at the running card above, which has its Stop (a second Stop here was one too many).
 */
export function TrackPage({ task, onClose }: Props) {
  const section = useRef<HTMLElement>(null);
  // As it renders, not a frame later: an Escape pressed as it appears closes it.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && onClose();
    const el = section.current;
    el?.addEventListener('keydown', onKey);
    return () => el?.removeEventListener('keydown', onKey);
  }, [onClose]);
  const run = timer.value;
  const running = run && task && run.task && taskKey(run.task) === taskKey(task) ? run : null;
  return (
    <section ref={section} class="track-page" aria-labelledby="track-heading">
      <div class="dialog-header">
        <h2 id="track-heading">{t('track_page')}</h2>
        <button type="button" class="close" aria-label={t('close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      {!task && <p class="muted">{t('track_page_unavailable')}</p>}
      {running ? <p class="track-running">{t('track_page_running')}</p> : <TimerForm task={task} onDone={onClose} />}
    </section>
  );
}
