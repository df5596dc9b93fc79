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
  /** The documented request quotas (lib/sync/budget.ts); without one, the pace is the only budget. */
  budget?: BudgetInfo;
  /** API hosts the background calls: the manifest's host permissions. */
  hosts: readonly string[];
  /**
   * Entries carry the workspace's tags and an editable billable flag (Clockify, Toggl). Without it, a billable
   * flag comes from the task assignment (Harvest) and is shown, not set.
   */
  tags?: boolean;
}

/**
 * A tracker's request quotas, per bucket: requests per window, or per plan (the first plan listed is assumed
 * until the tracker says which one the account is on). A provider's HTTP client says which bucket each request
 * spends (lib/providers/http.ts `bucketOf`); without that, every request spends the first bucket.
 */
export interface BudgetInfo {
  buckets: Readonly<Record<string, { requests: number | Readonly<Record<string, number>>; windowMs: number }>>;
  /** The bucket each kind of read spends (default: the first bucket). */
  reads?: Readonly<Partial<Record<BudgetRead, string>>>;
}
/**
 * Reads that wait for the budget: polling the remote timer, listing projects and tags, looking up creates (echo
 * checks), reading back the week's entries (the popup's timesheet).
 */
export type BudgetRead = 'running' | 'assignments' | 'tags' | 'lookups' | 'entries';

const HOUR = 3_600_000;

export const BUILT_IN_PROVIDERS = [
  {
    id: 'harvest',
    name: 'Harvest',
    scope: 'account',
    pace: { requests: 100, windowMs: 15_000 },
    // https://help.getharvest.com/api-v2/introduction/overview/general/#rate-limiting
    budget: { buckets: { token: { requests: 100, windowMs: 15_000 } } },
    hosts: ['https://api.harvestapp.com/*', 'https://id.getharvest.com/*'],
  },
  {
    id: 'clockify',
    name: 'Clockify',
    scope: 'workspace',
    pace: { requests: 10, windowMs: 1_000 },
    // "50 requests per second" per API key (https://docs.clockify.me/#section/Rate-limiting).
    budget: { buckets: { key: { requests: 50, windowMs: 1_000 } } },
    // Global and regional APIs (a self-hosted base URL is asked for when the user enters it).
    hosts: ['https://api.clockify.me/*', 'https://*.clockify.me/*'],
    tags: true,
  },
  {
    id: 'toggl',
    name: 'Toggl Track',
    scope: 'workspace',
    // A leaky bucket per token ("a safe window will be 1 request per second"): 3 per 3.3 s keeps under 1 per 1.1 s
    // on average while letting a link's few lookups go at once, within the bucket's burst.
    pace: { requests: 3, windowMs: 3_300 },
    // Hourly quotas since September 2025 (https://support.toggl.com/en/articles/11484112-api-webhook-limits): 30 per
    // user on /me endpoints whatever the plan; per user and organisation on workspace endpoints, by the
    // organisation's plan. A window opens at the first request and lasts an hour.
    budget: {
      buckets: {
        me: { requests: 30, windowMs: HOUR },
        workspace: { requests: { free: 30, starter: 240, premium: 600 }, windowMs: HOUR },
      },
      reads: { running: 'me', lookups: 'me', assignments: 'workspace', tags: 'workspace', entries: 'me' },
    },
    hosts: ['https://api.track.toggl.com/*'],
    tags: true,
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
