import type { Prompt } from '../core/activity';
import type { Entry } from '../core/entry';
import type { Health } from '../core/health';
import type { Account, AccountStatus, BookingRef, Rule, Settings, Tag } from '../core/schemas';
import type { SeenItem } from '../core/seen';
import type { ProviderWorkspace } from '../providers/common';
import type { Assignment } from '../providers/types';
import type { PendingSummary } from '../sync/outbox';
import type { Message } from './messages';

/**
 * What each message answers, by type: the background's handler table must produce it (lib/background/handlers.ts)
 * and `send` (lib/ui/client.ts) gives it to the caller typed, so no component casts a reply. Types only: the
 * pages that import this ship no schema library.
 */

export type MessageType = Message['type'];
export type MessageOf<K extends MessageType> = Extract<Message, { type: K }>;

/** One project/task pair of a linked account, as the pickers show it. */
export type { Assignment };

/** A Clockify/Toggl workspace a token can use, with its lock and required fields. */
export type Workspace = ProviderWorkspace;

/** What the extension pages render, by topic (`state.get`); each topic is what one `state.changed` names. */
export interface Snapshot {
  timer: Entry | null;
  /** Stopped and manual entries of the last two weeks (today, this week, recent bookings), newest first. */
  recent: Entry[];
  settings: Settings;
  /** `harvestSignIn`: an OAuth client id is there (built in or set by the user), so "Sign in with Harvest" can work. */
  accounts: { list: Account[]; defaultAccount: string; harvestSignIn: boolean };
  /** Per account: its projects and tasks, and (trackers with tags) its workspace's tags and whether the user may create one. */
  assignments: Record<string, { fetchedAt: number; list: Assignment[]; tags?: Tag[]; tagsCreatable?: boolean }>;
  status: Record<string, AccountStatus>;
  lastBooking: Record<string, BookingRef | null>;
  /** Changes waiting to sync and entries refused, per account id; each waiting entry's state (lib/sync/outbox.ts). */
  pending: PendingSummary;
  rules: Rule[];
  sites: {
    sites: Record<string, string>;
    selectorOverrides: Record<string, string>;
    disabledIntegrations: string[];
    /** Sites whose corner dock the user hid. */
    dockHidden: string[];
    /** Which layer placed each site's button on its last visits (lib/core/health.ts). */
    health: Health;
  };
  /** The question open about the running timer (idle time, a forgotten timer), or null (lib/core/activity.ts). */
  prompt: Prompt | null;
  /** Suggestions: the time seen per task on the last two days (the popup shows today's, lib/core/seen.ts). */
  seen: Record<string, Record<string, SeenItem>>;
}
export type Topic = keyof Snapshot;

export interface Replies {
  'timer.start': undefined;
  'timer.stop': undefined;
  'entry.save': undefined;
  'timer.update': undefined;
  'entry.update': undefined;
  'entry.delete': undefined;
  'entry.continue': undefined;
  'prompt.resolve': undefined;
  'harvest.accounts': { id: string; name: string }[];
  'workspaces.list': Workspace[];
  'account.link': { id: string };
  'account.signin': { id: string };
  'account.unlink': undefined;
  'account.default': undefined;
  'account.refresh': { count: number };
  'site.add': { origin: string };
  'site.remove': undefined;
  'selector.set': undefined;
  'integration.enable': undefined;
  'settings.update': undefined;
  'rule.set': undefined;
  'rule.remove': undefined;
  'settings.export': unknown;
  'settings.import': { rules: number };
  'sync.now': undefined;
  'entries.export': { csv: string };
  'anchor.placed': undefined;
  'dock.hide': undefined;
  'dock.show': undefined;
  'task.seen': undefined;
  'seen.dismiss': undefined;
  'seen.clear': undefined;
  'state.get': Partial<Snapshot>;
  'modal.open': undefined;
  'modal.claim': { task: Entry['task'] };
  'tag.create': Tag;
}

/** A failure may say what kind it is (a provider's error kind) and when to try again, so pages can show the fix. */
export type Failure = { ok: false; error: string; kind?: string; retryAfterMs?: number };
export type Reply<T = unknown> = { ok: true; data: T } | Failure;
export type ReplyTo<K extends MessageType> = Reply<Replies[K]>;

/** The background's broadcast to extension pages after a write: re-read these topics. */
export interface StateChanged {
  type: 'state.changed';
  topics: Topic[];
}
