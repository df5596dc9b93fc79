/**
 * The emulator's in-memory data: Harvest ID identities, accounts, per-account users, clients, tasks,
 * projects with their task and user assignments, time entries and tokens. Plain maps with deterministic,
 * incrementing ids. Each kind of record has its own id range so a test that mixes up, say, a project id and a
 * task id gets a 404/422 instead of a silent match.
 */

export type Product = 'harvest' | 'forecast';
export type ClockFormat = '12h' | '24h';

export interface Account {
  id: number;
  name: string;
  product: Product;
  subdomain: string;
  wantsTimestampTimers: boolean;
  clock: ClockFormat;
  timeFormat: 'decimal' | 'hours_minutes';
  weekStartDay: 'Saturday' | 'Sunday' | 'Monday';
  /** Seconds, as in Harvest's `weekly_capacity`. */
  weeklyCapacity: number;
  /** "Round up to the next N minutes" for `rounded_hours`; 0 = no rounding. */
  roundingMinutes: number;
  /** IANA zone used for users created in this account unless they set their own. */
  timezone: string;
  /** Extra fields merged into GET /v2/company (override anything). */
  companyExtra: Record<string, unknown>;
}

export interface Identity {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  /** accountId → account user id */
  memberships: Map<number, number>;
}

export interface AccountUser {
  id: number;
  identityId: number;
  accountId: number;
  isAdmin: boolean;
  isActive: boolean;
  /** IANA zone; used to compute started/ended times on timestamp accounts. */
  timezone: string;
  weeklyCapacity: number;
  createdAt: number;
  updatedAt: number;
}

export interface Token {
  value: string;
  identityId: number;
  kind: 'pat' | 'oauth';
  /** Account ids this token may use; 'all' for personal access tokens. */
  accountIds: number[] | 'all';
  expiresAt: number | null;
  revoked: boolean;
  clientId: string | null;
  createdAt: number;
}

export interface Client {
  id: number;
  accountId: number;
  name: string;
  isActive: boolean;
  currency: string;
}

export interface Task {
  id: number;
  accountId: number;
  name: string;
  isActive: boolean;
  billableByDefault: boolean;
}

export interface TaskAssignment {
  id: number;
  projectId: number;
  taskId: number;
  isActive: boolean;
  billable: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Project {
  id: number;
  accountId: number;
  clientId: number;
  name: string;
  code: string | null;
  isActive: boolean;
  isBillable: boolean;
  taskAssignments: TaskAssignment[];
  createdAt: number;
  updatedAt: number;
}

export interface UserAssignment {
  id: number;
  projectId: number;
  userId: number;
  isActive: boolean;
  isProjectManager: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ExternalReference {
  id: string;
  group_id: string | null;
  account_id: string | null;
  permalink: string | null;
  service: string | null;
  service_icon_url: string | null;
}

export interface TimeEntry {
  id: number;
  accountId: number;
  userId: number;
  projectId: number;
  taskId: number;
  spentDate: string;
  notes: string | null;
  /** Hours tracked before the timer was last started (all hours when stopped). */
  hoursWithoutTimer: number;
  /** Epoch ms when the running timer started; null when stopped. */
  timerStartedAt: number | null;
  /** Minutes after midnight (timestamp accounts only). */
  startedMinutes: number | null;
  endedMinutes: number | null;
  isLocked: boolean;
  lockedReason: string | null;
  isClosed: boolean;
  isBilled: boolean;
  externalReference: ExternalReference | null;
  createdAt: number;
  updatedAt: number;
}

export interface OAuthClient {
  clientId: string;
  name: string;
  /** Allowed redirect URIs (exact match); empty = any redirect_uri is accepted. */
  redirectUris: string[];
}

const ID_BASES = {
  account: 1_000_001,
  identity: 2_000_001,
  user: 3_000_001,
  client: 4_000_001,
  project: 5_000_001,
  task: 6_000_001,
  taskAssignment: 7_000_001,
  userAssignment: 8_000_001,
  timeEntry: 900_000_001,
} as const;

export type IdKind = keyof typeof ID_BASES;

export class Store {
  accounts = new Map<number, Account>();
  identities = new Map<number, Identity>();
  users = new Map<number, AccountUser>();
  clients = new Map<number, Client>();
  tasks = new Map<number, Task>();
  projects = new Map<number, Project>();
  userAssignments = new Map<number, UserAssignment>();
  /** user id → that user's assignments, in creation order (cheap listing with thousands of projects). */
  assignmentsByUser = new Map<number, UserAssignment[]>();
  /** `${userId}:${projectId}` → assignment (active or not). */
  assignmentIndex = new Map<string, UserAssignment>();
  timeEntries = new Map<number, TimeEntry>();
  tokens = new Map<string, Token>();
  oauthClients = new Map<string, OAuthClient>();
  private counters = new Map<IdKind, number>();
  private tokenSeq = 0;

  /** Back to empty, ids restarting from their bases. */
  clear(): void {
    Object.assign(this, new Store());
  }

  nextId(kind: IdKind): number {
    const next = this.counters.get(kind) ?? ID_BASES[kind];
    this.counters.set(kind, next + 1);
    return next;
  }

  /** Deterministic token text in Harvest's style: `<identity>.<pt|at>.<40 url-safe chars>`. */
  nextTokenValue(identityId: number, kind: 'pat' | 'oauth'): string {
    this.tokenSeq += 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let x = (this.tokenSeq * 2_654_435_761 + identityId) >>> 0;
    let out = '';
    for (let i = 0; i < 40; i++) {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      out += alphabet[(x >>> 10) & 63];
    }
    return `${identityId}.${kind === 'pat' ? 'pt' : 'at'}.${out}`;
  }

  userInAccount(identityId: number, accountId: number): AccountUser | undefined {
    const userId = this.identities.get(identityId)?.memberships.get(accountId);
    return userId === undefined ? undefined : this.users.get(userId);
  }

  identityName(user: AccountUser): string {
    const identity = this.identities.get(user.identityId);
    return identity ? `${identity.firstName} ${identity.lastName}` : '';
  }

  assignment(userId: number, projectId: number): UserAssignment | undefined {
    return this.assignmentIndex.get(`${userId}:${projectId}`);
  }

  activeAssignment(userId: number, projectId: number): UserAssignment | undefined {
    const a = this.assignment(userId, projectId);
    return a?.isActive ? a : undefined;
  }

  assign(userId: number, projectId: number, now: number, isProjectManager = false): UserAssignment {
    const existing = this.assignment(userId, projectId);
    if (existing) {
      existing.isActive = true;
      existing.updatedAt = now;
      return existing;
    }
    const assignment: UserAssignment = {
      id: this.nextId('userAssignment'),
      projectId,
      userId,
      isActive: true,
      isProjectManager,
      createdAt: now,
      updatedAt: now,
    };
    this.userAssignments.set(assignment.id, assignment);
    this.assignmentIndex.set(`${userId}:${projectId}`, assignment);
    const list = this.assignmentsByUser.get(userId) ?? [];
    list.push(assignment);
    this.assignmentsByUser.set(userId, list);
    return assignment;
  }

  runningEntries(accountId: number, userId: number): TimeEntry[] {
    const out: TimeEntry[] = [];
    for (const entry of this.timeEntries.values()) {
      if (entry.accountId === accountId && entry.userId === userId && entry.timerStartedAt !== null) out.push(entry);
    }
    return out;
  }
}
