/**
 * When the engine runs. A change (a save, an edit) is flushed a moment after it (`changed`). And Stint looks for
 * timers started or stopped elsewhere: when the popup or the options page opens (`sync.now`)
 * and when a tab or window gains focus, never on a clock. Each look is a request, and Toggl allows 30 an hour on
 * its /me endpoints, so the engine's poll also asks each account's budget (lib/sync/budget.ts), which spreads the
 * looks over the hour. Focus changes come in bursts (a window gains focus and its tab activates): one look per burst.
 */

import type { PollReason } from './budget';

export interface Syncing {
  flush(options?: { retry?: boolean }): Promise<void>;
  /** Looks for remote changes; a 'look' also reads back the week's entries, as each account's budget allows. */
  poll(why?: PollReason): Promise<void>;
}

export interface TriggerOptions {
  /** Quiet time after the last focus change before looking (default 1 s). */
  debounceMs?: number;
  /** Time between a change and its flush (default 10 ms; see `changed`). */
  changeDelayMs?: number;
  /** Resolves once the background is ready to touch state. */
  ready?: () => Promise<unknown>;
  onError?: (err: unknown) => void;
}

export function createTriggers(engine: Syncing, o: TriggerOptions = {}) {
  const debounceMs = o.debounceMs ?? 1_000;
  const changeDelayMs = o.changeDelayMs ?? 10;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;
  const onError = o.onError ?? ((err: unknown) => console.error('Stint sync failed', err));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: (() => void)[] = [];

  /** Looks, then syncs whatever is due (a flush with nothing due sends nothing). */
  const look = async () => {
    await o.ready?.();
    try {
      await engine.poll('focus');
    } finally {
      await engine.flush();
    }
  };

  return {
    /**
     * State changed: flush `changeDelayMs` later, once for the changes of that time (the timer is set once, never
     * pushed back, so a stream of saves cannot postpone it). Not at once: started at once or in the next task, the
     * flush's work held back the reply to the page that asked for the change (offline_save_ms_p95_at_500, 4 runs
     * each: p95 4.3–5.3 ms at once or after 0 ms, 3.7–4.0 ms after 10 ms).
     */
    changed(): void {
      if (changeTimer !== undefined) return;
      changeTimer = setTimeout(() => {
        changeTimer = undefined;
        void (async () => {
          await o.ready?.();
          await engine.flush();
        })().catch(onError);
      }, changeDelayMs);
    },

    /** The popup or options page opened, or the user asked to retry: sync now, then look (and read the week back). */
    async syncNow(): Promise<void> {
      await engine.flush({ retry: true });
      await engine.poll('look');
    },

    /** A tab or window gained focus; resolves once the (debounced) look it belongs to is done. */
    focused(): Promise<void> {
      clearTimeout(timer);
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        timer = setTimeout(() => {
          const done = waiting;
          waiting = [];
          void look()
            .catch(onError)
            .finally(() => {
              for (const d of done) d();
            });
        }, debounceMs);
      });
    },
  };
}
