/**
 * Seeding helpers: cheap, synchronous, deterministic. Thousands of projects cost one object each plus their
 * task assignments; nothing is serialized until a request asks for it.
 */
import type { Clock } from './clock';
import { parseTimeOfDay, wallMinutes } from './serialize';
import type { Account, AccountUser, ClockFormat, ExternalReference, Product, Project, Store, TimeEntry } from './state';

export interface AccountOptions {
  name?: string;
  product?: Product;
  subdomain?: string;
  /** true = the account tracks time via start and end time (timestamp timers). Default false (duration). */
  wantsTimestampTimers?: boolean;
  clock?: ClockFormat;
  timeFormat?: 'decimal' | 'hours_minutes';
  weekStartDay?: 'Saturday' | 'Sunday' | 'Monday';
  weeklyCapacity?: number;
  roundingMinutes?: number;
  timezone?: string;
  companyExtra?: Record<string, unknown>;
}

export interface UserOptions {
  firstName?: string;
  lastName?: string;
  email?: string;
  password?: string;
  /** Existing account to join; otherwise a new account is created from `account`. */
  accountId?: number;
  account?: AccountOptions;
  admin?: boolean;
  timezone?: string;
  weeklyCapacity?: number;
  /** Create a personal access token (default true). */
  token?: boolean;
}

export interface SeededUser {
  identityId: number;
  userId: number;
  accountId: number;
  email: string;
  password: string;
  /** Personal access token ('' when `token: false`). */
  token: string;
}

export interface ProjectOptions {
  name?: string;
  code?: string | null;
  clientId?: number;
  clientName?: string;
  isActive?: boolean;
  isBillable?: boolean;
  /** Task ids (or detailed assignments). Default: every active task of the account (two are created if none). */
  tasks?: Array<number | { taskId: number; billable?: boolean; isActive?: boolean }>;
  /** Users assigned to the project. Default 'all' = every active user of the account right now. */
  users?: number[] | 'all';
}

export interface SeededProject {
  id: number;
  clientId: number;
  taskAssignments: Array<{ id: number; taskId: number }>;
}

export interface TimeEntrySeed {
  userId: number;
  projectId: number;
  taskId: number;
  spentDate: string;
  hours?: number;
  notes?: string | null;
  /** Epoch ms: make it a running timer started at this time. */
  timerStartedAt?: number;
  startedTime?: string;
  endedTime?: string;
  isLocked?: boolean;
  lockedReason?: string;
  externalReference?: Partial<ExternalReference> & { id: string };
  createdAt?: number;
  updatedAt?: number;
}

export class Seeder {
  private userSeq = 0;
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  addAccount(o: AccountOptions = {}): Account {
    const id = this.store.nextId('account');
    const account: Account = {
      id,
      name: o.name ?? `Company ${id}`,
      product: o.product ?? 'harvest',
      subdomain: o.subdomain ?? `company${id}`,
      wantsTimestampTimers: o.wantsTimestampTimers ?? false,
      clock: o.clock ?? '12h',
      timeFormat: o.timeFormat ?? 'hours_minutes',
      weekStartDay: o.weekStartDay ?? 'Monday',
      weeklyCapacity: o.weeklyCapacity ?? 126_000,
      roundingMinutes: o.roundingMinutes ?? 0,
      timezone: o.timezone ?? 'UTC',
      companyExtra: o.companyExtra ?? {},
    };
    this.store.accounts.set(id, account);
    return account;
  }

  addUser(o: UserOptions = {}): SeededUser {
    this.userSeq += 1;
    const identityId = this.store.nextId('identity');
    const email = o.email ?? `user${this.userSeq}@example.com`;
    const password = o.password ?? 'password';
    this.store.identities.set(identityId, {
      id: identityId,
      firstName: o.firstName ?? 'User',
      lastName: o.lastName ?? String(this.userSeq),
      email,
      password,
      memberships: new Map(),
    });
    const accountId = o.accountId ?? this.addAccount(o.account).id;
    const user = this.addMembership(identityId, accountId, o);
    const token = o.token === false ? '' : this.createToken(identityId);
    return { identityId, userId: user.id, accountId, email, password, token };
  }

  /** Adds an existing Harvest ID identity to another account (a new account user id there). */
  addMembership(
    identityId: number,
    accountId: number,
    o: { admin?: boolean; timezone?: string; weeklyCapacity?: number } = {},
  ): AccountUser {
    const identity = this.store.identities.get(identityId);
    const account = this.store.accounts.get(accountId);
    if (!identity || !account) throw new Error(`addMembership: unknown identity ${identityId} or account ${accountId}`);
    const now = this.clock.now();
    const user: AccountUser = {
      id: this.store.nextId('user'),
      identityId,
      accountId,
      isAdmin: o.admin ?? false,
      isActive: true,
      timezone: o.timezone ?? account.timezone,
      weeklyCapacity: o.weeklyCapacity ?? account.weeklyCapacity,
      createdAt: now,
      updatedAt: now,
    };
    this.store.users.set(user.id, user);
    identity.memberships.set(accountId, user.id);
    return user;
  }

  createToken(identityId: number, o: { expiresInSec?: number; accountIds?: number[] } = {}): string {
    const now = this.clock.now();
    const value = this.store.nextTokenValue(identityId, 'pat');
    this.store.tokens.set(value, {
      value,
      identityId,
      kind: 'pat',
      accountIds: o.accountIds ?? 'all',
      expiresAt: o.expiresInSec === undefined ? null : now + o.expiresInSec * 1000,
      revoked: false,
      clientId: null,
      createdAt: now,
    });
    return value;
  }

  addClient(accountId: number, o: { name?: string; isActive?: boolean; currency?: string } = {}): number {
    const id = this.store.nextId('client');
    this.store.clients.set(id, {
      id,
      accountId,
      name: o.name ?? `Client ${id}`,
      isActive: o.isActive ?? true,
      currency: o.currency ?? 'USD',
    });
    return id;
  }

  addTask(accountId: number, o: { name?: string; isActive?: boolean; billableByDefault?: boolean } = {}): number {
    const id = this.store.nextId('task');
    this.store.tasks.set(id, {
      id,
      accountId,
      name: o.name ?? `Task ${id}`,
      isActive: o.isActive ?? true,
      billableByDefault: o.billableByDefault ?? true,
    });
    return id;
  }

  private defaultTasks(accountId: number): number[] {
    const ids = [...this.store.tasks.values()].filter((t) => t.accountId === accountId && t.isActive).map((t) => t.id);
    if (ids.length > 0) return ids;
    return [this.addTask(accountId, { name: 'Programming' }), this.addTask(accountId, { name: 'Design', billableByDefault: false })];
  }

  private defaultClient(accountId: number, name?: string): number {
    for (const c of this.store.clients.values()) if (c.accountId === accountId && (name === undefined || c.name === name)) return c.id;
    return this.addClient(accountId, { name: name ?? 'Default Client' });
  }

  addProject(accountId: number, o: ProjectOptions = {}): SeededProject {
    const now = this.clock.now();
    const id = this.store.nextId('project');
    const clientId = o.clientId ?? this.defaultClient(accountId, o.clientName);
    const taskSpecs = (o.tasks ?? this.defaultTasks(accountId)).map((t) => (typeof t === 'number' ? { taskId: t } : t));
    const project: Project = {
      id,
      accountId,
      clientId,
      name: o.name ?? `Project ${id}`,
      code: o.code === undefined ? `P${id}` : o.code,
      isActive: o.isActive ?? true,
      isBillable: o.isBillable ?? true,
      taskAssignments: taskSpecs.map((t) => ({
        id: this.store.nextId('taskAssignment'),
        projectId: id,
        taskId: t.taskId,
        isActive: t.isActive ?? true,
        billable: t.billable ?? this.store.tasks.get(t.taskId)?.billableByDefault ?? true,
        createdAt: now,
        updatedAt: now,
      })),
      createdAt: now,
      updatedAt: now,
    };
    this.store.projects.set(id, project);
    const users =
      o.users === undefined || o.users === 'all'
        ? [...this.store.users.values()].filter((u) => u.accountId === accountId && u.isActive).map((u) => u.id)
        : o.users;
    for (const userId of users) this.store.assign(userId, id, now);
    return { id, clientId, taskAssignments: project.taskAssignments.map((ta) => ({ id: ta.id, taskId: ta.taskId })) };
  }

  /** Many projects at once (e.g. 5000 for a picker benchmark). Names are "<prefix> 1" … "<prefix> n". */
  addProjects(accountId: number, count: number, o: ProjectOptions & { namePrefix?: string } = {}): SeededProject[] {
    const tasks = o.tasks ?? this.defaultTasks(accountId);
    const clientId = o.clientId ?? this.defaultClient(accountId, o.clientName);
    const out: SeededProject[] = [];
    for (let i = 1; i <= count; i++) {
      out.push(
        this.addProject(accountId, {
          ...o,
          tasks,
          clientId,
          name: `${o.namePrefix ?? 'Project'} ${i}`,
          code: o.code === undefined ? `P-${i}` : o.code,
        }),
      );
    }
    return out;
  }

  addTimeEntry(s: TimeEntrySeed): TimeEntry {
    const user = this.store.users.get(s.userId);
    if (!user) throw new Error(`addTimeEntry: unknown user ${s.userId}`);
    const now = this.clock.now();
    const started = s.startedTime === undefined ? null : parseTimeOfDay(s.startedTime);
    const ended = s.endedTime === undefined ? null : parseTimeOfDay(s.endedTime);
    let hours = s.hours ?? 0;
    if (s.hours === undefined && started !== null && ended !== null) hours = (ended - started) / 60;
    const entry: TimeEntry = {
      id: this.store.nextId('timeEntry'),
      accountId: user.accountId,
      userId: user.id,
      projectId: s.projectId,
      taskId: s.taskId,
      spentDate: s.spentDate,
      notes: s.notes ?? null,
      hoursWithoutTimer: hours,
      timerStartedAt: s.timerStartedAt ?? null,
      startedMinutes:
        started ??
        (s.timerStartedAt !== undefined && this.isTimestamp(user.accountId) ? wallMinutes(s.timerStartedAt, user.timezone) : null),
      endedMinutes: s.timerStartedAt !== undefined ? null : ended,
      isLocked: s.isLocked ?? false,
      lockedReason: s.isLocked ? (s.lockedReason ?? 'Item Approved and Locked for this Time Period') : null,
      isClosed: s.isLocked ?? false,
      isBilled: false,
      externalReference: s.externalReference
        ? { group_id: null, account_id: null, permalink: null, service: null, service_icon_url: null, ...s.externalReference }
        : null,
      createdAt: s.createdAt ?? now,
      updatedAt: s.updatedAt ?? s.createdAt ?? now,
    };
    this.store.timeEntries.set(entry.id, entry);
    return entry;
  }

  private isTimestamp(accountId: number): boolean {
    return this.store.accounts.get(accountId)?.wantsTimestampTimers ?? false;
  }
}
