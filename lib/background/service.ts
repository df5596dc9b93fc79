import { storage } from 'wxt/utils/storage';
import { type Entry, groupKey, type Task } from '../core/entry';
import { recordVisit } from '../core/health';
import { missingFields, missingMessage } from '../core/required';
import { putRule, ruleFor } from '../core/rules';
import type { Booking } from '../core/schemas';
import { applyIntent } from '../core/tracker';
import { t } from '../i18n';
import {
  type AccountIntent,
  type BookingRef,
  isAccountIntent,
  isSiteReport,
  parseMessage,
  type Reply,
  type SenderKind,
  type SiteReport,
  type TrackerIntent,
} from '../protocol/messages';
import { ProviderError } from '../providers/types';
import { items, readAccounts, readEntries, readHealth, readOutbox, readRules, readSettings, readTimer } from '../state/storage';
import { journal } from '../sync/outbox';
import type { Accounts } from './accounts';
import { exportSettings, importSettings } from './settings-io';
import { addSite, removeSite } from './sites';

/** Runs tasks one after another: intents never interleave their read-modify-write of storage. */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

const newId = () => crypto.randomUUID();

export interface ServiceDeps {
  now?: () => number;
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  accounts?: Accounts;
  /** Called after state changed (the sync engine flushes). */
  changed?: () => void;
  /** Sync now: flush and look for remote changes. */
  syncNow?: () => Promise<void>;
}

/** Resolves a booking request against the linked accounts and their cached project/task lists. */
async function bookingResolver(): Promise<(ref: BookingRef, task: Task | null) => Booking | null | string> {
  const [accounts, defaultId, cache, rules] = await Promise.all([
    readAccounts(),
    items.defaultAccount.getValue(),
    items.assignments.getValue(),
    readRules(),
  ]);
  const resolve = (ref: BookingRef, task: Task | null): Booking | null | string => {
    if (ref === null) return null;
    if (ref === undefined) {
      // No explicit choice: a pinned rule for the task's site, else the default account (Local needs nothing).
      const rule = ruleFor(rules, task);
      if (rule) return resolve(rule, task);
      if (defaultId === 'local' || !accounts.some((a) => a.id === defaultId)) return null;
      return t('booking_choose');
    }
    const account = accounts.find((a) => a.id === ref.accountId);
    if (!account) return t('booking_account_gone');
    const found = cache[account.id]?.list.find((a) => a.projectId === ref.projectId && a.taskId === ref.taskId);
    if (!found) return t('booking_unavailable', account.accountName);
    return { ...ref, projectName: found.projectName, taskName: found.taskName };
  };
  return resolve;
}

/** Intents that make or edit an entry: what they leave must carry what its workspace requires. */
const EDITS = new Set<string>(['timer.start', 'entry.save', 'timer.update', 'entry.update', 'entry.continue']);

/** The refusal when the entry an intent made or edited lacks its workspace's required fields (Clockify), else null. */
async function requiredRefusal(msg: TrackerIntent, entry: Entry | undefined): Promise<string | null> {
  const booking = entry?.booking;
  if (!EDITS.has(msg.type) || !entry || !booking) return null;
  const account = (await readAccounts()).find((a) => a.id === booking.accountId);
  const missing = account ? missingFields(account.required, { ...booking, notes: entry.notes }) : [];
  return account && missing.length > 0 ? missingMessage(account.accountName, missing) : null;
}

/** Site settings: self-hosted domains, selector overrides, sites on/off. Null when `msg` is something else. */
async function integrationSettings(msg: AccountIntent): Promise<Reply | null> {
  try {
    switch (msg.type) {
      case 'site.add':
        return { ok: true, data: { origin: await addSite(msg.origin, msg.integration) } };
      case 'site.remove':
        await removeSite(msg.origin);
        return { ok: true };
      case 'selector.set': {
        const { [msg.integration]: _, ...rest } = await items.selectorOverrides.getValue();
        const selector = msg.selector.trim();
        await items.selectorOverrides.setValue(selector ? { ...rest, [msg.integration]: selector } : rest);
        return { ok: true };
      }
      case 'settings.update': {
        const { type: _, ...patch } = msg;
        await items.settings.setValue({ ...(await readSettings()), ...patch });
        return { ok: true };
      }
      case 'rule.set': {
        const { type: _, ...rule } = msg;
        await items.rules.setValue(putRule(await readRules(), rule));
        return { ok: true };
      }
      case 'rule.remove':
        await items.rules.setValue((await readRules()).filter((r) => !(r.integration === msg.integration && r.groupId === msg.groupId)));
        return { ok: true };
      case 'settings.export':
        return { ok: true, data: await exportSettings() };
      case 'settings.import': {
        const imported = await importSettings(msg.file);
        return imported.ok ? { ok: true, data: { rules: imported.rules } } : imported;
      }
      case 'dock.show':
        await items.dockHidden.setValue((await items.dockHidden.getValue()).filter((id) => id !== msg.integration));
        return { ok: true };
      case 'integration.enable': {
        const off = (await items.disabledIntegrations.getValue()).filter((id) => id !== msg.integration);
        await items.disabledIntegrations.setValue(msg.enabled ? off : [...off, msg.integration]);
        return { ok: true };
      }
      default:
        return null;
    }
  } catch (err) {
    return failure(err);
  }
}

/** A content script's report: which layer placed a button (site health), or the user hid a site's dock. */
async function siteReport(msg: SiteReport): Promise<Reply> {
  if (msg.type === 'anchor.placed') {
    await items.anchorHealth.setValue(recordVisit(await readHealth(), msg.integration, msg.layer));
  } else {
    const hidden = await items.dockHidden.getValue();
    if (!hidden.includes(msg.integration)) await items.dockHidden.setValue([...hidden, msg.integration]);
  }
  return { ok: true };
}

/** Remembers the project/task chosen for a task's group (repository, board…), as Harvest's button does. */
async function rememberBooking(msg: TrackerIntent, entry: Entry | undefined) {
  const all = await items.lastBooking.getValue();
  if ((msg.type !== 'timer.start' && msg.type !== 'entry.save') || !entry) return all;
  const ref = entry.booking
    ? { accountId: entry.booking.accountId, projectId: entry.booking.projectId, taskId: entry.booking.taskId }
    : null;
  const next: typeof all = { ...all, '*': ref };
  if (entry.task) next[groupKey(entry.task)] = ref;
  return next;
}

const failure = (err: unknown): Reply => {
  const error = err instanceof ProviderError || err instanceof Error ? err.message : t('could_not_do', String(err));
  if (!(err instanceof ProviderError)) return { ok: false, error };
  const after = err.options.retryAfterMs;
  return { ok: false, error, kind: err.kind, ...(after !== undefined ? { retryAfterMs: after } : {}) };
};

/** The background's message handler: validate, apply under a lock, persist durably (with the outbox), answer. */
export function createService(deps: ServiceDeps = {}) {
  const now = deps.now ?? Date.now;
  const exclusive = deps.exclusive ?? serial();

  async function account(msg: AccountIntent): Promise<Reply> {
    const accounts = deps.accounts;
    if (msg.type === 'sync.now') {
      await deps.syncNow?.();
      return { ok: true };
    }
    const integrationReply = await integrationSettings(msg);
    if (integrationReply) return integrationReply;
    if (!accounts) return { ok: false, error: t('accounts_unavailable') };
    try {
      switch (msg.type) {
        case 'harvest.accounts':
          return { ok: true, data: await accounts.harvestAccounts(msg.token) };
        case 'workspaces.list':
          return { ok: true, data: await accounts.workspaces(msg.provider, msg.token, msg.baseUrl) };
        case 'account.link': {
          const linked = await accounts.link(msg.provider, msg.token, msg.remoteAccountId, msg.baseUrl);
          deps.changed?.();
          return { ok: true, data: { id: linked.id } };
        }
        case 'account.signin': {
          const linked = await accounts.signIn();
          deps.changed?.();
          return { ok: true, data: { id: linked.id } };
        }
        case 'account.unlink':
          await accounts.unlink(msg.id);
          return { ok: true };
        case 'account.default':
          await accounts.setDefault(msg.id);
          return { ok: true };
        case 'account.refresh':
          return { ok: true, data: { count: await accounts.refresh(msg.id) } };
        default:
          return { ok: false, error: `Rejected: "${msg.type}" is not handled here.` };
      }
    } catch (err) {
      return failure(err);
    }
  }

  return async function handle(raw: unknown, kind: SenderKind): Promise<Reply> {
    const parsed = parseMessage(raw, kind);
    if (!parsed.ok) return parsed;
    const msg = parsed.message;
    if (isAccountIntent(msg)) return account(msg);
    // Read-modify-write of shared records: one at a time, like intents (tabs report concurrently).
    if (isSiteReport(msg)) return exclusive(() => siteReport(msg));
    const reply = await exclusive(async (): Promise<Reply> => {
      const state = { timer: await readTimer(), entries: await readEntries() };
      const settings = await readSettings();
      const outcome = applyIntent(state, msg, { now: now(), newId, book: await bookingResolver(), roundTo: settings.roundingMinutes });
      if (!outcome.ok) return outcome;
      // The entry made or edited is the last one changed (a start first stops the timer that ran).
      const refused = await requiredRefusal(msg, outcome.changed[outcome.changed.length - 1]);
      if (refused) return { ok: false, error: refused, kind: 'required' };
      const outbox = journal(await readOutbox(), outcome.changed, outcome.removed);
      const lastBooking = await rememberBooking(msg, outcome.changed[outcome.changed.length - 1]);
      // One storage write for the state and its outbox: a worker killed mid-way leaves the old or the new, never half.
      await storage.setItems([
        { item: items.timer, value: outcome.state.timer },
        { item: items.entries, value: outcome.state.entries },
        { item: items.outbox, value: outbox },
        { item: items.lastBooking, value: lastBooking },
      ]);
      return { ok: true };
    });
    if (reply.ok) deps.changed?.();
    return reply;
  };
}
