import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type Task, taskKey } from '@/lib/core/entry';
import { pageTask } from '@/lib/core/page-task';
import { t } from '@/lib/i18n';
import { timer } from '@/lib/ui/state';
import { RunningEditor } from '../shared/RunningEditor';
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
  return tab?.url ? pageTask(tab.url, tab.title ?? '') : null;
}

interface Props {
  task: Task | null;
  onClose(): void;
}

/** "Track this page" in the popup: the timer form for the page's task (or its running timer). */
export function TrackPage({ task, onClose }: Props) {
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
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
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {!task && <p class="muted">{t('track_page_unavailable')}</p>}
      {running ? <RunningEditor key={running.id} entry={running} /> : <TimerForm task={task} onDone={onClose} />}
    </section>
  );
}
