import {
  type Activity as ActivityRecord,
  detectionSeconds,
  type IdleState,
  livePrompt,
  observe,
  type Prompt,
  type RunningTimer,
  tick,
} from '../core/activity';
import type { Entry } from '../core/entry';
import { MINUTE } from '../core/time';
import * as store from '../state/store';

/**
 * Idle detection, forgotten timers and the reminder to track, in the worker: the idle source's reports and a
 * once-a-minute tick go through the pure rules (lib/core/activity.ts), under the state lock, and what they return
 * is written to the data layer (the worker stops after 30 s; the idle period and the reminders shown do not).
 * A question raised is only offered (notification, popup, the page's button): the user's answer is the
 * `prompt.resolve` intent, through the handler table and the outbox like any other.
 */

/** Where idle states come from: the browser's `idle` API, or a test's reports (the e2e suites drive the worker). */
export interface IdleSource {
  query(detectionSeconds: number): Promise<IdleState>;
  setDetectionInterval(seconds: number): void;
  onChange(listener: (state: IdleState) => void): void;
}

/** What the user is shown; the background wires it to browser notifications (lib/background/notify.ts). */
export interface ActivityNotifier {
  /** A question about the running timer was raised (or grew). */
  prompt(prompt: Prompt, timer: Entry): Promise<void>;
  /** The gentle reminder to track: active this long with no timer. */
  track(untrackedMs: number): Promise<void>;
}

export interface ActivityDeps {
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  notifier: ActivityNotifier;
  now?: () => number;
}

const runningOf = (timer: Entry | null): RunningTimer =>
  timer?.running ? { id: timer.id, startedAt: timer.startedAt ?? timer.createdAt } : null;

export function createActivity(deps: ActivityDeps) {
  const now = deps.now ?? Date.now;

  async function read() {
    const [activity, prompt, timer, settings] = await Promise.all([
      store.get('activity'),
      store.get('prompt'),
      store.get('timer'),
      store.get('settings'),
    ]);
    return { activity, prompt, timer, settings };
  }

  /** Writes what changed (nothing at all, most minutes). */
  async function save(was: { activity: ActivityRecord; prompt: Prompt | null }, next: { activity: ActivityRecord; prompt: Prompt | null }) {
    const kv = {
      ...(next.activity !== was.activity ? { activity: next.activity } : {}),
      ...(next.prompt !== was.prompt ? { prompt: next.prompt } : {}),
    };
    if (Object.keys(kv).length > 0) await store.write({ kv });
  }

  /** The idle source reports a state, at `at` (the browser's events: now). */
  function report(state: IdleState, at = now()): Promise<Prompt | null> {
    return deps.exclusive(async () => {
      const was = await read();
      const out = observe(
        was.activity,
        { state, at },
        {
          detectionMs: detectionSeconds(was.settings) * 1000,
          thresholdMs: was.settings.idleMinutes * MINUTE,
          timer: runningOf(was.timer),
          prompt: was.prompt,
        },
      );
      await save(was, out);
      if (out.raised && out.prompt && was.timer) await deps.notifier.prompt(out.prompt, was.timer);
      return out.prompt;
    });
  }

  /** Once a minute (the alarm), and when a test asks, at `at`: forgotten timers and the reminder to track. */
  function check(at = now()): Promise<'forgotten' | 'track' | null> {
    return deps.exclusive(async () => {
      const was = await read();
      const out = tick(was.activity, { now: at, timer: runningOf(was.timer), prompt: was.prompt, settings: was.settings });
      await save(was, out);
      if (out.notify === 'forgotten' && out.prompt && was.timer) await deps.notifier.prompt(out.prompt, was.timer);
      if (out.notify === 'track') await deps.notifier.track(at - (out.activity.untrackedSince ?? at));
      return out.notify;
    });
  }

  /** The question still open, if any (the notification is cleared once there is none). */
  async function openPrompt(): Promise<Prompt | null> {
    const { prompt, timer } = await read();
    return livePrompt(prompt, runningOf(timer));
  }

  /**
   * Listens to the source. Synchronously, in the worker's first turn: an MV3 worker stopped while idle is woken
   * by the browser's idle event only for listeners registered then. Reports queue behind the state lock (and so
   * behind the storage preparation at start).
   */
  function listen(source: IdleSource): void {
    source.onChange((state) => void report(state).catch((err: unknown) => console.error('Stint: idle', err)));
  }

  /**
   * Sets the source's interval from the settings and, at a start of the worker, asks it once: a return that
   * happened while no worker ran (the browser closed while idle) still ends the idle period.
   */
  async function attach(source: IdleSource): Promise<void> {
    const seconds = detectionSeconds(await store.get('settings'));
    source.setDetectionInterval(seconds);
    const state = await source.query(seconds);
    if (state !== (await store.get('activity')).state) await report(state);
  }

  /** The settings changed: the browser's idle interval follows the threshold. */
  async function retune(source: IdleSource): Promise<void> {
    source.setDetectionInterval(detectionSeconds(await store.get('settings')));
  }

  return { report, check, openPrompt, listen, attach, retune };
}
export type Activity = ReturnType<typeof createActivity>;
