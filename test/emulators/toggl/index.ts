import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DownMode,
  dropConnection,
  type FailOptions,
  Faults,
  type Reply,
  RequestLog,
  type RequestMatch,
  type RequestRecord,
  readBody,
  sleep,
  writeReply,
} from '../kit';
import type { Emulator } from '../types';
import { LeakyBucket, type LeakyBucketOptions, PLAN_QUOTAS, type QuotaOptions, type QuotaState, Quotas, quotaHeaders } from './limits';
import { TOGGL_MESSAGES, TogglApi, text } from './routes';
import { DEFAULT_TOGGL_BLOCKED, type TogglDemo, togglSeeding } from './seed';
import {
  type TogglEntry,
  type TogglPlan,
  type TogglProject,
  TogglStore,
  type TogglTag,
  type TogglTask,
  type TogglUser,
  type TogglWorkspace,
} from './state';

export type {
  LeakyBucketOptions,
  QuotaOptions,
  TogglDemo,
  TogglEntry,
  TogglPlan,
  TogglProject,
  TogglTag,
  TogglTask,
  TogglUser,
  TogglWorkspace,
};
export { DEFAULT_TOGGL_BLOCKED, PLAN_QUOTAS, TOGGL_MESSAGES };

export const TOGGL_HOST = 'api.track.toggl.com';

export interface TogglEmulatorOptions {
  /** Leaky bucket per token (HTTP 429). Default `{ burst: 4, perSecond: 1 }`; `false` disables. */
  leakyBucket?: LeakyBucketOptions | false;
  /** Hourly quotas (HTTP 402). Default as documented: per org by its plan (30/240/600), 30 per user, 1 h; `false` disables. */
  quota?: QuotaOptions | false;
  /** Clock in ms since epoch (default `Date.now`); drives `at`, stop times, the bucket and quotas. */
  now?: () => number;
}

/** Text Toggl sends with 402 / 429. The headers are documented; these bodies are a best guess. */
export const QUOTA_EXCEEDED_BODY = 'You have hit your API quota limit. Please wait for the quota to reset or upgrade your plan.';
export const RATE_LIMITED_BODY = 'Too Many Requests';

export function createTogglEmulator(options: TogglEmulatorOptions = {}) {
  const now = options.now ?? Date.now;
  const bucketOptions = options.leakyBucket === undefined ? { burst: 4, perSecond: 1 } : options.leakyBucket;
  const quotaOptions: QuotaOptions | false =
    options.quota === undefined ? { organization: 'plan', user: 30, windowMs: 3_600_000 } : options.quota;
  let bucket: LeakyBucket | undefined;
  let quotas: Quotas | undefined;
  const initLimits = () => {
    bucket = bucketOptions ? new LeakyBucket(bucketOptions) : undefined;
    quotas = quotaOptions ? new Quotas({ ...quotaOptions }) : undefined;
  };
  initLimits();
  let store = new TogglStore();
  let api = new TogglApi(store);
  const faults = new Faults(() => text(500, 'Internal Server Error'));
  const log = new RequestLog();
  const seeding = togglSeeding(() => store, now);

  /** Basic auth: `<token>:api_token` or `<email>:<password>`. */
  const authenticate = (header: string | undefined): TogglUser | undefined => {
    const m = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (!m?.[1]) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const [name, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (secret === 'api_token') return store.userByToken(name);
    return [...store.users.values()].find((u) => u.email === name && u.password === secret);
  };

  /** An organization's quota per user: fixed, or by its plan (its workspaces share it). */
  const orgTotal = (organizationId: number): number => {
    const option = quotas?.options.organization ?? 0;
    if (option !== 'plan') return option;
    const w = [...store.workspaces.values()].find((x) => x.organization_id === organizationId);
    return PLAN_QUOTAS[w?.plan ?? 'free'];
  };

  /** Workspace requests count against the user's quota in that organization, others against the user's. */
  const quotaKey = (user: TogglUser, path: string): { key: string; total: number } | undefined => {
    if (!quotas) return undefined;
    const m = /^\/workspaces\/(\d+)/.exec(path);
    const w = m ? store.workspaces.get(Number(m[1])) : undefined;
    if (w) return { key: `org:${w.organization_id}:user:${user.id}`, total: orgTotal(w.organization_id) };
    return { key: `user:${user.id}`, total: quotas.options.user };
  };

  const quotaList = (user: TogglUser, t: number) => {
    if (!quotas) return [];
    const q = quotas;
    const orgs = [...new Set(api.workspacesOf(user).map((w) => w.organization_id))];
    const row = (organization_id: number | null, s: QuotaState) => ({
      organization_id,
      remaining: s.remaining,
      total: s.total,
      resets_in_secs: s.resetsInSecs,
    });
    return [
      ...orgs.map((o) => row(o, q.peek(`org:${o}:user:${user.id}`, orgTotal(o), t))),
      row(null, q.peek(`user:${user.id}`, q.options.user, t)),
    ];
  };

  const answer = (method: string, path: string, query: URLSearchParams, body: string, authorization: string | undefined): Reply => {
    const t = now();
    const user = authenticate(authorization);
    if (!user) return text(403, TOGGL_MESSAGES.badAuth);
    const qk = quotaKey(user, path);
    const current = qk && quotas ? quotaHeaders(quotas.peek(qk.key, qk.total, t)) : {};
    if (bucket && !bucket.tryAdd(user.api_token, t)) return { ...text(429, RATE_LIMITED_BODY), headers: current };
    if (method === 'GET' && path === '/me/quota') return { status: 200, json: quotaList(user, t), headers: current };
    let headers: Record<string, string> = {};
    if (qk && quotas) {
      const q = quotas.consume(qk.key, qk.total, t);
      headers = quotaHeaders(q);
      if (!q.allowed) return { ...text(402, QUOTA_EXCEEDED_BODY), headers };
    }
    const reply = api.dispatch({ method, path, query, body, now: t }, user);
    return { ...reply, headers: { ...reply.headers, ...headers } };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = url.pathname;
    const apiPath = rawPath.startsWith('/api/v9/') || rawPath === '/api/v9' ? rawPath.slice(7) || '/' : undefined;
    const rec = log.record(method, rawPath, TOGGL_HOST);
    const body = await readBody(req);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.down === 'drop') return dropConnection(req, res);
    const plan = faults.take(method, apiPath ? [rawPath, apiPath] : [rawPath]);
    if (plan?.kind === 'drop') return dropConnection(req, res);
    let reply: Reply;
    if (faults.down === 'unavailable') {
      reply = { status: 503, text: '<html><body>503 Service Unavailable</body></html>', headers: { 'content-type': 'text/html' } };
    } else if (plan?.kind === 'fail') {
      reply = plan.reply;
    } else {
      try {
        reply =
          apiPath === undefined
            ? text(404, TOGGL_MESSAGES.notFound)
            : answer(method, apiPath, url.searchParams, body, req.headers.authorization);
      } catch (e) {
        reply = text(500, `Emulator error: ${(e as Error).message}`);
      }
      if (plan?.kind === 'commitThenDrop') return dropConnection(req, res);
    }
    rec.status = reply.status;
    writeReply(res, reply);
  };

  const emulator = {
    hosts: [TOGGL_HOST] as readonly string[],

    /** Never rejects: an unexpected failure (e.g. the client aborting mid-body) drops the connection. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        await serve(req, res);
      } catch {
        if (!res.headersSent) dropConnection(req, res);
      }
    },

    ...seeding,

    // ---- inspection ----------------------------------------------------------------------
    get store(): TogglStore {
      return store;
    },

    /** Entries (deleted ones only with `includeDeleted`), as copies. */
    entries(filter: { userId?: number; workspaceId?: number; includeDeleted?: boolean } = {}): TogglEntry[] {
      return [...store.entries.values()]
        .filter(
          (e) =>
            (filter.includeDeleted || e.deletedMs === null) &&
            (!filter.userId || e.user_id === filter.userId) &&
            (!filter.workspaceId || e.workspace_id === filter.workspaceId),
        )
        .map((e) => ({ ...e, tag_ids: [...e.tag_ids] }));
    },

    runningEntry(userId: number): TogglEntry | undefined {
      const e = store.running(userId);
      return e ? { ...e, tag_ids: [...e.tag_ids] } : undefined;
    },

    /** Quota rows as GET /me/quota reports them. */
    quotaFor(userId: number) {
      const u = store.users.get(userId);
      return u ? quotaList(u, now()) : [];
    },

    /** Replaces the quota sizes/window (or disables them) and forgets the counts. */
    setQuota(quota: QuotaOptions | false): void {
      quotas = quota ? new Quotas(quota) : undefined;
    },

    setLeakyBucket(options: LeakyBucketOptions | false): void {
      bucket = options ? new LeakyBucket(options) : undefined;
    },

    requestCount(match: string | RequestMatch = {}): number {
      return log.count(match);
    },
    requestCounts(): Record<string, number> {
      return log.byKey();
    },
    requestLog(): readonly RequestRecord[] {
      return log.records;
    },
    resetCounters(): void {
      log.clear();
    },

    // ---- faults --------------------------------------------------------------------------
    setLatency(ms: number): void {
      faults.latencyMs = ms;
    },
    failNext(n = 1, opts: FailOptions = {}): void {
      faults.failNext(n, opts);
    },
    dropNext(n = 1, match: RequestMatch = {}): void {
      faults.dropNext(n, match);
    },
    commitThenDropNext(n = 1, match: RequestMatch = {}): void {
      faults.commitThenDropNext(n, match);
    },
    setDown(mode: DownMode = 'drop'): void {
      faults.down = mode;
    },
    pendingFaults(): number {
      return faults.pending();
    },
    clearFaults(): void {
      faults.clear();
    },

    reset(): void {
      store = new TogglStore();
      api = new TogglApi(store);
      faults.clear();
      log.clear();
      initLimits();
    },
  };
  return emulator satisfies Emulator;
}

export type TogglEmulator = ReturnType<typeof createTogglEmulator>;
