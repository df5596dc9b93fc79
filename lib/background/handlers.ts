import { recordVisit } from '../core/health';
import { putRule } from '../core/rules';
import { t } from '../i18n';
import type { PromptResolve, SenderKind, TrackerIntent } from '../protocol/messages';
import type { MessageOf, MessageType, Replies } from '../protocol/replies';
import * as store from '../state/store';
import type { Accounts } from './accounts';
import { exportCsv } from './export';
import type { IntentDeps, IntentResult } from './intents';
import type { ModalRegistry } from './modals';
import type { SeenService } from './seen';
import { exportSettings, importSettings } from './settings-io';
import { addSite, removeSite } from './sites';
import { snapshot } from './snapshot';

/**
 * One handler per message type, each answering its typed reply (lib/protocol/replies.ts): a missing or misspelt
 * handler does not compile. `locked` handlers run inside the background's state lock, so two quick saves never
 * lose one; the others take the lock themselves where they write (linking talks to a provider first).
 */

export interface HandlerContext {
  accounts: Accounts | null;
  /** The sender's tab and frame (the browser's record), for the modal registrations. */
  sender: { tabId?: number; frameId?: number };
  /** Who sent it, from the browser's sender record (lib/protocol/messages.ts senderKind). */
  kind: SenderKind;
  modals: ModalRegistry | null;
  seen: SeenService | null;
  intent: (msg: TrackerIntent) => Promise<IntentResult>;
  /** The answer to the question open about the running timer (lib/background/prompts.ts). */
  resolvePrompt: (msg: PromptResolve) => Promise<IntentResult>;
  syncNow: () => Promise<void>;
}

/** A refusal a handler throws: becomes `{ ok: false, error, kind }` for the sender. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly kind?: string,
  ) {
    super(message);
  }
}

interface Handler<K extends MessageType> {
  locked: boolean;
  run(msg: MessageOf<K>, ctx: HandlerContext): Promise<Replies[K]>;
}
type Table = { [K in MessageType]: Handler<K> };

async function tracker(msg: TrackerIntent, ctx: HandlerContext): Promise<undefined> {
  const result = await ctx.intent(msg);
  if (!result.ok) throw new Refusal(result.error, result.kind);
  return undefined;
}
const intent = { locked: true, run: tracker } as const;

function accountsOf(ctx: HandlerContext): Accounts {
  if (!ctx.accounts) throw new Refusal(t('accounts_unavailable'));
  return ctx.accounts;
}

const done = async (work: Promise<unknown>): Promise<undefined> => {
  await work;
  return undefined;
};

export const handlers: Table = {
  'timer.start': intent,
  'timer.stop': intent,
  'entry.save': intent,
  'timer.update': intent,
  'entry.update': intent,
  'entry.delete': intent,
  'entry.continue': intent,
  'prompt.resolve': {
    locked: true,
    run: async (m, ctx) => {
      const result = await ctx.resolvePrompt(m);
      if (!result.ok) throw new Refusal(result.error, result.kind);
      return undefined;
    },
  },

  'harvest.accounts': { locked: false, run: (m, ctx) => accountsOf(ctx).harvestAccounts(m.token) },
  'workspaces.list': { locked: false, run: (m, ctx) => accountsOf(ctx).workspaces(m.provider, m.token, m.baseUrl) },
  'account.link': {
    locked: false,
    run: async (m, ctx) => ({ id: (await accountsOf(ctx).link(m.provider, m.token, m.remoteAccountId, m.baseUrl)).id }),
  },
  'account.signin': { locked: false, run: async (_, ctx) => ({ id: (await accountsOf(ctx).signIn()).id }) },
  'account.unlink': { locked: false, run: (m, ctx) => done(accountsOf(ctx).unlink(m.id)) },
  'account.default': { locked: false, run: (m, ctx) => done(accountsOf(ctx).setDefault(m.id)) },
  'account.refresh': { locked: false, run: async (m, ctx) => ({ count: await accountsOf(ctx).refresh(m.id) }) },
  'tag.create': { locked: false, run: (m, ctx) => accountsOf(ctx).createTag(m.accountId, m.name) },

  'site.add': { locked: true, run: async (m) => ({ origin: await addSite(m.origin, m.integration) }) },
  'site.remove': { locked: true, run: (m) => done(removeSite(m.origin)) },
  'selector.set': {
    locked: true,
    run: (m) =>
      done(
        store.update('selectorOverrides', ({ [m.integration]: _, ...rest }) => {
          const selector = m.selector.trim();
          return selector ? { ...rest, [m.integration]: selector } : rest;
        }),
      ),
  },
  'integration.enable': {
    locked: true,
    run: (m) =>
      done(
        store.update('disabledIntegrations', (all) => {
          const off = all.filter((id) => id !== m.integration);
          return m.enabled ? off : [...off, m.integration];
        }),
      ),
  },
  'settings.update': {
    locked: true,
    run: ({ type: _, ...patch }) => done(store.update('settings', (s) => ({ ...s, ...patch }))),
  },
  'rule.set': { locked: true, run: ({ type: _, ...rule }) => done(store.update('rules', (rules) => putRule(rules, rule))) },
  'rule.remove': {
    locked: true,
    run: (m) => done(store.update('rules', (rules) => rules.filter((r) => !(r.integration === m.integration && r.groupId === m.groupId)))),
  },
  'settings.export': { locked: false, run: (m) => exportSettings({ withSeen: m.withSeen === true }) },
  'settings.import': {
    locked: true,
    run: async (m) => {
      const imported = await importSettings(m.file);
      if (!imported.ok) throw new Refusal(imported.error);
      return { rules: imported.rules };
    },
  },
  'sync.now': { locked: false, run: (_, ctx) => done(ctx.syncNow()) },
  'entries.export': { locked: false, run: async () => ({ csv: await exportCsv() }) },
  'state.get': { locked: false, run: (m) => snapshot(m.topics) },
  'modal.open': {
    locked: false,
    run: async (m, ctx) => {
      if (!ctx.modals || ctx.sender.tabId === undefined) throw new Refusal('Rejected: a modal opens from a tab.');
      await ctx.modals.open(m.nonce, m.task, ctx.sender.tabId);
      return undefined;
    },
  },
  'modal.claim': {
    locked: false,
    run: async (m, ctx) => {
      const { tabId, frameId } = ctx.sender;
      const claimed = ctx.modals && tabId !== undefined && frameId !== undefined ? await ctx.modals.claim(m.nonce, tabId, frameId) : null;
      if (!claimed) throw new Refusal('Rejected: this timer was not opened by Stint on this page.');
      return claimed;
    },
  },

  // Site reports from content scripts (read-modify-writes: tabs report concurrently, so under the lock).
  // A visit that changes nothing gives back the same record, and update writes nothing (lib/core/health.ts).
  'anchor.placed': { locked: true, run: (m) => done(store.update('anchorHealth', (h) => recordVisit(h, m.integration, m.layer))) },
  'dock.hide': {
    locked: true,
    run: (m) => done(store.update('dockHidden', (ids) => (ids.includes(m.integration) ? ids : [...ids, m.integration]))),
  },
  'dock.show': { locked: true, run: (m) => done(store.update('dockHidden', (ids) => ids.filter((id) => id !== m.integration))) },

  // Suggestions (lib/background/seen.ts takes the lock itself). A report comes from a page's own content script,
  // in its top frame: the tab is the browser's record of the sender, never a field of the message.
  'task.seen': {
    locked: false,
    run: async (m, ctx) => {
      const { tabId, frameId } = ctx.sender;
      if (!ctx.seen || ctx.kind !== 'content-script' || tabId === undefined || frameId !== 0) {
        throw new Refusal('Rejected: only a task page reports what it shows.');
      }
      await ctx.seen.seen(tabId, m.task, m.shown);
      return undefined;
    },
  },
  'seen.dismiss': { locked: false, run: (m, ctx) => done(ctx.seen?.dismiss(m.day, m.key) ?? Promise.resolve()) },
  'seen.clear': { locked: false, run: (_, ctx) => done(ctx.seen?.clear() ?? Promise.resolve()) },
};

export type { IntentDeps };
