import { taskKey } from '../core/entry';
import { IDLE_KEY, type IdleProjection, RUNNING_KEY, type RunningProjection, SUGGEST_KEY } from '../protocol/projection';
import { get, type Topic } from './store';

/**
 * What content scripts may know, pushed by the background into storage.local (the one area they can read):
 * the running timer's task key and start (a button's state and elapsed time), whether it has an idle question open
 * (and how long the idle time was), whether on-device suggestions are on, and the site settings that decide
 * where buttons go. Never notes, project names or account data. The background writes these and never reads them
 * back: a content script that rewrites them changes only what buttons show.
 */

const PUBLIC_SITE_KEYS = ['sites', 'selectorOverrides', 'disabledIntegrations', 'dockHidden'] as const;

/** Writes the projections the topics touch (all of them with no topics: at startup). */
export async function project(area: { set(values: Record<string, unknown>): Promise<void> }, topics?: readonly Topic[]): Promise<void> {
  const wants = (t: Topic) => !topics || topics.includes(t);
  const values: Record<string, unknown> = {};
  if (wants('timer')) {
    const timer = await get('timer');
    const running: RunningProjection | null =
      timer?.running && timer.task ? { key: taskKey(timer.task), startedAt: timer.startedAt ?? timer.createdAt } : null;
    values[RUNNING_KEY] = running;
  }
  if (wants('timer') || wants('prompt')) {
    const [timer, prompt] = await Promise.all([get('timer'), get('prompt')]);
    const open = timer?.task && prompt?.kind === 'idle' && prompt.timerId === timer.id;
    const idle: IdleProjection | null = open && timer.task ? { key: taskKey(timer.task), idleMs: prompt.idleMs } : null;
    values[IDLE_KEY] = idle;
  }
  // Whether suggestions are on: pages send no report at all while they are off.
  if (wants('settings')) values[SUGGEST_KEY] = (await get('settings')).suggestions;
  for (const key of PUBLIC_SITE_KEYS) if (wants(key)) values[key] = await get(key);
  if (Object.keys(values).length > 0) await area.set(values);
}
