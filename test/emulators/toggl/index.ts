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
import {
  type RequiredFields,
  type TogglBlocked,
  type TogglEntry,
  type TogglPlan,
  type TogglProject,
  TogglStore,
  type TogglTag,
  type TogglTask,
  type TogglUser,
  type TogglWorkspace,
} from './state';

export type { LeakyBucketOptions, QuotaOptions, TogglEntry, TogglPlan, TogglProject, TogglTag, TogglTask, TogglUser, TogglWorkspace };
export { PLAN_QUOTAS, TOGGL_MESSAGES };

export const TOGGL_HOST = 'api.track.toggl.com';

export interface TogglEmulatorOptions {
  /** Leaky bucket per token (HTTP 429). Default `{ burst: 4, perSecond: 1 }`; `false` disables. */
  leakyBucket?: LeakyBucketOptions | false;
  /** Hourly quotas (HTTP 402). Default as documented: per org by its plan (30/240/600), 30 per user, 1 h; `false` disables. */
  quota?: QuotaOptions | false;
  /** Clock in ms since epoch (default `Date.now`); drives `at`, stop times, the bucket and quotas. */
  now?: () => number;
}

export const DEFAULT_TOGGL_BLOCKED: TogglBlocked = { status: 403, body: TOGGL_MESSAGES.noAccess };

/** Text Toggl sends with 402 / 429. The headers are documented; these bodies are a best guess. */
export const QUOTA_EXCEEDED_BODY = 'You have hit your API quota limit. Please wait for the quota to reset or upgrade your plan.';
export const RATE_LIMITED_BODY = 'Too Many Requests';

export interface TogglDemo {
  user: TogglUser;
  token: string;
  workspace: TogglWorkspace;
  projects: { website: TogglProject; legacy: TogglProject };
  tasks: { design: TogglTask; build: TogglTask; done: TogglTask };
  tags: { urgent: TogglTag };
}

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

  const requireWorkspace = (id: number) => {
    const w = store.workspaces.get(id);
    if (!w) throw new Error(`toggl emulator: no workspace ${id}`);
    return w;
  };

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

    // ---- seeding -------------------------------------------------------------------------
    addUser(input: Partial<Omit<TogglUser, 'createdMs'>> = {}): TogglUser {
      const id = input.id ?? store.nextId('user');
      const user: TogglUser = {
        id,
        email: input.email ?? `user-${id}@example.com`,
        fullname: input.fullname ?? 'Grace Hopper',
        password: input.password ?? 'correct horse battery staple',
        api_token: input.api_token ?? store.nextToken(),
        timezone: input.timezone ?? 'Europe/Berlin',
        beginning_of_week: input.beginning_of_week ?? 1,
        default_workspace_id: input.default_workspace_id ?? null,
        createdMs: now(),
      };
      store.users.set(id, user);
      return user;
    },

    /** Invalidates a user's token (the old one answers 403); returns the new one. */
    rotateToken(userId: number): string {
      const u = store.users.get(userId);
      if (!u) throw new Error(`toggl emulator: no user ${userId}`);
      u.api_token = store.nextToken();
      return u.api_token;
    },

    revokeToken(token: string): void {
      const u = store.userByToken(token);
      if (u) u.api_token = `revoked-${store.nextToken()}`;
    },

    addWorkspace(
      input: {
        id?: number;
        organizationId?: number;
        name?: string;
        /** The organization's plan (default free); `premium: true` is the Premium plan. */
        plan?: TogglPlan;
        premium?: boolean;
        members?: number[];
        admins?: number[];
        requiredFields?: Partial<RequiredFields>;
        onlyAdminsMayCreateTags?: boolean;
        blocked?: Partial<TogglBlocked>;
      } = {},
    ): TogglWorkspace {
      const w: TogglWorkspace = {
        id: input.id ?? store.nextId('workspace'),
        organization_id: input.organizationId ?? store.nextId('organization'),
        name: input.name ?? 'Workspace',
        plan: input.plan ?? (input.premium ? 'premium' : 'free'),
        memberIds: [...(input.members ?? [])],
        adminIds: [...(input.admins ?? input.members ?? [])],
        requiredFields: { project: false, task: false, tag: false, description: false, ...input.requiredFields },
        onlyAdminsMayCreateTags: input.onlyAdminsMayCreateTags ?? false,
        blocked: input.blocked ? { ...DEFAULT_TOGGL_BLOCKED, ...input.blocked } : undefined,
      };
      store.workspaces.set(w.id, w);
      for (const id of w.memberIds) {
        const u = store.users.get(id);
        if (u && u.default_workspace_id === null) u.default_workspace_id = w.id;
      }
      return w;
    },

    setRequiredFields(workspaceId: number, fields: Partial<RequiredFields>): void {
      Object.assign(requireWorkspace(workspaceId).requiredFields, fields);
    },

    blockWorkspace(workspaceId: number, blocked: Partial<TogglBlocked> = {}): void {
      requireWorkspace(workspaceId).blocked = { ...DEFAULT_TOGGL_BLOCKED, ...blocked };
    },

    unblockWorkspace(workspaceId: number): void {
      requireWorkspace(workspaceId).blocked = undefined;
    },

    addProject(workspaceId: number, input: Partial<Omit<TogglProject, 'workspace_id' | 'createdMs'>> & { name: string }): TogglProject {
      requireWorkspace(workspaceId);
      const p: TogglProject = {
        id: input.id ?? store.nextId('project'),
        workspace_id: workspaceId,
        name: input.name,
        active: input.active ?? true,
        billable: input.billable ?? false,
        color: input.color ?? '#0b83d9',
        client_id: input.client_id ?? null,
        is_private: input.is_private ?? true,
        createdMs: now(),
      };
      store.projects.set(p.id, p);
      return p;
    },

    addTask(projectId: number, input: { id?: number; name: string; active?: boolean }): TogglTask {
      const p = store.projects.get(projectId);
      if (!p) throw new Error(`toggl emulator: no project ${projectId}`);
      const t: TogglTask = {
        id: input.id ?? store.nextId('task'),
        workspace_id: p.workspace_id,
        project_id: p.id,
        name: input.name,
        active: input.active ?? true,
        createdMs: now(),
      };
      store.tasks.set(t.id, t);
      return t;
    },

    addTag(workspaceId: number, input: { id?: number; name: string; creatorId?: number }): TogglTag {
      requireWorkspace(workspaceId);
      const t: TogglTag = {
        id: input.id ?? store.nextId('tag'),
        workspace_id: workspaceId,
        name: input.name,
        creator_id: input.creatorId ?? 0,
      };
      store.tags.set(t.id, t);
      return t;
    },

    /** Seeds an entry directly (no validation); `start`/`stop` are ISO strings, `stop` omitted = running. */
    addEntry(
      input: { workspaceId: number; userId: number; start: string; stop?: string | null } & Partial<
        Pick<TogglEntry, 'description' | 'project_id' | 'task_id' | 'billable' | 'tag_ids'>
      >,
    ): TogglEntry {
      const e: TogglEntry = {
        id: store.nextId('entry'),
        workspace_id: input.workspaceId,
        user_id: input.userId,
        project_id: input.project_id ?? null,
        task_id: input.task_id ?? null,
        description: input.description ?? null,
        billable: input.billable ?? false,
        tag_ids: [...(input.tag_ids ?? [])],
        startMs: Date.parse(input.start),
        stopMs: input.stop ? Date.parse(input.stop) : null,
        created_with: 'emulator seed',
        atMs: now(),
        deletedMs: null,
      };
      store.entries.set(e.id, e);
      return e;
    },

    seedDemo(): TogglDemo {
      const user = emulator.addUser({ fullname: 'Grace Hopper', email: 'grace@example.com' });
      const workspace = emulator.addWorkspace({ name: "Grace's workspace", members: [user.id], premium: true });
      const website = emulator.addProject(workspace.id, { name: 'Website', billable: true });
      const legacy = emulator.addProject(workspace.id, { name: 'Legacy', active: false });
      const design = emulator.addTask(website.id, { name: 'Design' });
      const build = emulator.addTask(website.id, { name: 'Build' });
      const done = emulator.addTask(website.id, { name: 'Launch', active: false });
      const urgent = emulator.addTag(workspace.id, { name: 'urgent', creatorId: user.id });
      return { user, token: user.api_token, workspace, projects: { website, legacy }, tasks: { design, build, done }, tags: { urgent } };
    },

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
