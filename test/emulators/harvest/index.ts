/**
 * A stateful emulator of the Harvest API v2 (api.harvestapp.com) and Harvest ID (id.getharvest.com), written
 * from Harvest's public documentation. See README.md in this folder for what is covered and which choices
 * the docs leave open.
 *
 *   const emu = createHarvestEmulator();
 *   const demo = emu.seedDemo();                  // account + admin user + clients, tasks, projects
 *   server.on('request', (req, res) => emu.handle(req, res));
 *   emu.faults.commitThenDrop(1, { method: 'POST', path: '/v2/time_entries' });
 *   expect(emu.log.count({ method: 'POST', path: '/v2/time_entries' })).toBe(2);
 *
 * Requests are dispatched by Host header (api.harvestapp.com / id.getharvest.com); any other Host (e.g.
 * 127.0.0.1:PORT in a unit test) is dispatched by path: /v2/* → API, everything else (/api/v2/accounts,
 * /oauth2/*, /sessions) → Harvest ID.
 */
import type { Emulator } from '../types';
import { handleApi } from './api';
import { type Clock, createClock } from './clock';
import { Faults, RequestLog } from './faults';
import { type AuthorizeMode, HarvestId, type IssuedToken, OAuthState } from './id';
import { DEFAULT_RATE_LIMIT, type RateLimitConfig, RateLimiter } from './rateLimit';
import {
  type AccountOptions,
  type ProjectOptions,
  type SeededProject,
  type SeededUser,
  Seeder,
  type TimeEntrySeed,
  type UserOptions,
} from './seed';
import { timeEntryJson } from './serialize';
import { type OAuthClient, Store, type Token } from './state';
import { API_HOST, createTransport, ID_HOST, type ProcessResult, type RawRequest } from './transport';

export type { Clock } from './clock';
export type { FaultRule, LoggedRequest, Match } from './faults';
export type { AuthorizeMode, IssuedToken } from './id';
export type { RateLimitConfig } from './rateLimit';
export type { AccountOptions, ProjectOptions, SeededProject, SeededUser, TimeEntrySeed, UserOptions } from './seed';
export type { ProcessResult, RawRequest } from './transport';
export { API_HOST, ID_HOST } from './transport';

export interface HarvestEmulatorOptions {
  /** Default 100 requests / 15 000 ms per token, integer Retry-After. `false` disables the limit. */
  rateLimit?: Partial<RateLimitConfig> | false;
  /** Answer 400 when there is no User-Agent header, as Harvest documents (default true). */
  requireUserAgent?: boolean;
  /** Default and maximum `per_page` (Harvest: 2000). */
  maxPerPage?: number;
  /** `expires_in` of OAuth tokens, seconds (default 1209599 ≈ 14 days). */
  oauthTokenTtlSec?: number;
  /** Where the implicit grant puts the token on the redirect URI (default 'query'). */
  oauthTokenIn?: 'query' | 'fragment';
  /** Origins used in absolute URLs (pagination links). Default: https://<canonical host> when the request
   *  used the canonical Host, else http(s)://<Host header>. */
  origins?: { api?: string; id?: string };
  /** Freeze the clock at this time (default: real time). */
  now?: number | string | Date;
}

export interface DemoSeed extends SeededUser {
  clientIds: { babbage: number; lovelace: number };
  taskIds: { programming: number; design: number; meetings: number };
  /** `archived` is an inactive project (time cannot be tracked to it). */
  projects: { difference: SeededProject; analytical: SeededProject; archived: SeededProject };
}

export interface HarvestEmulator extends Emulator {
  readonly clock: Clock;
  readonly faults: Faults;
  readonly log: RequestLog;
  /** Raw in-memory state, for inspection (prefer the helpers below). */
  readonly store: Store;
  readonly oauth: {
    readonly mode: AuthorizeMode;
    setMode(mode: AuthorizeMode): void;
    /** Where the granted token goes in the redirect: the fragment (default) or the query string. */
    setTokenIn(where: 'query' | 'fragment'): void;
    /** Sign the (single, emulated) browser into Harvest ID as this identity (id or email). */
    signIn(identity: number | string): void;
    signOut(): void;
    /** Pretend the identity already authorized `clientId` for `accountId` (enables silent renewal). */
    grant(identityId: number, clientId: string, accountId: number): void;
    revokeGrant(identityId: number, clientId: string): void;
    addClient(client: { clientId: string; name?: string; redirectUris?: string[] }): OAuthClient;
    readonly issued: readonly IssuedToken[];
    readonly signedInIdentityId: number | null;
  };
  addAccount(o?: AccountOptions): { id: number };
  updateAccount(accountId: number, o: AccountOptions): void;
  addUser(o?: UserOptions): SeededUser;
  addMembership(identityId: number, accountId: number, o?: { admin?: boolean; timezone?: string }): { userId: number };
  addClient(accountId: number, o?: { name?: string; isActive?: boolean; currency?: string }): number;
  addTask(accountId: number, o?: { name?: string; isActive?: boolean; billableByDefault?: boolean }): number;
  addProject(accountId: number, o?: ProjectOptions): SeededProject;
  addProjects(accountId: number, count: number, o?: ProjectOptions & { namePrefix?: string }): SeededProject[];
  addTimeEntry(seed: TimeEntrySeed): number;
  archiveProject(projectId: number, archived?: boolean): void;
  archiveTask(taskId: number, archived?: boolean): void;
  setTaskAssignment(projectId: number, taskId: number, patch: { isActive?: boolean; billable?: boolean }): void;
  assign(userId: number, projectId: number): void;
  unassign(userId: number, projectId: number): void;
  seedDemo(o?: { timestamp?: boolean; clock?: '12h' | '24h'; admin?: boolean }): DemoSeed;
  createToken(identityId: number, o?: { expiresInSec?: number; accountIds?: number[] }): string;
  revokeToken(token: string): void;
  /** Make the token expire right now (next request with it answers 401). */
  expireToken(token: string): void;
  tokenInfo(token: string): Token | undefined;
  setRateLimit(config: Partial<RateLimitConfig> | false): void;
  /** Ms until `token` may send again under the current limit (0 = now). */
  retryAfterMs(token: string): number;
  /** Time entries as the API would render them (all accounts unless filtered), newest first. */
  timeEntries(filter?: { userId?: number; accountId?: number; running?: boolean }): Array<Record<string, unknown>>;
  timeEntry(id: number): Record<string, unknown> | undefined;
  /** Run one request through the emulator without a socket. */
  process(raw: RawRequest): Promise<ProcessResult>;
  /** fetch()-compatible in-process client: a dropped connection rejects with TypeError('fetch failed'). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Wipe state, faults, log, rate-limit windows, OAuth session/grants; clock back to its initial setting. */
  reset(): void;
}

export function createHarvestEmulator(options: HarvestEmulatorOptions = {}): HarvestEmulator {
  const clock = createClock(options.now);
  const store = new Store();
  const seeder = new Seeder(store, clock);
  const faults = new Faults();
  const log = new RequestLog();
  const rateConfig = (c: Partial<RateLimitConfig> | false | undefined): RateLimitConfig | null =>
    c === false ? null : { ...DEFAULT_RATE_LIMIT, ...(c ?? {}) };
  const limiter = new RateLimiter(rateConfig(options.rateLimit));
  const oauthState = new OAuthState(options.oauthTokenIn ?? 'fragment', options.oauthTokenTtlSec ?? 1_209_599);
  const id = new HarvestId(store, clock, oauthState);
  const apiOptions = { requireUserAgent: options.requireUserAgent ?? true, maxPerPage: options.maxPerPage ?? 2000 };
  const state = { store, seeder };

  const transport = createTransport({
    clock,
    faults,
    log,
    origins: options.origins,
    dispatch: (host, req) => (host === 'api' ? handleApi(state.store, clock, limiter, apiOptions, req) : id.handle(req)),
  });

  const mustProject = (projectId: number) => {
    const p = state.store.projects.get(projectId);
    if (!p) throw new Error(`unknown project ${projectId}`);
    return p;
  };

  const emu: HarvestEmulator = {
    hosts: [API_HOST, ID_HOST],
    handle: transport.handle,
    process: transport.process,
    fetch: transport.fetch,
    clock,
    faults,
    log,
    get store() {
      return state.store;
    },
    oauth: {
      get mode() {
        return oauthState.mode;
      },
      setMode: (mode) => {
        oauthState.mode = mode;
      },
      setTokenIn: (where) => {
        oauthState.tokenIn = where;
      },
      signIn(identity) {
        const found =
          typeof identity === 'number'
            ? state.store.identities.get(identity)
            : [...state.store.identities.values()].find((i) => i.email.toLowerCase() === identity.toLowerCase());
        if (!found) throw new Error(`signIn: unknown identity ${identity}`);
        oauthState.sessionIdentityId = found.id;
      },
      signOut: () => {
        oauthState.sessionIdentityId = null;
      },
      grant: (identityId, clientId, accountId) => {
        oauthState.grants.set(`${identityId}:${clientId}`, accountId);
      },
      revokeGrant: (identityId, clientId) => {
        oauthState.grants.delete(`${identityId}:${clientId}`);
      },
      addClient(c) {
        const client: OAuthClient = { clientId: c.clientId, name: c.name ?? 'Stint', redirectUris: c.redirectUris ?? [] };
        state.store.oauthClients.set(client.clientId, client);
        return client;
      },
      get issued() {
        return oauthState.issued;
      },
      get signedInIdentityId() {
        return oauthState.sessionIdentityId;
      },
    },
    addAccount: (o) => ({ id: state.seeder.addAccount(o).id }),
    updateAccount(accountId, o) {
      const account = state.store.accounts.get(accountId);
      if (!account) throw new Error(`unknown account ${accountId}`);
      const { companyExtra, ...rest } = o;
      Object.assign(account, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (companyExtra) account.companyExtra = { ...account.companyExtra, ...companyExtra };
    },
    addUser: (o) => state.seeder.addUser(o),
    addMembership: (identityId, accountId, o) => ({ userId: state.seeder.addMembership(identityId, accountId, o).id }),
    addClient: (accountId, o) => state.seeder.addClient(accountId, o),
    addTask: (accountId, o) => state.seeder.addTask(accountId, o),
    addProject: (accountId, o) => state.seeder.addProject(accountId, o),
    addProjects: (accountId, count, o) => state.seeder.addProjects(accountId, count, o),
    addTimeEntry: (seed) => state.seeder.addTimeEntry(seed).id,
    archiveProject(projectId, archived = true) {
      const p = mustProject(projectId);
      p.isActive = !archived;
      p.updatedAt = clock.now();
    },
    archiveTask(taskId, archived = true) {
      const t = state.store.tasks.get(taskId);
      if (!t) throw new Error(`unknown task ${taskId}`);
      t.isActive = !archived;
    },
    setTaskAssignment(projectId, taskId, patch) {
      const p = mustProject(projectId);
      const ta = p.taskAssignments.find((t) => t.taskId === taskId);
      if (!ta) throw new Error(`task ${taskId} is not assigned to project ${projectId}`);
      if (patch.isActive !== undefined) ta.isActive = patch.isActive;
      if (patch.billable !== undefined) ta.billable = patch.billable;
      ta.updatedAt = p.updatedAt = clock.now();
    },
    assign: (userId, projectId) => void state.store.assign(userId, mustProject(projectId).id, clock.now()),
    unassign(userId, projectId) {
      const ua = state.store.assignment(userId, projectId);
      if (ua) {
        ua.isActive = false;
        ua.updatedAt = clock.now();
      }
    },
    seedDemo(o = {}) {
      const user = state.seeder.addUser({
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: `ada${state.store.identities.size + 1}@example.com`,
        admin: o.admin ?? true,
        account: { name: 'Analytical Engines Ltd', wantsTimestampTimers: o.timestamp ?? false, clock: o.clock ?? '12h' },
      });
      const a = user.accountId;
      const taskIds = {
        programming: state.seeder.addTask(a, { name: 'Programming' }),
        design: state.seeder.addTask(a, { name: 'Design', billableByDefault: false }),
        meetings: state.seeder.addTask(a, { name: 'Meetings', billableByDefault: false }),
      };
      const clientIds = {
        babbage: state.seeder.addClient(a, { name: 'Babbage & Co' }),
        lovelace: state.seeder.addClient(a, { name: 'Lovelace Labs' }),
      };
      const projects = {
        difference: state.seeder.addProject(a, {
          name: 'Difference Engine',
          code: 'DE',
          clientId: clientIds.babbage,
          tasks: [taskIds.programming, taskIds.design],
        }),
        analytical: state.seeder.addProject(a, {
          name: 'Analytical Engine',
          code: 'AE',
          clientId: clientIds.lovelace,
          tasks: [taskIds.programming, taskIds.meetings],
        }),
        archived: state.seeder.addProject(a, {
          name: 'Old Mill',
          code: 'OLD',
          clientId: clientIds.babbage,
          tasks: [taskIds.programming],
          isActive: false,
        }),
      };
      return { ...user, clientIds, taskIds, projects };
    },
    createToken: (identityId, o) => state.seeder.createToken(identityId, o),
    revokeToken(token) {
      const t = state.store.tokens.get(token);
      if (t) t.revoked = true;
    },
    expireToken(token) {
      const t = state.store.tokens.get(token);
      if (t) t.expiresAt = clock.now();
    },
    tokenInfo: (token) => state.store.tokens.get(token),
    setRateLimit(config) {
      limiter.config = rateConfig(config);
      limiter.reset();
    },
    retryAfterMs: (token) => limiter.retryAfterMs(token, clock.now()),
    timeEntries(filter = {}) {
      return [...state.store.timeEntries.values()]
        .filter((e) => filter.userId === undefined || e.userId === filter.userId)
        .filter((e) => filter.accountId === undefined || e.accountId === filter.accountId)
        .filter((e) => filter.running === undefined || (e.timerStartedAt !== null) === filter.running)
        .sort((x, y) => y.id - x.id)
        .map((e) => timeEntryJson(state.store, e, clock.now()));
    },
    timeEntry(entryId) {
      const e = state.store.timeEntries.get(entryId);
      return e ? timeEntryJson(state.store, e, clock.now()) : undefined;
    },
    reset() {
      store.clear();
      state.seeder = new Seeder(store, clock);
      faults.clear();
      log.clear();
      limiter.config = rateConfig(options.rateLimit);
      limiter.reset();
      oauthState.reset();
      if (options.now !== undefined) clock.set(options.now);
      else clock.useRealTime();
    },
  };
  return emu;
}
