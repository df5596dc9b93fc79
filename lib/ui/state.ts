import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '../core/defaults';
import type { Entry } from '../core/entry';
import { dayKey } from '../core/time';
import type { Snapshot, StateChanged, Topic } from '../protocol/replies';
import { send } from './client';

/**
 * The state the extension pages render, as signals filled from the background's snapshots (`state.get`) and
 * refreshed when it says a topic changed (`state.changed`). The pages never own the truth, never open storage and
 * ship no schema library: the background checked what it sends.
 */
export const timer = signal<Entry | null>(null);
/** Stopped and manual entries of the last two weeks, newest first. */
export const entries = signal<Entry[]>([]);
export const settings = signal<Snapshot['settings']>(DEFAULT_SETTINGS);
export const accounts = signal<Snapshot['accounts']['list']>([]);
export const defaultAccount = signal<string>('local');
/** Whether this build (or the user's settings) has a Harvest OAuth client id: without one, no sign-in button. */
export const harvestSignIn = signal(false);
export const assignments = signal<Snapshot['assignments']>({});
export const status = signal<Snapshot['status']>({});
export const lastBooking = signal<Snapshot['lastBooking']>({});
/** Changes waiting to sync and entries refused, per account id, and each waiting entry's state. */
export const pending = signal<Snapshot['pending']>({ waiting: {}, refused: {}, entries: {} });
export const rules = signal<Snapshot['rules']>([]);
export const sites = signal<Snapshot['sites']>({ sites: {}, selectorOverrides: {}, disabledIntegrations: [], dockHidden: [], health: {} });
/** The question open about the running timer: idle time or a forgotten timer (lib/core/activity.ts). */
export const prompt = signal<Snapshot['prompt']>(null);
/** Suggestions: time seen per day per task (the last two days; lib/core/seen.ts). */
export const seen = signal<Snapshot['seen']>({});
/** Ticks once a second while a timer runs: the running timer's seconds. */
export const now = signal(Date.now());
/**
 * The clock of what shows minutes (today's entries and total, the week, suggestions): it moves with `now` only
 * when the running timer's elapsed minute or the day changes. Those read `now` before, so every second a timer
 * ran the popup re-rendered each of today's entries and summed the week again.
 */
export const minuteNow = signal(Date.now());

/** Moves the clocks to `at`: `now` always, `minuteNow` when what minutes show would change. */
function moveClocks(at: number, run: Entry | null): void {
  now.value = at;
  const start = run?.startedAt ?? run?.createdAt ?? 0;
  const minute = (t: number) => Math.floor((t - start) / 60_000);
  if (!run || minute(at) !== minute(minuteNow.value) || dayKey(at) !== dayKey(minuteNow.value)) minuteNow.value = at;
}

const apply: { [K in Topic]: (value: Snapshot[K]) => void } = {
  timer: (v) => {
    timer.value = v;
    moveClocks(Date.now(), null);
  },
  recent: (v) => (entries.value = v),
  settings: (v) => (settings.value = v),
  accounts: (v) => {
    accounts.value = v.list;
    defaultAccount.value = v.defaultAccount;
    harvestSignIn.value = v.harvestSignIn;
  },
  assignments: (v) => (assignments.value = v),
  status: (v) => (status.value = v),
  lastBooking: (v) => (lastBooking.value = v),
  pending: (v) => (pending.value = v),
  rules: (v) => (rules.value = v),
  sites: (v) => (sites.value = v),
  prompt: (v) => (prompt.value = v),
  seen: (v) => (seen.value = v),
};
const ALL = Object.keys(apply) as Topic[];

/** Per topic, the latest request: an answer overtaken by a newer request for the same topic is dropped. */
const latest = new Map<Topic, number>();
let requests = 0;

/**
 * After a failed load, the same topics are asked again after these pauses (ms): a worker stopping just as a page
 * asked loses the reply on each of the client's quick tries, and a page that gave up would show its defaults (no
 * accounts: a modal with no project picker) until the next change.
 */
const RELOAD_AFTER = [300, 1500];

async function load(topics: readonly Topic[], attempt = 0): Promise<void> {
  if (topics.length === 0) return;
  const id = ++requests;
  for (const topic of topics) latest.set(topic, id);
  const reply = await send({ type: 'state.get', topics: [...topics] });
  if (!reply.ok) {
    console.error('Stint: could not load', topics.join(', '), reply.error);
    const pause = RELOAD_AFTER[attempt];
    // Only the topics no newer request has asked for since.
    const again = () =>
      load(
        topics.filter((t) => latest.get(t) === id),
        attempt + 1,
      );
    if (pause !== undefined) setTimeout(() => void again(), pause);
    return;
  }
  for (const topic of topics) {
    const value = reply.data[topic];
    if (latest.get(topic) === id && value !== undefined) (apply[topic] as (v: unknown) => void)(value);
  }
}

/**
 * Loads the page's topics into their signals and follows changes. With `firstPaint` (the popup) it resolves once
 * what the first screen shows is in (the timer, today and this week, settings, accounts), and the rest (the
 * project lists…) fills in as it arrives; otherwise once everything is loaded.
 */
export async function connectState({
  firstPaint = false,
  topics = ALL,
}: {
  firstPaint?: boolean;
  topics?: readonly Topic[];
} = {}): Promise<() => void> {
  const first: Topic[] = firstPaint ? topics.filter((t) => ['timer', 'recent', 'settings', 'accounts', 'prompt'].includes(t)) : [...topics];
  const rest = topics.filter((t) => !first.includes(t));
  const onMessage = (message: unknown) => {
    const changed = message as Partial<StateChanged> | null;
    if (changed?.type !== 'state.changed' || !Array.isArray(changed.topics)) return;
    void load(changed.topics.filter((t) => topics.includes(t)));
  };
  browser.runtime.onMessage.addListener(onMessage);
  await load(first);
  // In a task of its own: the caller renders the first screen before this request is even sent.
  if (rest.length > 0) setTimeout(() => void load(rest), 0);
  const tick = setInterval(() => {
    if (timer.value) moveClocks(Date.now(), timer.value);
  }, 1000);
  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    clearInterval(tick);
  };
}
