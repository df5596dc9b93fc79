/**
 * Toggl Track API v9 provider (https://engineering.toggl.com/docs/). A plain client: no storage, no retries
 * (the sync engine owns those). Every answer is parsed with the schemas in ./toggl-schemas.
 *
 * Behaviour relied on:
 * - Basic auth with `<api token>:api_token` (https://engineering.toggl.com/docs/authentication). Toggl answers
 *   403 with a plain-text body ("Incorrect username and/or password") for bad credentials: Stint reports that
 *   as 'auth', and any other 403 (a workspace the user may not use) as 'forbidden'.
 * - Limits (https://support.toggl.com/en/articles/11484112-api-webhook-limits, https://engineering.toggl.com/docs/):
 *   a leaky bucket answers 429; hourly quotas answer 402: 30 requests per user on /me endpoints, and per user and
 *   organisation on workspace endpoints by plan (Free 30, Starter 240, Premium 600). Answers report
 *   `X-Toggl-Quota-Remaining` / `X-Toggl-Quota-Resets-In` (seconds): `togglQuota` reads them for the account's
 *   budget (lib/sync/budget.ts), and on a 402 the reset becomes the error's retryAfterMs. The workspace's plan is
 *   its `business_ws` (Premium) and `premium` (Starter) flags.
 * - POST /workspaces/{wid}/time_entries needs `created_with`, `workspace_id` and `start`; `duration` −1 starts a
 *   timer (https://engineering.toggl.com/docs/tracking). PUT …/{id} changes only the fields sent, and a `stop`
 *   ends a running entry: a stop is one PUT with every field (one request of the hourly quota, not two).
 *   PATCH …/{id}/stop stops at Toggl's "now" (409 when already stopped), for a timer whose end is not known here.
 *   DELETE removes.
 * - GET /me/time_entries filters on start time with `start_date`/`end_date` (YYYY-MM-DD or RFC 3339);
 *   GET /me/time_entries/current answers `null` when nothing runs (https://engineering.toggl.com/docs/api/time_entries).
 * - Entries have no creation time; `at` is the last update (≥ creation), which findCreated uses as the
 *   creation bound.
 */

import { atMinute, DAY, dayKey } from '../core/time';
import { t } from '../i18n';
import {
  collectPages,
  entryInterval,
  intendedStart,
  isoSeconds,
  matchCreated,
  type ProviderWorkspace,
  type RequiredFields,
} from './common';
import { createHttpClient, type Gate, type HttpClient, type HttpRequest, parseJsonBody, type Quota } from './http';
import { memo } from './memo';
import {
  TogglCurrentSchema,
  TogglMeSchema,
  type TogglProject,
  TogglProjectsSchema,
  TogglTagSchema,
  TogglTagsSchema,
  type TogglTask,
  TogglTasksPageSchema,
  TogglTimeEntriesSchema,
  type TogglTimeEntry,
  TogglTimeEntrySchema,
  type TogglWorkspace,
  TogglWorkspaceSchema,
  TogglWorkspacesSchema,
} from './toggl-schemas';
import {
  type Assignment,
  type CreatedQuery,
  type EntryInput,
  type Identity,
  type Provider,
  ProviderError,
  type RemoteEntry,
  type RemoteTag,
  type WorkspaceTags,
} from './types';

export const TOGGL_API_BASE = 'https://api.track.toggl.com/api/v9';
export const togglAuthMessage = (): string => t('toggl_auth');
/** `created_with`, required by Toggl on every new entry. */
export const TOGGL_CREATED_WITH = 'Stint';

/** Creates looked up with one listing when their starts lie within this span (findCreatedMany). */
const LOOKUP_SPAN_MS = 5 * DAY;
const PAGING = { service: 'Toggl', page: 'page', size: 'per_page', pageSize: 200 };
/** Toggl's plain-text answers to bad credentials. */
const BAD_CREDENTIALS = /incorrect (username|e-?mail)|password|api.?token|credentials/i;

export interface TogglConfig {
  apiToken: string;
  workspaceId: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per-request deadline (default 20 s). */
  timeoutMs?: number;
  /** The account's pacer, awaited before every request (lib/sync/pacer.ts). */
  gate?: Gate;
}

/** A fetch that turns `X-Toggl-Quota-Resets-In` into Retry-After on 402, so the error carries retryAfterMs. */
function quotaAwareFetch(inner?: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await (inner ?? globalThis.fetch)(input, init);
    const resets = res.headers.get('x-toggl-quota-resets-in')?.trim();
    if (res.status !== 402 || res.headers.has('retry-after') || !resets || !/^\d+(\.\d+)?$/.test(resets)) return res;
    const headers = new Headers(res.headers);
    headers.set('Retry-After', resets);
    return new Response(await res.text(), { status: res.status, statusText: res.statusText, headers });
  };
}

const base64 = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** /me and everything under it concern only the token's user: a 403 there is a credentials problem. */
const isMePath = (url: string | URL): boolean => {
  try {
    return /\/me(\/|$)/.test(new URL(url).pathname);
  } catch {
    return false;
  }
};

/** The quota a request spends (lib/providers/catalog.ts): the user's (/me…) or the workspace's organisation's. */
export const togglBucket = (url: URL): string => (isMePath(url) ? 'me' : 'workspace');

/** `X-Toggl-Quota-Remaining` / `X-Toggl-Quota-Resets-In` (seconds), when the answer has both. */
export function togglQuota(headers: Headers): Quota | null {
  const remaining = headers.get('x-toggl-quota-remaining')?.trim() ?? '';
  const resets = headers.get('x-toggl-quota-resets-in')?.trim() ?? '';
  if (!/^\d+$/.test(remaining) || !/^\d+(\.\d+)?$/.test(resets)) return null;
  return { remaining: Number(remaining), resetsInMs: Math.ceil(Number(resets) * 1000) };
}

/** The workspace's plan, which sets its API quota: Premium (`business_ws`), Starter (`premium`) or Free. */
export const togglPlan = (w: TogglWorkspace): string => (w.business_ws ? 'premium' : w.premium ? 'starter' : 'free');

function togglHttp(token: string, o: { fetch?: typeof fetch; timeoutMs?: number; now?: () => number; gate?: Gate }): HttpClient {
  const inner = createHttpClient({
    service: 'Toggl',
    fetch: quotaAwareFetch(o.fetch),
    gate: o.gate,
    bucketOf: togglBucket,
    quotaOf: togglQuota,
    timeoutMs: o.timeoutMs,
    now: o.now,
    authMessage: togglAuthMessage,
    headers: { Authorization: `Basic ${base64(`${token}:api_token`)}`, Accept: 'application/json' },
  });
  const send = async (request: HttpRequest) => {
    try {
      return await inner.send(request);
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'forbidden' && (BAD_CREDENTIALS.test(err.message) || isMePath(request.url))) {
        throw new ProviderError('auth', togglAuthMessage(), err.options);
      }
      throw err;
    }
  };
  return { send, json: async (request, schema) => parseJsonBody(await send(request), schema, 'Toggl') };
}

/** `field` names the id as Toggl's API does (workspace_id, project_id…), in every language. */
const numericId = (id: string, field: string): number => {
  if (!/^\d+$/.test(id)) throw new ProviderError('rejected', t('toggl_bad_id', id, field));
  return Number(id);
};
/** '' → null (no project / no task). */
const optionalId = (id: string, field: string): number | null => (id === '' ? null : numericId(id, field));

const requiredFields = (w: TogglWorkspace): RequiredFields => {
  const c = w.te_constraints;
  const on = c?.time_entry_constraints_enabled !== false;
  return {
    project: on && c?.project_present === true,
    task: on && c?.task_present === true,
    description: on && c?.description_present === true,
    tags: on && c?.tag_present === true,
  };
};

/** A Toggl entry as Stint sees it; a running entry's duration is the time elapsed at `now`. */
export function toTogglRemote(e: TogglTimeEntry, now: number): RemoteEntry {
  const start = Date.parse(e.start);
  const running = e.duration < 0;
  return {
    remoteId: String(e.id),
    running,
    day: dayKey(start),
    durationMs: running ? Math.max(0, now - start) : e.duration * 1000,
    notes: e.description ?? '',
    projectId: e.project_id == null ? '' : String(e.project_id),
    taskId: e.task_id == null ? '' : String(e.task_id),
    startedAt: start,
    createdAt: Date.parse(e.at),
    tagIds: (e.tag_ids ?? []).map(String),
    ...(typeof e.billable === 'boolean' ? { billable: e.billable } : {}),
  };
}

function toAssignments(p: TogglProject, tasks: TogglTask[]): Assignment[] {
  const base: Assignment = { projectId: String(p.id), projectName: p.name, taskId: '', taskName: '' };
  if (typeof p.billable === 'boolean') base.billable = p.billable;
  const active = tasks.filter((t) => t.active);
  if (active.length === 0) return [base];
  return active.map((t) => ({ ...base, taskId: String(t.id), taskName: t.name }));
}

export function createTogglProvider(config: TogglConfig): Provider {
  const now = config.now ?? Date.now;
  const http = togglHttp(config.apiToken, config);
  const wid = numericId(config.workspaceId, 'workspace_id');
  const wsPath = `/workspaces/${wid}`;
  const api = (path: string, query: Record<string, string> = {}): URL => {
    const url = new URL(`${TOGGL_API_BASE}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url;
  };
  const workspace = memo<TogglWorkspace>(() => http.json({ url: api(wsPath) }, TogglWorkspaceSchema));
  /** Billable flag per "projectId:taskId", learned from assignments(). */
  const billable = new Map<string, boolean>();
  const remote = (e: TogglTimeEntry) => toTogglRemote(e, now());
  const entryUrl = (id: string, action = '') => api(`${wsPath}/time_entries/${numericId(id, 'time_entry_id')}${action}`);
  const fetchEntry = (id: string) => http.json({ url: api(`/me/time_entries/${numericId(id, 'time_entry_id')}`) }, TogglTimeEntrySchema);

  /** Description, project/task, start and stop/duration; a running entry with no known start keeps its start. */
  const entryFields = (input: EntryInput): Record<string, unknown> => {
    const body: Record<string, unknown> = {
      description: input.notes,
      project_id: optionalId(input.projectId, 'project_id'),
      task_id: optionalId(input.taskId, 'task_id'),
    };
    const { start, end } = entryInterval(input, now());
    if (!input.running || input.startedAt !== null) body.start = isoSeconds(start);
    if (end === null) body.duration = -1;
    else Object.assign(body, { stop: isoSeconds(end), duration: Math.floor(end / 1000) - Math.floor(start / 1000) });
    // PUT changes only the fields sent: tags Stint never set are left out, and stay as they are.
    if (input.tagIds) body.tag_ids = input.tagIds.map((id) => numericId(id, 'tag_ids'));
    const flag = input.billable ?? billable.get(`${input.projectId}:${input.taskId}`);
    if (flag !== undefined) body.billable = flag;
    return body;
  };

  const update = async (remoteId: string, input: EntryInput): Promise<RemoteEntry> =>
    remote(await http.json({ method: 'PUT', url: entryUrl(remoteId), body: entryFields(input) }, TogglTimeEntrySchema));

  /** Creates whose starts lie within a few days of each other are looked up with one listing (one /me request). */
  async function findCreatedMany(queries: readonly CreatedQuery[], known: ReadonlySet<string>): Promise<RemoteEntry[][]> {
    const anchored = queries.map((q, i) => ({ q, i, anchor: intendedStart(q.input, now()) ?? q.since }));
    anchored.sort((a, b) => a.anchor - b.anchor);
    const out: RemoteEntry[][] = queries.map(() => []);
    for (let from = 0; from < anchored.length; ) {
      const first = anchored[from]?.anchor ?? 0;
      let to = from;
      while (to < anchored.length && (anchored[to]?.anchor ?? 0) - first <= LOOKUP_SPAN_MS) to++;
      const group = anchored.slice(from, to);
      const last = group.at(-1)?.anchor ?? first;
      const url = api('/me/time_entries', { start_date: isoSeconds(first - DAY), end_date: isoSeconds(last + DAY) });
      const listed = (await http.json({ url }, TogglTimeEntriesSchema)).filter((e) => e.workspace_id === wid && !e.server_deleted_at);
      const entries = listed.map(remote);
      for (const { q, i } of group) out[i] = matchCreated(entries, q.input, { since: q.since, known, now: now(), checkCreatedAt: true });
      from = to;
    }
    return out;
  }

  return {
    async identity(): Promise<Identity> {
      const [user, w] = await Promise.all([http.json({ url: api('/me') }, TogglMeSchema), workspace.get()]);
      return {
        userId: String(user.id),
        userName: user.fullname?.trim() || user.email || String(user.id),
        accountId: String(w.id),
        accountName: w.name,
        timestampTimers: true,
        // The time format lives in /me/preferences; not worth a request from the 30-per-hour user quota.
        clock: '24h',
        plan: togglPlan(w),
      };
    },

    async assignments(): Promise<Assignment[]> {
      const query = { active: 'true' };
      const projects = await collectPages(http, api(`${wsPath}/projects`, query), PAGING, TogglProjectsSchema);
      const taskPages = TogglTasksPageSchema.transform((p) => p.data ?? []);
      const tasks = await collectPages(http, api(`${wsPath}/tasks`, query), PAGING, taskPages);
      const byProject = new Map<number, TogglTask[]>();
      for (const t of tasks) byProject.set(t.project_id, [...(byProject.get(t.project_id) ?? []), t]);
      const out = projects.filter((p) => p.active).flatMap((p) => toAssignments(p, byProject.get(p.id) ?? []));
      for (const a of out) if (a.billable !== undefined) billable.set(`${a.projectId}:${a.taskId}`, a.billable);
      return out;
    },

    async create(input: EntryInput): Promise<RemoteEntry> {
      const body: Record<string, unknown> = { created_with: TOGGL_CREATED_WITH, workspace_id: wid, ...entryFields(input) };
      if (body.start === undefined) body.start = isoSeconds(now());
      // A new entry has no project/task to clear: leave the empty ones out.
      if (body.project_id === null) delete body.project_id;
      if (body.task_id === null) delete body.task_id;
      return remote(await http.json({ method: 'POST', url: api(`${wsPath}/time_entries`), body }, TogglTimeEntrySchema));
    },

    // One PUT with every field and the local end: a timer stopped offline keeps the time it was stopped at.
    stopWritesAll: true,

    async stop(remoteId: string, input: EntryInput): Promise<RemoteEntry> {
      if (!input.running) return update(remoteId, input);
      // No end known here: Toggl stops it at its own "now"; already stopped (409) → the entry as it is.
      try {
        return remote(await http.json({ method: 'PATCH', url: entryUrl(remoteId, '/stop') }, TogglTimeEntrySchema));
      } catch (err) {
        if (!(err instanceof ProviderError && err.kind === 'rejected' && err.options.status === 409)) throw err;
        return remote(await fetchEntry(remoteId));
      }
    },

    update,

    async remove(remoteId: string): Promise<void> {
      try {
        await http.send({ method: 'DELETE', url: entryUrl(remoteId) });
      } catch (err) {
        if (err instanceof ProviderError && err.kind === 'not-found') return;
        throw err;
      }
    },

    async running(): Promise<RemoteEntry | null> {
      const e = await http.json({ url: api('/me/time_entries/current') }, TogglCurrentSchema);
      // The user's one running timer may belong to another workspace: not this account's.
      return e && e.workspace_id === wid ? remote(e) : null;
    },

    async findCreated(input: EntryInput, since: number, known: ReadonlySet<string>): Promise<RemoteEntry[]> {
      return (await findCreatedMany([{ input, since }], known))[0] ?? [];
    },

    async tags(): Promise<WorkspaceTags> {
      const [w, list] = await Promise.all([workspace.get(), http.json({ url: api(`${wsPath}/tags`) }, TogglTagsSchema)]);
      return {
        tags: list.filter((x) => !x.deleted_at).map((x): RemoteTag => ({ id: String(x.id), name: x.name })),
        canCreate: w.only_admins_may_create_tags !== true || w.admin === true,
      };
    },

    async createTag(name: string): Promise<RemoteTag> {
      const tag = await http.json({ method: 'POST', url: api(`${wsPath}/tags`), body: { name, workspace_id: wid } }, TogglTagSchema);
      return { id: String(tag.id), name: tag.name };
    },

    findCreatedMany,

    // GET /me/time_entries?start_date&end_date: the user's entries of every workspace that started within the
    // instants (local midnights), unpaginated; this workspace's are kept. One request of the /me quota.
    async entriesBetween(fromDay: string, toDay: string): Promise<RemoteEntry[]> {
      const url = api('/me/time_entries', { start_date: isoSeconds(atMinute(fromDay, 0)), end_date: isoSeconds(atMinute(toDay, 24 * 60)) });
      const listed = (await http.json({ url }, TogglTimeEntriesSchema)).filter((e) => e.workspace_id === wid && !e.server_deleted_at);
      return listed.map(remote).filter((e) => e.day >= fromDay && e.day <= toDay);
    },
  };
}

/**
 * The workspaces a token can see (GET /me, GET /me/workspaces), each checked with GET /workspaces/{id}, one at
 * a time (Toggl's leaky bucket): a deleted, suspended or inaccessible one is `locked` with the reason.
 */
export async function listTogglWorkspaces(
  apiToken: string,
  o: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<ProviderWorkspace[]> {
  const http = togglHttp(apiToken, o);
  await http.json({ url: `${TOGGL_API_BASE}/me` }, TogglMeSchema);
  const list = await http.json({ url: `${TOGGL_API_BASE}/me/workspaces` }, TogglWorkspacesSchema);
  const out: ProviderWorkspace[] = [];
  for (const w of list) {
    const entry = { id: String(w.id), name: w.name, required: requiredFields(w) };
    if (w.server_deleted_at) out.push({ ...entry, locked: true, reason: t('workspace_deleted') });
    else if (w.suspended_at) out.push({ ...entry, locked: true, reason: t('workspace_suspended') });
    else {
      try {
        const full = await http.json({ url: `${TOGGL_API_BASE}/workspaces/${w.id}` }, TogglWorkspaceSchema);
        out.push({ ...entry, name: full.name, locked: false, required: requiredFields(full) });
      } catch (err) {
        if (!(err instanceof ProviderError && (err.kind === 'forbidden' || err.kind === 'not-found'))) throw err;
        out.push({ ...entry, locked: true, reason: err.message });
      }
    }
  }
  return out;
}
