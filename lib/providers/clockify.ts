/**
 * Clockify API v1 provider (https://docs.clockify.me/). A plain client: no storage, no retries (the sync engine
 * owns those). Every answer is parsed with the schemas in ./clockify-schemas.
 *
 * Behaviour relied on:
 * - Every request carries `X-Api-Key`; without it Clockify answers "Full authentication is required to access
 *   this resource" (https://clockify.me/developers-api). Base URL https://api.clockify.me/api/v1; regional
 *   servers use their own host (https://euc1.clockify.me/api/v1, use2, euw2, apse2); a self-hosted server
 *   serves the same API under its own origin (`/api/v1`).
 * - POST /workspaces/{ws}/time-entries takes `start` and `end` ("yyyy-MM-ddThh:mm:ssZ"); no `end` starts a
 *   timer. PATCH /workspaces/{ws}/user/{userId}/time-entries `{ end }` stops the user's running timer (404 when
 *   none runs). PUT /workspaces/{ws}/time-entries/{id} replaces the whole entry.
 * - Lists take `page` (1-based) and `page-size` (default 50) and end with a short page.
 * - Entries carry no creation time: a lost create is recognised by its start, which Stint chooses (see
 *   entryInterval), plus project/task, description, running state and duration.
 * - The user's entry list may read `start`/`end` filters in the profile's time zone, so findCreated asks for a
 *   day more on each side and filters locally.
 */
import type { ZodType } from 'zod';
import { atMinute, DAY, dayKey } from '../core/time';
import { t } from '../i18n';
import {
  type ClockifyProject,
  ClockifyProjectsSchema,
  ClockifyTagSchema,
  ClockifyTagsSchema,
  type ClockifyTask,
  ClockifyTasksSchema,
  ClockifyTimeEntriesSchema,
  type ClockifyTimeEntry,
  ClockifyTimeEntrySchema,
  type ClockifyUser,
  ClockifyUserSchema,
  type ClockifyWorkspace,
  ClockifyWorkspaceSchema,
  ClockifyWorkspacesSchema,
} from './clockify-schemas';
import {
  collectPages,
  entryInterval,
  intendedStart,
  isoSeconds,
  matchCreated,
  type ProviderWorkspace,
  type RequiredFields,
} from './common';
import { createHttpClient, type Gate, type HttpClient } from './http';
import { memo } from './memo';
import {
  type Assignment,
  type EntryInput,
  type Identity,
  type Provider,
  ProviderError,
  type RemoteEntry,
  type RemoteTag,
  type WorkspaceTags,
} from './types';

export const CLOCKIFY_API_BASE = 'https://api.clockify.me/api/v1';
export const clockifyAuthMessage = (): string => t('clockify_auth');

const PAGING = { service: 'Clockify', page: 'page', size: 'page-size', pageSize: 200 };
/** The read-back's pages: Clockify's largest (5000), so a week of entries is one request. */
const READBACK_PAGING = { ...PAGING, pageSize: 5000 };

export interface ClockifyConfig {
  apiKey: string;
  workspaceId: string;
  /** Default https://api.clockify.me/api/v1; regional (https://euc1.clockify.me/api/v1) or self-hosted. */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per-request deadline (default 20 s). */
  timeoutMs?: number;
  /** The account's pacer, awaited before every request (lib/sync/pacer.ts). */
  gate?: Gate;
}

/**
 * The API base for a user-entered address: https only; a bare origin or ".../api" gets "/api/v1" / "/v1".
 * Throws ProviderError 'rejected' when the address is unusable.
 */
export function clockifyBaseUrl(raw: string = CLOCKIFY_API_BASE): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ProviderError('rejected', t('clockify_bad_url', raw, CLOCKIFY_API_BASE));
  }
  if (url.protocol !== 'https:') throw new ProviderError('rejected', t('clockify_https_only', raw));
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = '/api/v1';
  else if (path.endsWith('/api')) path += '/v1';
  return `${url.origin}${path}`;
}

function clockifyHttp(apiKey: string, o: { fetch?: typeof fetch; timeoutMs?: number; now?: () => number; gate?: Gate }): HttpClient {
  return createHttpClient({
    service: 'Clockify',
    fetch: o.fetch,
    gate: o.gate,
    timeoutMs: o.timeoutMs,
    now: o.now,
    authMessage: clockifyAuthMessage,
    headers: { 'X-Api-Key': apiKey, Accept: 'application/json' },
  });
}

const requiredFields = (w: ClockifyWorkspace): RequiredFields => {
  const s = w.workspaceSettings;
  return {
    project: s?.forceProjects === true,
    task: s?.forceTasks === true,
    description: s?.forceDescription === true,
    tags: s?.forceTags === true,
  };
};

/** A Clockify entry as Stint sees it; a running entry's duration is the time elapsed at `now`. */
export function toClockifyRemote(e: ClockifyTimeEntry, now: number): RemoteEntry {
  const start = Date.parse(e.timeInterval.start);
  const end = e.timeInterval.end ? Date.parse(e.timeInterval.end) : null;
  return {
    remoteId: e.id,
    running: end === null,
    day: dayKey(start),
    durationMs: Math.max(0, (end ?? now) - start),
    notes: e.description ?? '',
    projectId: e.projectId ?? '',
    taskId: e.taskId ?? '',
    startedAt: start,
    // No creation time in Clockify's entries: the start stands in (see matchCreated).
    createdAt: start,
    tagIds: e.tagIds ?? [],
    ...(typeof e.billable === 'boolean' ? { billable: e.billable } : {}),
  };
}

function toAssignments(p: ClockifyProject, tasks: ClockifyTask[]): Assignment[] {
  const base: Assignment = { projectId: p.id, projectName: p.name, taskId: '', taskName: '' };
  if (p.clientName) base.clientName = p.clientName;
  if (typeof p.billable === 'boolean') base.billable = p.billable;
  const active = tasks.filter((t) => t.status === 'ACTIVE');
  if (active.length === 0) return [base];
  // A task's own flag only narrows a billable project (a non-billable project's entries are not billable).
  return active.map((t) => ({
    ...base,
    taskId: t.id,
    taskName: t.name,
    ...(base.billable === true && t.billable === false ? { billable: false } : {}),
  }));
}

const isGone = (err: unknown): boolean =>
  err instanceof ProviderError &&
  (err.kind === 'not-found' || (err.kind === 'rejected' && err.options.status === 400 && /doesn.t belong to workspace/i.test(err.message)));

export function createClockifyProvider(config: ClockifyConfig): Provider {
  const now = config.now ?? Date.now;
  const base = clockifyBaseUrl(config.baseUrl);
  const http = clockifyHttp(config.apiKey, config);
  const ws = `/workspaces/${encodeURIComponent(config.workspaceId)}`;
  const api = (path: string, query: Record<string, string> = {}): URL => {
    const url = new URL(`${base}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url;
  };
  const fetchUser = () => http.json({ url: api('/user') }, ClockifyUserSchema);
  const me = memo<ClockifyUser>(fetchUser);
  const workspace = memo<ClockifyWorkspace>(() => http.json({ url: api(ws) }, ClockifyWorkspaceSchema));
  /** Billable flag per "projectId:taskId", learned from assignments(). */
  const billable = new Map<string, boolean>();
  const remote = (e: ClockifyTimeEntry) => toClockifyRemote(e, now());
  const pages = <T>(url: URL, schema: ZodType<T[]>) => collectPages(http, url, PAGING, schema);
  const entryUrl = (id: string) => api(`${ws}/time-entries/${encodeURIComponent(id)}`);
  const fetchEntry = (id: string) => http.json({ url: entryUrl(id) }, ClockifyTimeEntrySchema);
  const userEntriesUrl = async (query: Record<string, string>) =>
    api(`${ws}/user/${encodeURIComponent((await me.get()).id)}/time-entries`, query);
  const runningEntry = async (): Promise<ClockifyTimeEntry | null> => {
    const url = await userEntriesUrl({ 'in-progress': 'true', page: '1', 'page-size': '1' });
    return (await http.json({ url }, ClockifyTimeEntriesSchema))[0] ?? null;
  };

  /**
   * Whether the user is the workspace's admin or owner: GET /workspaces?roles=WORKSPACE_ADMIN&roles=OWNER lists the
   * workspaces where they hold either role (Clockify does not count an owner as an admin, hence both). A refusal
   * counts as not: "Create tag" is then not offered, which is what a member sees anyway.
   */
  const administers = async (): Promise<boolean> => {
    const url = api('/workspaces');
    for (const role of ['WORKSPACE_ADMIN', 'OWNER']) url.searchParams.append('roles', role);
    try {
      return (await http.json({ url }, ClockifyWorkspacesSchema)).some((x) => x.id === config.workspaceId);
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'forbidden') return false;
      throw err;
    }
  };

  /** The writable fields of an entry (start/end per entryInterval; empty project/task left out). */
  const entryBody = (input: EntryInput, start?: number): Record<string, unknown> => {
    const interval = entryInterval(input, now());
    const body: Record<string, unknown> = { start: isoSeconds(start ?? interval.start), description: input.notes };
    if (interval.end !== null) body.end = isoSeconds(interval.end);
    if (input.projectId) body.projectId = input.projectId;
    if (input.taskId) body.taskId = input.taskId;
    if (input.tagIds) body.tagIds = input.tagIds;
    const flag = input.billable ?? billable.get(`${input.projectId}:${input.taskId}`);
    if (flag !== undefined) body.billable = flag;
    return body;
  };

  return {
    async identity(): Promise<Identity> {
      const [user, w] = await Promise.all([fetchUser(), workspace.get()]);
      me.set(user);
      return {
        userId: user.id,
        userName: user.name?.trim() || user.email || user.id,
        accountId: w.id,
        accountName: w.name,
        timestampTimers: true,
        clock: user.settings?.timeFormat === 'HOUR12' ? '12h' : '24h',
      };
    },

    async assignments(): Promise<Assignment[]> {
      const projects = await pages(api(`${ws}/projects`, { archived: 'false', hydrated: 'true' }), ClockifyProjectsSchema);
      const out: Assignment[] = [];
      for (const p of projects.filter((x) => !x.archived)) {
        // Hydrated projects embed their tasks; ask per project only when a server leaves them out.
        const tasks =
          p.tasks ?? (await pages(api(`${ws}/projects/${encodeURIComponent(p.id)}/tasks`, { 'is-active': 'true' }), ClockifyTasksSchema));
        out.push(...toAssignments(p, tasks));
      }
      for (const a of out) if (a.billable !== undefined) billable.set(`${a.projectId}:${a.taskId}`, a.billable);
      return out;
    },

    async create(input: EntryInput): Promise<RemoteEntry> {
      const body = entryBody(input);
      return remote(await http.json({ method: 'POST', url: api(`${ws}/time-entries`), body }, ClockifyTimeEntrySchema));
    },

    async stop(remoteId: string, input: EntryInput): Promise<RemoteEntry> {
      // PATCH stops whichever timer runs: make sure it is this entry (another may have been started elsewhere).
      const current = await runningEntry();
      if (current?.id !== remoteId) return remote(await fetchEntry(remoteId)); // already stopped: as it is now
      const started = Date.parse(current.timeInterval.start);
      const end = Math.max(started, input.running ? now() : (entryInterval(input, now()).end ?? now()));
      const url = await userEntriesUrl({});
      return remote(await http.json({ method: 'PATCH', url, body: { end: isoSeconds(end) } }, ClockifyTimeEntrySchema));
    },

    async update(remoteId: string, input: EntryInput): Promise<RemoteEntry> {
      // PUT replaces the entry: keep what Stint does not manage (tags it never set; billable unless Stint knows better).
      const existing = await fetchEntry(remoteId);
      const keepStart = input.running && input.startedAt === null ? Date.parse(existing.timeInterval.start) : undefined;
      const body = entryBody(input, keepStart);
      body.tagIds ??= existing.tagIds ?? [];
      if (body.billable === undefined && typeof existing.billable === 'boolean') body.billable = existing.billable;
      return remote(await http.json({ method: 'PUT', url: entryUrl(remoteId), body }, ClockifyTimeEntrySchema));
    },

    async remove(remoteId: string): Promise<void> {
      try {
        await http.send({ method: 'DELETE', url: entryUrl(remoteId) });
      } catch (err) {
        // Gone already: 404, or the 400 "Time entry doesn't belong to Workspace" Clockify gives for unknown ids.
        if (isGone(err)) return;
        throw err;
      }
    },

    async running(): Promise<RemoteEntry | null> {
      const e = await runningEntry();
      return e ? remote(e) : null;
    },

    async tags(): Promise<WorkspaceTags> {
      const [w, list] = await Promise.all([workspace.get(), pages(api(`${ws}/tags`, { archived: 'false' }), ClockifyTagsSchema)]);
      // Where only admins may create tags, one request more says whether the user is one (asked only then).
      const canCreate = w.workspaceSettings?.onlyAdminsCreateTag !== true || (await administers());
      return { tags: list.filter((x) => !x.archived).map((x): RemoteTag => ({ id: x.id, name: x.name })), canCreate };
    },

    async createTag(name: string): Promise<RemoteTag> {
      const tag = await http.json({ method: 'POST', url: api(`${ws}/tags`), body: { name } }, ClockifyTagSchema);
      return { id: tag.id, name: tag.name };
    },

    async findCreated(input: EntryInput, since: number, known: ReadonlySet<string>): Promise<RemoteEntry[]> {
      const anchor = intendedStart(input, now()) ?? since;
      const url = await userEntriesUrl({ start: isoSeconds(anchor - DAY), end: isoSeconds(anchor + DAY) });
      const entries = await pages(url, ClockifyTimeEntriesSchema);
      return matchCreated(entries.map(remote), input, { since, known, now: now(), checkCreatedAt: false });
    },

    // GET …/user/{userId}/time-entries?start&end: entries that started within the instants (local midnights of
    // the two days); a page holds up to 5000 ("page-size"), so a week is one request.
    async entriesBetween(fromDay: string, toDay: string): Promise<RemoteEntry[]> {
      const url = await userEntriesUrl({ start: isoSeconds(atMinute(fromDay, 0)), end: isoSeconds(atMinute(toDay, 24 * 60) - 1000) });
      const entries = await collectPages(http, url, READBACK_PAGING, ClockifyTimeEntriesSchema);
      return entries.map(remote).filter((e) => e.day >= fromDay && e.day <= toDay);
    },
  };
}

/**
 * The workspaces an API key can see (GET /user, GET /workspaces), each checked with GET /workspaces/{id}: one
 * the key cannot use (locked, two-factor required, inactive membership…) is `locked` with Clockify's reason.
 */
export async function listClockifyWorkspaces(
  apiKey: string,
  o: { baseUrl?: string; fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<ProviderWorkspace[]> {
  const base = clockifyBaseUrl(o.baseUrl);
  const http = clockifyHttp(apiKey, o);
  const user = await http.json({ url: `${base}/user` }, ClockifyUserSchema);
  const list = await http.json({ url: `${base}/workspaces` }, ClockifyWorkspacesSchema);
  return Promise.all(
    list.map(async (w): Promise<ProviderWorkspace> => {
      const required = requiredFields(w);
      const member = w.memberships?.find((m) => m.userId === user.id && (m.membershipType ?? 'WORKSPACE') === 'WORKSPACE');
      const status = member?.membershipStatus;
      if (status && status !== 'ACTIVE') {
        return { id: w.id, name: w.name, locked: true, reason: t('clockify_membership', status.toLowerCase()), required };
      }
      try {
        const full = await http.json({ url: `${base}/workspaces/${encodeURIComponent(w.id)}` }, ClockifyWorkspaceSchema);
        return { id: w.id, name: full.name, locked: false, required: requiredFields(full) };
      } catch (err) {
        if (err instanceof ProviderError && (err.kind === 'forbidden' || err.kind === 'not-found')) {
          return { id: w.id, name: w.name, locked: true, reason: err.message, required };
        }
        throw err;
      }
    }),
  );
}
