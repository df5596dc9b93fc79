/**
 * Harvest API v2 provider (https://help.getharvest.com/api-v2/). A plain client: no storage, no retries (the
 * sync engine owns those). Every answer is parsed with the schemas in ./harvest-schemas; entries and project
 * assignments are mapped to and from Stint's shapes in ./harvest-entries.
 *
 * Documented behaviour relied on (time entries: https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/):
 * - POST /v2/time_entries without `hours` starts a timer; with `hours` the entry is stopped. Accounts that track
 *   start/end times (company `wants_timestamp_timers`) take `started_time` / `ended_time` ("8:00am"); no
 *   `ended_time` → running. `external_reference` takes `id`, `group_id`, `account_id`, `permalink`
 *   (`service` and `service_icon_url` are filled in by Harvest).
 * - PATCH …/{id}/stop works only on a running entry (otherwise 422); DELETE answers 200.
 * - Lists are paginated: follow `links.next` until null. Leaving `per_page` out gives the maximum page size
 *   (https://help.getharvest.com/api-v2/introduction/overview/pagination/).
 * - Every request carries `Authorization: Bearer`, `Harvest-Account-Id` and a `User-Agent` naming the app
 *   (https://help.getharvest.com/api-v2/introduction/overview/general/).
 */
import type { ZodType } from 'zod';
import { dayKey } from '../core/time';
import { t } from '../i18n';
import {
  entryFields,
  formatHarvestTime,
  isNumericId,
  matchCreated,
  stoppedTimeFields,
  toAssignments,
  toRemoteEntry,
} from './harvest-entries';
import {
  HarvestAccountsSchema,
  type HarvestCompany,
  HarvestCompanySchema,
  HarvestProjectAssignmentsPageSchema,
  HarvestTimeEntriesPageSchema,
  type HarvestTimeEntry,
  HarvestTimeEntrySchema,
  type HarvestUser,
  HarvestUserSchema,
} from './harvest-schemas';
import { createHttpClient, endpointOf, type Gate, type HttpClient } from './http';
import { memo } from './memo';
import {
  type Assignment,
  type CreatedQuery,
  type EntryInput,
  type Identity,
  type Provider,
  ProviderError,
  type RemoteEntry,
} from './types';

export const HARVEST_API_ORIGIN = 'https://api.harvestapp.com';
export const HARVEST_ID_ORIGIN = 'https://id.getharvest.com';
export const HARVEST_USER_AGENT = 'Stint (https://github.com/stint-time/stint)';
export const harvestAuthMessage = (): string => t('harvest_auth');

/** After /stop, the remote duration is corrected to the local one when they differ by more than this. */
const STOP_TOLERANCE_MS = 60_000;
const MAX_PAGES = 1000;

export interface HarvestConfig {
  token: string;
  accountId: string;
  fetch?: typeof fetch;
  userAgent?: string;
  now?: () => number;
  /** Per-request deadline (default 20 s). */
  timeoutMs?: number;
  /** The account's pacer, awaited before every request (lib/sync/pacer.ts). */
  gate?: Gate;
}

/** A Harvest account the token can use (token-linking UI). */
export interface HarvestAccount {
  id: string;
  name: string;
}

function entryPath(remoteId: string, action = ''): string {
  if (!isNumericId(remoteId)) throw new ProviderError('rejected', t('harvest_bad_id', remoteId));
  return `/v2/time_entries/${remoteId}${action}`;
}

function harvestHttp(
  token: string,
  o: { fetch?: typeof fetch; userAgent?: string; timeoutMs?: number; now?: () => number; gate?: Gate },
  extra = {},
) {
  return createHttpClient({
    service: 'Harvest',
    fetch: o.fetch,
    gate: o.gate,
    timeoutMs: o.timeoutMs,
    now: o.now,
    authMessage: harvestAuthMessage,
    headers: {
      Authorization: `Bearer ${token}`,
      'User-Agent': o.userAgent ?? HARVEST_USER_AGENT,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...extra,
    },
  });
}

/** Every page of a list, following `links.next` (which must stay on the API origin: it receives the token). */
async function collectPages<P extends { links: { next: string | null } }, T>(
  http: HttpClient,
  first: URL,
  schema: ZodType<P>,
  items: (page: P) => T[],
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let url: URL | null = first;
  while (url) {
    if (seen.has(url.href) || seen.size >= MAX_PAGES) {
      throw new ProviderError('invalid-response', t('harvest_pages_endless', endpointOf('GET', first)));
    }
    seen.add(url.href);
    const page: P = await http.json({ url }, schema);
    for (const item of items(page)) out.push(item);
    const next: string | null = page.links.next;
    if (next === null) break;
    let nextUrl: URL;
    try {
      nextUrl = new URL(next, url);
    } catch {
      throw new ProviderError('invalid-response', t('harvest_pages_bad_link', endpointOf('GET', first)));
    }
    if (nextUrl.origin !== HARVEST_API_ORIGIN) {
      throw new ProviderError('invalid-response', t('harvest_pages_foreign', HARVEST_API_ORIGIN, endpointOf('GET', first)));
    }
    url = nextUrl;
  }
  return out;
}

export function createHarvestProvider(config: HarvestConfig): Provider {
  const now = config.now ?? Date.now;
  const http = harvestHttp(config.token, config, { 'Harvest-Account-Id': config.accountId });
  const api = (path: string, query: Record<string, string> = {}): URL => {
    const url = new URL(path, HARVEST_API_ORIGIN);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url;
  };
  const fetchEntry = (remoteId: string) => http.json({ url: api(entryPath(remoteId)) }, HarvestTimeEntrySchema);
  const fetchMe = () => http.json({ url: api('/v2/users/me') }, HarvestUserSchema);
  const me = memo<HarvestUser>(fetchMe);
  const company = memo<HarvestCompany>(async () => {
    try {
      return await http.json({ url: api('/v2/company') }, HarvestCompanySchema);
    } catch (err) {
      // The Company page is marked "Admin permissions required": a member without access tracks by duration,
      // which every Harvest account accepts (hours, or no hours for a timer).
      if (err instanceof ProviderError && err.kind === 'forbidden') {
        return { name: t('harvest_account_name', config.accountId), wants_timestamp_timers: false, clock: '12h' };
      }
      throw err;
    }
  });

  /** The user's entries of one day, every page (`query` narrows it, e.g. to one task reference). */
  const entriesOf = async (day: string, query: Record<string, string> = {}): Promise<RemoteEntry[]> => {
    const user = await me.get();
    const url = api('/v2/time_entries', { user_id: String(user.id), from: day, to: day, ...query });
    return (await collectPages(http, url, HarvestTimeEntriesPageSchema, (p) => p.time_entries)).map(toRemoteEntry);
  };

  return {
    async identity(): Promise<Identity> {
      // users/me is always asked (this doubles as the connection check); the company is cached.
      const [user, c] = await Promise.all([fetchMe(), company.get()]);
      me.set(user);
      return {
        userId: String(user.id),
        userName: `${user.first_name} ${user.last_name}`.trim(),
        accountId: config.accountId,
        accountName: c.name,
        timestampTimers: c.wants_timestamp_timers,
        clock: c.clock,
      };
    },

    async assignments(): Promise<Assignment[]> {
      const list = await collectPages(
        http,
        api('/v2/users/me/project_assignments'),
        HarvestProjectAssignmentsPageSchema,
        (p) => p.project_assignments,
      );
      return list.flatMap(toAssignments);
    },

    async create(input: EntryInput): Promise<RemoteEntry> {
      const body = entryFields(input);
      if (input.running) {
        // No hours → Harvest starts a timer. On start/end accounts, give the start in the browser's time zone.
        const c = await company.get();
        const start = input.startedAt ?? now();
        if (c.wants_timestamp_timers && dayKey(start) === input.day) body.started_time = formatHarvestTime(start, c.clock);
      } else {
        Object.assign(body, await stoppedTimeFields(input, company.get));
      }
      return toRemoteEntry(await http.json({ method: 'POST', url: api('/v2/time_entries'), body }, HarvestTimeEntrySchema));
    },

    async stop(remoteId: string, input: EntryInput): Promise<RemoteEntry> {
      let entry: HarvestTimeEntry;
      try {
        entry = await http.json({ method: 'PATCH', url: api(entryPath(remoteId, '/stop')) }, HarvestTimeEntrySchema);
      } catch (err) {
        // 422: not running (already stopped, e.g. the previous answer was lost) → the entry as it is now.
        if (!(err instanceof ProviderError && err.kind === 'rejected' && err.options.status === 422)) throw err;
        entry = await fetchEntry(remoteId);
        if (entry.is_running) throw err;
      }
      const remote = toRemoteEntry(entry);
      // Harvest stops at its own "now"; a stop made earlier (offline, queued) keeps the local duration.
      if (!input.running && input.endedAt !== null && Math.abs(remote.durationMs - input.durationMs) > STOP_TOLERANCE_MS) {
        const body = await stoppedTimeFields(input, company.get);
        return toRemoteEntry(await http.json({ method: 'PATCH', url: api(entryPath(remoteId)), body }, HarvestTimeEntrySchema));
      }
      return remote;
    },

    async update(remoteId: string, input: EntryInput): Promise<RemoteEntry> {
      const body = entryFields(input);
      if (!input.running) Object.assign(body, await stoppedTimeFields(input, company.get));
      return toRemoteEntry(await http.json({ method: 'PATCH', url: api(entryPath(remoteId)), body }, HarvestTimeEntrySchema));
    },

    async remove(remoteId: string): Promise<void> {
      try {
        await http.send({ method: 'DELETE', url: api(entryPath(remoteId)) });
      } catch (err) {
        if (err instanceof ProviderError && err.kind === 'not-found') return;
        throw err;
      }
    },

    async running(): Promise<RemoteEntry | null> {
      const user = await me.get();
      const url = api('/v2/time_entries', { is_running: 'true', user_id: String(user.id) });
      const page = await http.json({ url }, HarvestTimeEntriesPageSchema);
      const first = page.time_entries[0];
      return first ? toRemoteEntry(first) : null;
    },

    async findCreated(input: EntryInput, since: number, known: ReadonlySet<string>): Promise<RemoteEntry[]> {
      const query: Record<string, string> = {};
      if (input.task) query.external_reference_id = input.task.id;
      return matchCreated(await entriesOf(input.day, query), input, since, known);
    },

    async findCreatedMany(queries: readonly CreatedQuery[], known: ReadonlySet<string>): Promise<RemoteEntry[][]> {
      const days = new Map<string, RemoteEntry[]>();
      for (const { input } of queries) if (!days.has(input.day)) days.set(input.day, await entriesOf(input.day));
      return queries.map(({ input, since }) => matchCreated(days.get(input.day) ?? [], input, since, known));
    },

    // GET /v2/time_entries?user_id&from&to: `from`/`to` are spent dates, both included; a page holds up to 2000
    // (per_page left out), so a week is one request.
    async entriesBetween(fromDay: string, toDay: string): Promise<RemoteEntry[]> {
      const user = await me.get();
      const url = api('/v2/time_entries', { user_id: String(user.id), from: fromDay, to: toDay });
      return (await collectPages(http, url, HarvestTimeEntriesPageSchema, (p) => p.time_entries)).map(toRemoteEntry);
    },
  };
}

/** The Harvest accounts (product "harvest" only, not Forecast) a token can use: GET id.getharvest.com/api/v2/accounts. */
export async function listHarvestAccounts(token: string, fetchImpl?: typeof fetch): Promise<HarvestAccount[]> {
  const http = harvestHttp(token, { fetch: fetchImpl });
  const data = await http.json({ url: `${HARVEST_ID_ORIGIN}/api/v2/accounts` }, HarvestAccountsSchema);
  return data.accounts.filter((a) => a.product === 'harvest').map((a) => ({ id: String(a.id), name: a.name }));
}
