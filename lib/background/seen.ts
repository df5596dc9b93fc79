import type { IdleState } from '../core/activity';
import type { Task } from '../core/entry';
import { dismiss, NO_SEEN, report } from '../core/seen';
import { DAY, dayKey } from '../core/time';
import * as store from '../state/store';

/**
 * On-device suggestions in the worker: a content script's "task shown / not shown" report becomes time seen per
 * task per day (lib/core/seen.ts), measured with this worker's clock, under the state lock, in the data layer. Only
 * with the option on, and only while the machine is in use: the idle record says not idle or locked, and the browser
 * saw input within the last two minutes (a short window of its own: the idle question's threshold is minutes long,
 * and a page left shown while the user is away must stop counting soon).
 */

/** "In use": input within this many seconds (chrome.idle.queryState; the API's least is 15). */
export const SEEN_IDLE_SECONDS = 120;

export interface SeenDeps {
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** The browser's idle state over the last `seconds` (the idle source's query). */
  idleState(seconds: number): Promise<IdleState>;
  now?: () => number;
}

export function createSeen(deps: SeenDeps) {
  const now = deps.now ?? Date.now;

  /** A tab's report (its id from the browser's sender record); nothing is kept with the option off. */
  function seen(tab: number, task: Task, shown: boolean): Promise<number> {
    return deps.exclusive(async () => {
      if (!(await store.get('settings')).suggestions) return 0;
      const [record, activity] = await Promise.all([store.get('seen'), store.get('activity')]);
      const active = activity.state === 'active' && (await deps.idleState(SEEN_IDLE_SECONDS)) === 'active';
      const out = report(record, { tab: String(tab), task, shown, now: now(), active });
      await store.write({ kv: { seen: out.seen } });
      return out.creditedMs;
    });
  }

  return {
    seen,
    dismiss: (day: string, key: string) => deps.exclusive(() => store.update('seen', (s) => dismiss(s, day, key))),
    clear: () => deps.exclusive(() => store.write({ kv: { seen: NO_SEEN } })),
  };
}
export type SeenService = ReturnType<typeof createSeen>;

/** What the popup gets: the last two days (today wherever the popup's clock is, around midnight too). */
export async function recentSeen() {
  const { days } = await store.get('seen');
  const from = dayKey(Date.now() - DAY);
  return Object.fromEntries(Object.entries(days).filter(([day]) => day >= from));
}
