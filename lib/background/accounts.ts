import { type Account, NO_REQUIRED_FIELDS, type RequiredFields } from '../core/schemas';
import { t } from '../i18n';
import { providerName } from '../providers/catalog';
import type { ProviderWorkspace } from '../providers/common';
import { listHarvestAccounts } from '../providers/harvest';
import { backendFor } from '../providers/registry';
import { type Provider, ProviderError, type RemoteTag } from '../providers/types';
import * as store from '../state/store';
import type { Pacers } from '../sync/pacer';
import { harvestSignIn, type WebAuthFlow } from './harvest-signin';
import type { Secret, SecretStore } from './secrets';

/**
 * Linked accounts, background side: the only code that touches secrets. Linking checks the credentials
 * against the provider before anything is stored; unlinking wipes the secret, the queue and the caches.
 */

export interface AccountsDeps {
  /** Persistent secrets (personal tokens, API keys). */
  secrets: SecretStore;
  /** OAuth access tokens (session-only; renewed silently). */
  session?: SecretStore;
  /** The browser's web-auth flow and the OAuth client id (build-time, or set in options). */
  webAuth?: WebAuthFlow;
  harvestClientId?: () => Promise<string>;
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Each account's pacer (shared with the sync engine): every request of the account waits its turn there. */
  pacers?: Pacers;
  /** Whether Stint may reach an address (host permission): a key is never sent to a base URL the user did not allow. */
  canReach?: (url: string) => Promise<boolean>;
}

export function createAccounts(deps: AccountsDeps) {
  const now = deps.now ?? Date.now;
  const fetchImpl = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  function provider(account: Pick<Account, 'id' | 'provider' | 'remoteAccountId' | 'baseUrl'>, token: string): Provider {
    const gate = deps.pacers?.gate(account.id, account.provider);
    const { remoteAccountId, baseUrl } = account;
    return backendFor(account.provider).create({ remoteAccountId, baseUrl, token, fetch: fetchImpl, now, gate });
  }

  // One provider per account and token, so its caches (the user, the company) outlive a single flush.
  const cache = new Map<string, { token: string; provider: Provider }>();

  const session = deps.session ?? deps.secrets;
  /** Renew an OAuth token this long before it expires. */
  const RENEW_BEFORE = 24 * 3600_000;

  /** Renewals in flight, per account: a sync and a poll that both find the token near expiry share one. */
  const renewing = new Map<string, Promise<Secret | null>>();

  /** The account's token: OAuth tokens are renewed silently when close to expiry (null when that fails). */
  async function secretFor(account: Account): Promise<Secret | null> {
    if (account.auth !== 'oauth') return deps.secrets.get(account.id);
    const current = await session.get(account.id);
    if (current && (current.expiresAt === undefined || current.expiresAt - now() > RENEW_BEFORE)) return current;
    const inFlight = renewing.get(account.id);
    if (inFlight) return inFlight;
    const renewal = renew(account, current).finally(() => renewing.delete(account.id));
    renewing.set(account.id, renewal);
    return renewal;
  }

  async function renew(account: Account, current: Secret | null): Promise<Secret | null> {
    try {
      const grant = await harvestSignIn(await clientId(), requireWebAuth(), {
        interactive: false,
        accountId: account.remoteAccountId,
        now: now(),
      });
      const renewed: Secret = { token: grant.token, ...(grant.expiresAt ? { expiresAt: grant.expiresAt } : {}) };
      await session.set(account.id, renewed);
      return renewed;
    } catch {
      // Still usable until it expires; after that the account shows "Reconnect".
      return current && (current.expiresAt ?? Infinity) > now() ? current : null;
    }
  }

  const clientId = async () => (deps.harvestClientId ? deps.harvestClientId() : '');
  function requireWebAuth(): WebAuthFlow {
    if (!deps.webAuth) throw new ProviderError('rejected', t('signin_unavailable'));
    return deps.webAuth;
  }

  async function providerFor(account: Account): Promise<Provider | null> {
    const secret = await secretFor(account);
    if (!secret || (secret.expiresAt !== undefined && secret.expiresAt <= now())) return null;
    const hit = cache.get(account.id);
    if (hit?.token === secret.token) return hit.provider;
    const fresh = provider(account, secret.token);
    cache.set(account.id, { token: secret.token, provider: fresh });
    return fresh;
  }

  /**
   * Reloads the account's projects and tasks and, for a tracker with tags, its workspace's tags (one more read,
   * made only when `tagsAllowed`: a budget that holds the read back keeps the tags cached before).
   */
  async function refreshAssignments(account: Account, tagsAllowed = true): Promise<number> {
    const p = await providerFor(account);
    if (!p) throw new ProviderError('auth', t('signin_again', account.accountName));
    const list = await p.assignments();
    const tags = p.tags && tagsAllowed ? await p.tags() : null;
    await deps.exclusive(async () => {
      const before = await store.assignments(account.id);
      const kept = before?.tags ? { tags: before.tags, tagsCreatable: before.tagsCreatable ?? false } : {};
      const fresh = tags ? { tags: tags.tags, tagsCreatable: tags.canCreate } : kept;
      await store.write({ assignments: { [account.id]: { fetchedAt: now(), list, ...fresh } } });
    });
    return list.length;
  }

  /** Adds a tag to a linked account's workspace (a write: it goes through the account's pacer), and caches it. */
  async function createTag(accountId: string, name: string): Promise<RemoteTag> {
    const account = (await store.get('accounts')).find((a) => a.id === accountId);
    if (!account) throw new ProviderError('rejected', t('account_not_linked'));
    const p = await providerFor(account);
    if (!p) throw new ProviderError('auth', t('signin_again', account.accountName));
    if (!p.createTag) throw new ProviderError('rejected', t('tag_unsupported', providerName(account.provider)));
    const cached = await store.assignments(account.id);
    // The same name (case aside) is that tag: trackers refuse a second one, and people mean the first.
    const same = cached?.tags?.find((x) => x.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (same) return same;
    if (cached?.tagsCreatable === false) throw new ProviderError('forbidden', t('tags_only_admins'));
    const tag = await p.createTag(name.trim());
    await deps.exclusive(async () => {
      const now_ = await store.assignments(account.id);
      if (!now_) return;
      const tags = [...(now_.tags ?? []).filter((x) => x.id !== tag.id), tag].sort((a, b) => a.name.localeCompare(b.name));
      await store.write({ assignments: { [account.id]: { ...now_, tags } } });
    });
    return tag;
  }

  /** A self-hosted (or any non-default) base URL must be one the user granted Stint before a key goes there. */
  async function checkReach(baseUrl: string | undefined): Promise<void> {
    if (!baseUrl || !deps.canReach || (await deps.canReach(baseUrl))) return;
    throw new ProviderError('forbidden', t('host_not_allowed', new URL(baseUrl).host));
  }

  /**
   * Checks a token/key against the provider (for a Harvest account or a Clockify/Toggl workspace), stores it,
   * loads projects. A newly linked account becomes the default: the user just said where their time goes, so new
   * entries go there (rules still win); relinking the same account (a reconnect) leaves the default alone.
   */
  async function link(
    kind: Account['provider'],
    token: string,
    remoteAccountId: string,
    baseUrl?: string,
    oauth?: Secret,
  ): Promise<Account> {
    await checkReach(baseUrl);
    const p = provider({ id: `${kind}:${remoteAccountId}`, provider: kind, remoteAccountId, baseUrl }, token);
    const me = await p.identity();
    // The plan sizes the account's request budget (Toggl's hourly quota depends on it).
    (await deps.pacers?.budgets.get(`${kind}:${remoteAccountId}`, kind))?.setPlan(me.plan);
    const required = await requiredFields(kind, token, remoteAccountId, baseUrl);
    const account: Account = {
      id: `${kind}:${remoteAccountId}`,
      provider: kind,
      remoteAccountId,
      ...(baseUrl ? { baseUrl } : {}),
      accountName: me.accountName,
      userId: me.userId,
      userName: me.userName,
      auth: oauth ? 'oauth' : 'token',
      timestampTimers: me.timestampTimers,
      clock: me.clock,
      addedAt: now(),
      required,
    };
    if (oauth) await session.set(account.id, oauth);
    else await deps.secrets.set(account.id, { token });
    // The client that just checked the token is the account's: what it learned (the workspace) spares a request.
    cache.set(account.id, { token, provider: p });
    await deps.exclusive(async () => {
      const all = await store.get('accounts');
      const fresh = !all.some((a) => a.id === account.id);
      const accounts = all.filter((a) => a.id !== account.id);
      await store.write({ kv: { accounts: [...accounts, account], ...(fresh ? { defaultAccount: account.id } : {}) } });
    });
    await refreshAssignments(account);
    return account;
  }

  async function unlink(id: string): Promise<void> {
    await deps.secrets.remove(id);
    await session.remove(id);
    cache.delete(id);
    deps.pacers?.budgets.forget(id);
    await deps.exclusive(async () => {
      const { [id]: _, ...status } = await store.get('status');
      const wasDefault = (await store.get('defaultAccount')) === id;
      const queued = Object.entries(await store.outbox()).filter(([, r]) => r.accountId === id);
      await store.write({
        kv: {
          accounts: (await store.get('accounts')).filter((a) => a.id !== id),
          status,
          ...(wasDefault ? { defaultAccount: 'local' } : {}),
        },
        assignments: { [id]: null },
        deleteOutbox: queued.map(([key]) => key),
      });
    });
  }

  async function setDefault(id: string): Promise<void> {
    await deps.exclusive(async () => {
      if (id !== 'local' && !(await store.get('accounts')).some((a) => a.id === id))
        throw new ProviderError('rejected', t('account_not_linked'));
      await store.write({ kv: { defaultAccount: id } });
    });
  }

  /** What a Clockify/Toggl workspace requires on every entry (read from its settings); Harvest requires nothing more. */
  async function requiredFields(kind: Account['provider'], token: string, workspaceId: string, baseUrl?: string): Promise<RequiredFields> {
    if (!backendFor(kind).workspaces) return NO_REQUIRED_FIELDS;
    const found = (await workspaces(kind, token, baseUrl)).find((w) => w.id === workspaceId);
    if (found?.locked) throw new ProviderError('forbidden', found.reason ?? t('workspace_is_locked'));
    return found?.required ?? NO_REQUIRED_FIELDS;
  }

  /** Workspaces a Clockify API key or Toggl token can use, with locks and required fields. */
  async function workspaces(kind: string, token: string, baseUrl?: string): Promise<ProviderWorkspace[]> {
    const list = backendFor(kind).workspaces;
    if (!list) throw new ProviderError('rejected', t('could_not_do', kind));
    await checkReach(baseUrl);
    return list(token, { baseUrl, fetch: fetchImpl });
  }

  /** Harvest OAuth sign-in (interactive): the first Harvest account the grant covers is linked. */
  async function signIn(): Promise<Account> {
    const grant = await harvestSignIn(await clientId(), requireWebAuth(), { interactive: true, now: now() });
    const ids = grant.accountIds.length > 0 ? grant.accountIds : (await listHarvestAccounts(grant.token, fetchImpl)).map((a) => a.id);
    const accountId = ids[0];
    if (!accountId) throw new ProviderError('rejected', t('harvest_signin_no_accounts'));
    return link('harvest', grant.token, accountId, undefined, {
      token: grant.token,
      ...(grant.expiresAt ? { expiresAt: grant.expiresAt } : {}),
    });
  }

  return {
    providerFor,
    link,
    workspaces,
    signIn,
    unlink,
    setDefault,
    /**
     * Reloads projects and tasks, and the workspace's required fields (an admin may have changed them): a read, so
     * only while the account's budget keeps enough for its writes.
     */
    refresh: async (id: string) => {
      const account = (await store.get('accounts')).find((a) => a.id === id);
      if (!account) throw new ProviderError('rejected', t('account_not_linked'));
      const budget = await deps.pacers?.budgets.get(account.id, account.provider);
      if (budget && !budget.mayRead('assignments')) throw budget.heldBack('assignments');
      const count = await refreshAssignments(account, !budget || budget.mayRead('tags'));
      const secret = account.auth === 'token' ? await deps.secrets.get(account.id) : null;
      if (secret) {
        const required = await requiredFields(account.provider, secret.token, account.remoteAccountId, account.baseUrl);
        await deps.exclusive(() => store.update('accounts', (all) => all.map((a) => (a.id === id ? { ...a, required } : a))));
      }
      return count;
    },
    harvestAccounts: (token: string) => listHarvestAccounts(token, fetchImpl),
    createTag,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
