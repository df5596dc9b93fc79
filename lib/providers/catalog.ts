/**
 * The trackers Stint can book to, as data: the one list the account schema, the protocol, the options page, the
 * pacer and the manifest's API hosts are derived from. No code and no imports, so the pages and wxt.config.ts read
 * it freely; the background pairs each entry with its client in lib/providers/registry.ts.
 */

export interface ProviderInfo {
  id: string;
  /** As the tracker calls itself. */
  name: string;
  /** What one linked account is: a Harvest account, or a Clockify/Toggl workspace (listed before linking). */
  scope: 'account' | 'workspace';
  /** The documented request pace (lib/sync/pacer.ts). */
  pace: { requests: number; windowMs: number };
  /** API hosts the background calls: the manifest's host permissions. */
  hosts: readonly string[];
}

export const BUILT_IN_PROVIDERS = [
  {
    id: 'harvest',
    name: 'Harvest',
    scope: 'account',
    pace: { requests: 100, windowMs: 15_000 },
    hosts: ['https://api.harvestapp.com/*', 'https://id.getharvest.com/*'],
  },
  {
    id: 'clockify',
    name: 'Clockify',
    scope: 'workspace',
    pace: { requests: 10, windowMs: 1_000 },
    // Global and regional APIs (a self-hosted base URL is asked for when the user enters it).
    hosts: ['https://api.clockify.me/*', 'https://*.clockify.me/*'],
  },
  {
    id: 'toggl',
    name: 'Toggl Track',
    scope: 'workspace',
    // A leaky bucket per token ("a safe window will be 1 request per second"): 3 per 3.3 s keeps under 1 per 1.1 s
    // on average while letting a link's few lookups go at once, within the bucket's burst.
    pace: { requests: 3, windowMs: 3_300 },
    hosts: ['https://api.track.toggl.com/*'],
  },
] as const satisfies readonly ProviderInfo[];

const catalog = new Map<string, ProviderInfo>(BUILT_IN_PROVIDERS.map((p) => [p.id, p]));

export const providerInfo = (id: string): ProviderInfo | undefined => catalog.get(id);
export const providerList = (): ProviderInfo[] => [...catalog.values()];
export const isProvider = (id: string): boolean => catalog.has(id);
export const providerName = (id: string): string => catalog.get(id)?.name ?? id;

/** Adds a tracker (lib/providers/registry.ts, with its client). */
export function addProvider(info: ProviderInfo): void {
  catalog.set(info.id, info);
}
