import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DownMode,
  dropConnection,
  type FailOptions,
  Faults,
  hostOf,
  type Reply,
  RequestLog,
  type RequestMatch,
  type RequestRecord,
  readBody,
  sleep,
  writeReply,
} from '../kit';
import type { Emulator } from '../types';
import { type ApiRequest, err, MESSAGES } from './messages';
import { ClockifyApi } from './routes';
import {
  type BlockedAnswer,
  type ClockifyEntry,
  type ClockifyProject,
  ClockifyStore,
  type ClockifyTag,
  type ClockifyTask,
  type ClockifyUser,
  type ClockifyWorkspace,
  isoSeconds,
} from './state';

export type { BlockedAnswer, ClockifyEntry, ClockifyProject, ClockifyTag, ClockifyTask, ClockifyUser, ClockifyWorkspace };
export { MESSAGES as CLOCKIFY_MESSAGES };

/** Cloud hosts: global first (the fallback for unknown Host headers), then the regional servers. */
export const CLOCKIFY_HOSTS = ['api.clockify.me', 'euc1.clockify.me', 'use2.clockify.me', 'euw2.clockify.me', 'apse2.clockify.me'] as const;

export interface ClockifyEmulatorOptions {
  /** Extra hostnames answered too (a self-hosted server's base URL host). */
  extraHosts?: string[];
  /** Requests allowed per key per window; `false` disables. Default 50 per 1000 ms. */
  rateLimit?: { requests: number; windowMs: number } | false;
  /** Clock in ms since epoch (default `Date.now`); drives defaults for `start` and the rate window. */
  now?: () => number;
}

export interface AddUserInput {
  id?: string;
  name?: string;
  email?: string;
  /** Keys of this user work only through this host (e.g. 'euc1.clockify.me' or a self-hosted host). */
  homeHost?: string;
  settings?: Partial<ClockifyUser['settings']>;
}

export interface AddWorkspaceInput {
  id?: string;
  name?: string;
  members?: string[];
  /** Members who are the workspace's admins (Clockify role WORKSPACE_ADMIN). */
  admins?: string[];
  /** The member who owns it (Clockify role OWNER; not counted as an admin when Clockify filters by role). */
  owner?: string;
  /** Merged over Clockify's defaults: forceProjects, forceTasks, forceDescription, forceTags, … */
  settings?: Record<string, unknown>;
  features?: string[];
  featureSubscriptionType?: string | null;
  /** The workspace is unusable (locked, two-factor required, subscription expired…). */
  blocked?: Partial<BlockedAnswer>;
}

export interface ClockifyDemo {
  user: ClockifyUser;
  apiKey: string;
  workspace: ClockifyWorkspace;
  projects: { website: ClockifyProject; legacy: ClockifyProject };
  tasks: { design: ClockifyTask; build: ClockifyTask; done: ClockifyTask };
  tags: { urgent: ClockifyTag };
}

export const DEFAULT_BLOCKED: BlockedAnswer = { status: 403, message: 'Workspace is locked', code: 501 };

export function createClockifyEmulator(options: ClockifyEmulatorOptions = {}) {
  const now = options.now ?? Date.now;
  const rateLimit = options.rateLimit === undefined ? { requests: 50, windowMs: 1000 } : options.rateLimit;
  const hosts: string[] = [];
  let store = new ClockifyStore();
  let api = new ClockifyApi(store);
  const faults = new Faults(() => err(500, 'Internal server error', 500));
  const log = new RequestLog();
  const hits = new Map<string, number[]>();

  const resetHosts = () => {
    hosts.length = 0;
    hosts.push(...CLOCKIFY_HOSTS, ...(options.extraHosts ?? []).map((h) => h.toLowerCase()));
  };
  resetHosts();

  const requireWorkspace = (id: string) => {
    const w = store.workspaces.get(id);
    if (!w) throw new Error(`clockify emulator: no workspace ${id}`);
    return w;
  };

  const rateLimited = (key: string): boolean => {
    if (!rateLimit) return false;
    const t = now();
    const recent = (hits.get(key) ?? []).filter((at) => at > t - rateLimit.windowMs);
    if (recent.length >= rateLimit.requests) {
      hits.set(key, recent);
      return true;
    }
    recent.push(t);
    hits.set(key, recent);
    return false;
  };

  /** Authentication (`X-Api-Key`), the user's home host, the rate limit, then the route. */
  const answer = (req: ApiRequest): Reply => {
    const raw = req.headers['x-api-key'];
    const key = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!key) return err(401, MESSAGES.noAuth, 1000);
    const rec = store.keys.get(key);
    const user = rec && !rec.revoked ? store.users.get(rec.userId) : undefined;
    if (!user || (user.homeHost && user.homeHost !== req.host)) return err(401, MESSAGES.badKey, 4003);
    if (rateLimited(key)) return err(429, 'Too many requests', 429);
    return api.dispatch(req, user);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const host = hosts.includes(hostOf(req)) ? hostOf(req) : CLOCKIFY_HOSTS[0];
    const rawPath = url.pathname;
    const apiPath = rawPath.startsWith('/api/') ? rawPath.slice(4) : rawPath;
    const rec = log.record(method, rawPath, host);
    const body = await readBody(req);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.down === 'drop') return dropConnection(req, res);
    const plan = faults.take(method, [rawPath, apiPath]);
    if (plan?.kind === 'drop') return dropConnection(req, res);
    let reply: Reply;
    if (faults.down === 'unavailable') {
      reply = { status: 503, text: 'Service Unavailable', headers: { 'content-type': 'text/html' } };
    } else if (plan?.kind === 'fail') {
      reply = plan.reply;
    } else {
      try {
        reply = answer({ method, host, path: apiPath, query: url.searchParams, headers: req.headers, body, now: now() });
      } catch (e) {
        reply = err(500, `Emulator error: ${(e as Error).message}`, 500);
      }
      if (plan?.kind === 'commitThenDrop') return dropConnection(req, res);
    }
    rec.status = reply.status;
    writeReply(res, reply);
  };

  const emulator = {
    get hosts(): readonly string[] {
      return hosts;
    },

    /** Never rejects: an unexpected failure (e.g. the client aborting mid-body) drops the connection. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        await serve(req, res);
      } catch {
        if (!res.headersSent) dropConnection(req, res);
      }
    },

    // ---- seeding -------------------------------------------------------------------------
    addHost(host: string): void {
      if (!hosts.includes(host.toLowerCase())) hosts.push(host.toLowerCase());
    },

    addUser(input: AddUserInput = {}): ClockifyUser {
      const id = input.id ?? store.nextId();
      const user: ClockifyUser = {
        id,
        name: input.name ?? 'Ada Lovelace',
        email: input.email ?? `user-${id.slice(-4)}@example.com`,
        status: 'ACTIVE',
        profilePicture: 'https://img.clockify.me/no-user-image.png',
        activeWorkspace: '',
        defaultWorkspace: '',
        settings: { weekStart: 'MONDAY', timeZone: 'Europe/Berlin', timeFormat: 'HOUR24', dateFormat: 'DD/MM/YYYY', ...input.settings },
        homeHost: input.homeHost?.toLowerCase(),
      };
      store.users.set(id, user);
      return user;
    },

    addApiKey(userId: string, key?: string): string {
      if (!store.users.has(userId)) throw new Error(`clockify emulator: no user ${userId}`);
      const k = key ?? store.nextKey();
      store.keys.set(k, { userId, revoked: false });
      return k;
    },

    revokeKey(key: string): void {
      const rec = store.keys.get(key);
      if (rec) rec.revoked = true;
    },

    addWorkspace(input: AddWorkspaceInput = {}): ClockifyWorkspace {
      const id = input.id ?? store.nextId();
      const w: ClockifyWorkspace = {
        id,
        name: input.name ?? 'Workspace',
        memberIds: [...(input.members ?? [])],
        roles: {},
        settings: { ...input.settings },
        features: input.features ?? ['TIME_TRACKING'],
        featureSubscriptionType: input.featureSubscriptionType ?? null,
        blocked: input.blocked ? { ...DEFAULT_BLOCKED, ...input.blocked } : undefined,
      };
      for (const userId of input.admins ?? []) w.roles[userId] = [...(w.roles[userId] ?? []), 'WORKSPACE_ADMIN'];
      if (input.owner) w.roles[input.owner] = [...(w.roles[input.owner] ?? []), 'OWNER'];
      store.workspaces.set(id, w);
      for (const userId of w.memberIds) {
        const u = store.users.get(userId);
        if (u && !u.defaultWorkspace) Object.assign(u, { defaultWorkspace: id, activeWorkspace: id });
      }
      return w;
    },

    updateWorkspaceSettings(workspaceId: string, settings: Record<string, unknown>): void {
      Object.assign(requireWorkspace(workspaceId).settings, settings);
    },

    blockWorkspace(workspaceId: string, answer: Partial<BlockedAnswer> = {}): void {
      requireWorkspace(workspaceId).blocked = { ...DEFAULT_BLOCKED, ...answer };
    },

    unblockWorkspace(workspaceId: string): void {
      requireWorkspace(workspaceId).blocked = undefined;
    },

    addProject(workspaceId: string, input: Partial<Omit<ClockifyProject, 'workspaceId'>> & { name: string }): ClockifyProject {
      requireWorkspace(workspaceId);
      const p: ClockifyProject = {
        id: input.id ?? store.nextId(),
        workspaceId,
        name: input.name,
        archived: input.archived ?? false,
        billable: input.billable ?? false,
        color: input.color ?? '#03A9F4',
        clientId: input.clientId ?? '',
        clientName: input.clientName ?? '',
        note: input.note ?? '',
        public: input.public ?? true,
      };
      store.projects.set(p.id, p);
      return p;
    },

    addTask(projectId: string, input: Partial<Omit<ClockifyTask, 'projectId'>> & { name: string }): ClockifyTask {
      if (!store.projects.has(projectId)) throw new Error(`clockify emulator: no project ${projectId}`);
      const t: ClockifyTask = {
        id: input.id ?? store.nextId(),
        projectId,
        name: input.name,
        status: input.status ?? 'ACTIVE',
        billable: input.billable ?? true,
      };
      store.tasks.set(t.id, t);
      return t;
    },

    addTag(workspaceId: string, input: { id?: string; name: string; archived?: boolean }): ClockifyTag {
      requireWorkspace(workspaceId);
      const t: ClockifyTag = { id: input.id ?? store.nextId(), workspaceId, name: input.name, archived: input.archived ?? false };
      store.tags.set(t.id, t);
      return t;
    },

    /** Seeds an entry directly (no validation). `start`/`end` accept ISO strings. */
    addEntry(input: Partial<ClockifyEntry> & { workspaceId: string; userId: string }): ClockifyEntry {
      const e: ClockifyEntry = {
        id: input.id ?? store.nextId(),
        description: '',
        projectId: null,
        taskId: null,
        tagIds: [],
        billable: false,
        ...input,
        start: isoSeconds(Date.parse(input.start ?? new Date(now()).toISOString())),
        end: input.end ? isoSeconds(Date.parse(input.end)) : null,
      };
      store.entries.set(e.id, e);
      return e;
    },

    /** A ready account: user + key + workspace with two projects (one archived), tasks and tags. */
    seedDemo(): ClockifyDemo {
      const user = emulator.addUser({ name: 'Ada Lovelace', email: 'ada@example.com' });
      const apiKey = emulator.addApiKey(user.id);
      const workspace = emulator.addWorkspace({ name: "Ada's workspace", members: [user.id] });
      const website = emulator.addProject(workspace.id, { name: 'Website', billable: true, clientName: 'Acme' });
      const legacy = emulator.addProject(workspace.id, { name: 'Legacy', archived: true });
      const design = emulator.addTask(website.id, { name: 'Design' });
      const build = emulator.addTask(website.id, { name: 'Build' });
      const done = emulator.addTask(website.id, { name: 'Launch', status: 'DONE' });
      const urgent = emulator.addTag(workspace.id, { name: 'urgent' });
      return { user, apiKey, workspace, projects: { website, legacy }, tasks: { design, build, done }, tags: { urgent } };
    },

    // ---- inspection ----------------------------------------------------------------------
    get store(): ClockifyStore {
      return store;
    },

    entries(filter: { userId?: string; workspaceId?: string } = {}): ClockifyEntry[] {
      return [...store.entries.values()]
        .filter((e) => (!filter.userId || e.userId === filter.userId) && (!filter.workspaceId || e.workspaceId === filter.workspaceId))
        .map((e) => ({ ...e, tagIds: [...e.tagIds] }));
    },

    runningEntry(userId: string): ClockifyEntry | undefined {
      const e = store.runningEntry(userId);
      return e ? { ...e, tagIds: [...e.tagIds] } : undefined;
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
    /** Next `n` matching requests answer 500 (or `status`/`body`) with Clockify's error body. */
    failNext(n = 1, opts: FailOptions = {}): void {
      faults.failNext(n, opts);
    },
    dropNext(n = 1, match: RequestMatch = {}): void {
      faults.dropNext(n, match);
    },
    commitThenDropNext(n = 1, match: RequestMatch = {}): void {
      faults.commitThenDropNext(n, match);
    },
    /** `'drop'`: every connection is destroyed; `'unavailable'`: every request answers 503. */
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
      store = new ClockifyStore();
      api = new ClockifyApi(store);
      faults.clear();
      log.clear();
      hits.clear();
      resetHosts();
    },
  };
  return emulator satisfies Emulator;
}

export type ClockifyEmulator = ReturnType<typeof createClockifyEmulator>;
