import { addProvider, type BUILT_IN_PROVIDERS, type ProviderInfo, providerInfo } from './catalog';
import { createClockifyProvider, listClockifyWorkspaces } from './clockify';
import type { ProviderWorkspace } from './common';
import { createHarvestProvider } from './harvest';
import type { Gate } from './http';
import { createTogglProvider, listTogglWorkspaces } from './toggl';
import type { Provider } from './types';
import { ProviderError } from './types';

/**
 * Each tracker's client, by id: how to make a provider for a linked account and, for workspace trackers, how to list
 * what a token can use. Accounts, linking and sync ask here and nowhere else, so a fourth tracker is one catalog
 * entry (lib/providers/catalog.ts), one client and one `registerBackend` call.
 */

export interface ClientContext {
  /** Harvest account id, or Clockify/Toggl workspace id. */
  remoteAccountId: string;
  baseUrl?: string;
  token: string;
  fetch: typeof fetch;
  now: () => number;
  gate?: Gate;
}

export interface Backend {
  info: ProviderInfo;
  create(c: ClientContext): Provider;
  /** Workspace trackers: what the token can use, with locks and required fields. */
  workspaces?(token: string, o: { baseUrl?: string; fetch: typeof fetch }): Promise<ProviderWorkspace[]>;
}

const backends = new Map<string, Backend>();

export function registerBackend(backend: Backend): void {
  addProvider(backend.info);
  backends.set(backend.info.id, backend);
}

export function backendFor(id: string): Backend {
  const found = backends.get(id);
  if (!found) throw new ProviderError('rejected', `Unknown tracker "${id.slice(0, 40)}".`);
  return found;
}

const info = (id: (typeof BUILT_IN_PROVIDERS)[number]['id']) => providerInfo(id) as ProviderInfo;

registerBackend({
  info: info('harvest'),
  create: (c) => createHarvestProvider({ token: c.token, accountId: c.remoteAccountId, fetch: c.fetch, now: c.now, gate: c.gate }),
});
registerBackend({
  info: info('clockify'),
  create: (c) =>
    createClockifyProvider({
      apiKey: c.token,
      workspaceId: c.remoteAccountId,
      baseUrl: c.baseUrl,
      fetch: c.fetch,
      now: c.now,
      gate: c.gate,
    }),
  workspaces: (token, o) => listClockifyWorkspaces(token, o),
});
registerBackend({
  info: info('toggl'),
  create: (c) => createTogglProvider({ apiToken: c.token, workspaceId: c.remoteAccountId, fetch: c.fetch, now: c.now, gate: c.gate }),
  workspaces: (token, o) => listTogglWorkspaces(token, { fetch: o.fetch }),
});
