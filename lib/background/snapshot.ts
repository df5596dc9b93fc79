import { livePrompt } from '../core/activity';
import type { Entry } from '../core/entry';
import { dayKey } from '../core/time';
import type { Snapshot, Topic } from '../protocol/replies';
import type { Topic as StoreTopic } from '../state/store';
import * as store from '../state/store';
import { pendingSummary } from '../sync/outbox';
import { recentSeen } from './seen';

/**
 * What the extension pages render, read from the data layer and checked there: the pages get it by message and
 * never open storage themselves (nor ship its schemas). Entries are the last two weeks only, a range of the day
 * index, so a popup paints as fast with years of history as with none.
 */

const RECENT_DAYS = 14;

/** Whether "Sign in with Harvest" can work: an OAuth client id in the build or set by the user; else it only errors. */
function harvestSignIn(ids: { harvest?: string }): boolean {
  const built = typeof __STINT_HARVEST_CLIENT_ID__ === 'string' ? __STINT_HARVEST_CLIENT_ID__ : '';
  return built !== '' || !!ids.harvest;
}

/** The last two weeks' entries: from memory the data layer keeps in step with its writes (store.entriesFrom). */
const recent = (): Promise<Entry[]> => store.entriesFrom(dayKey(Date.now() - RECENT_DAYS * 86_400_000));

const readers: { [K in Topic]: () => Promise<Snapshot[K]> } = {
  timer: () => store.get('timer'),
  recent,
  settings: () => store.get('settings'),
  // Topics of several values read them in one transaction (each read is a round trip to the browser's storage).
  accounts: async () => {
    const kv = await store.getMany(['accounts', 'defaultAccount', 'oauthClientIds']);
    return { list: kv.accounts, defaultAccount: kv.defaultAccount, harvestSignIn: harvestSignIn(kv.oauthClientIds) };
  },
  assignments: () => store.allAssignments(),
  status: () => store.get('status'),
  lastBooking: () => store.get('lastBooking'),
  pending: async () => pendingSummary(await store.outbox()),
  rules: () => store.get('rules'),
  sites: async () => {
    const kv = await store.getMany(['sites', 'selectorOverrides', 'disabledIntegrations', 'dockHidden', 'anchorHealth']);
    const { anchorHealth: health, ...rest } = kv;
    return { ...rest, health };
  },
  seen: () => recentSeen(),
  // Only a question about the timer still running (one about a timer stopped since is void).
  prompt: async () => {
    const { prompt, timer } = await store.getMany(['prompt', 'timer']);
    return livePrompt(prompt, timer ? { id: timer.id, startedAt: timer.startedAt ?? timer.createdAt } : null);
  },
};

export async function snapshot(topics: readonly Topic[]): Promise<Partial<Snapshot>> {
  const out: Partial<Snapshot> = {};
  await Promise.all(
    [...new Set(topics)].map(async (topic) => {
      (out as Record<Topic, unknown>)[topic] = await readers[topic]();
    }),
  );
  return out;
}

/** The page topics a write of the data layer touched (what `state.changed` names). */
const PAGE_TOPICS: Partial<Record<StoreTopic, Topic>> = {
  timer: 'timer',
  entries: 'recent',
  settings: 'settings',
  accounts: 'accounts',
  defaultAccount: 'accounts',
  oauthClientIds: 'accounts',
  assignments: 'assignments',
  status: 'status',
  lastBooking: 'lastBooking',
  outbox: 'pending',
  rules: 'rules',
  sites: 'sites',
  selectorOverrides: 'sites',
  disabledIntegrations: 'sites',
  dockHidden: 'sites',
  anchorHealth: 'sites',
  prompt: 'prompt',
  seen: 'seen',
};
export const pageTopics = (changed: readonly StoreTopic[]): Topic[] => [
  ...new Set(changed.flatMap((t) => (PAGE_TOPICS[t] ? [PAGE_TOPICS[t]] : []))),
];
