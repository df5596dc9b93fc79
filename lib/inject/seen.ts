import { browser } from 'wxt/browser';
import { type Task, taskKey } from '../core/entry';
import { HEARTBEAT_MS } from '../core/seen';
import { SUGGEST_KEY } from '../protocol/projection';

/**
 * On-device suggestions, the page's side: while suggestions are on (the `suggest` projection) and this page's task
 * is shown (the tab visible and its window focused), say so to the background on showing and every HEARTBEAT_MS,
 * and say when it is not any more (hidden, blurred, left, another task). No time is sent: the background measures
 * the spans with its own clock and decides what counts (lib/core/seen.ts).
 */
export function reportShown(pageTask: () => Task | null, signal: AbortSignal): { update(): void } {
  let on = false;
  /** The task last reported shown, or null. */
  let current: Task | null = null;
  const send = (task: Task, shown: boolean) => void browser.runtime.sendMessage({ type: 'task.seen', task, shown }).catch(() => undefined);
  const shown = () => on && document.visibilityState === 'visible' && document.hasFocus();

  /** Reports a change of what is shown; `beat`: also says again that the same task is still shown. */
  function update(beat = false) {
    const task = shown() ? pageTask() : null;
    const same = task !== null && current !== null && taskKey(task) === taskKey(current);
    if (current && !same) send(current, false);
    if (task && (!same || beat)) send(task, true);
    current = task;
  }

  const onChange = () => update();
  // pageshow: a page restored from the back/forward cache is shown again without a visibilitychange.
  for (const type of ['focus', 'blur', 'pageshow'] as const) window.addEventListener(type, onChange, { signal });
  document.addEventListener('visibilitychange', onChange, { signal });
  // Leaving the page closes its span (a tab closed or navigated away).
  window.addEventListener(
    'pagehide',
    () => {
      if (current) send(current, false);
      current = null;
    },
    { signal },
  );
  const beat = setInterval(() => {
    if (current) update(true);
  }, HEARTBEAT_MS);

  const follow = (value: unknown) => {
    on = value === true;
    update();
  };
  void browser.storage.local.get(SUGGEST_KEY).then((got) => follow(got[SUGGEST_KEY]));
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SUGGEST_KEY in changes) follow(changes[SUGGEST_KEY]?.newValue);
  };
  browser.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => {
    clearInterval(beat);
    browser.storage.onChanged.removeListener(onStorage);
  });
  return { update: () => update() };
}
