/** In-memory Clockify data: users, keys, workspaces, projects, tasks, tags, time entries. */

export interface ClockifyUserSettings {
  weekStart: string;
  timeZone: string;
  timeFormat: string;
  dateFormat: string;
  [key: string]: unknown;
}

export interface ClockifyUser {
  id: string;
  email: string;
  name: string;
  status: 'ACTIVE';
  profilePicture: string;
  activeWorkspace: string;
  defaultWorkspace: string;
  settings: ClockifyUserSettings;
  /** When set, this user's keys work only through this host (regional / self-hosted data). */
  homeHost?: string;
}

/** The body Clockify answers for a workspace the user may not use (locked, 2FA, expired…). */
export interface BlockedAnswer {
  status: number;
  message: string;
  code: number;
}

export interface ClockifyWorkspace {
  id: string;
  name: string;
  memberIds: string[];
  /** Members' roles beyond a plain member's, by user id: 'OWNER', 'WORKSPACE_ADMIN' (Clockify's role names). */
  roles: Record<string, string[]>;
  settings: Record<string, unknown>;
  features: string[];
  featureSubscriptionType: string | null;
  blocked?: BlockedAnswer;
}

export interface ClockifyProject {
  id: string;
  workspaceId: string;
  name: string;
  archived: boolean;
  billable: boolean;
  color: string;
  clientId: string;
  clientName: string;
  note: string;
  public: boolean;
}

export interface ClockifyTask {
  id: string;
  projectId: string;
  name: string;
  status: 'ACTIVE' | 'DONE';
  billable: boolean;
}

export interface ClockifyTag {
  id: string;
  workspaceId: string;
  name: string;
  archived: boolean;
}

export interface ClockifyEntry {
  id: string;
  workspaceId: string;
  userId: string;
  description: string;
  projectId: string | null;
  taskId: string | null;
  tagIds: string[];
  billable: boolean;
  /** ISO instants, second precision. `end` null = running. */
  start: string;
  end: string | null;
}

export const DEFAULT_WORKSPACE_SETTINGS: Record<string, unknown> = {
  timeRoundingInReports: false,
  onlyAdminsSeeBillableRates: true,
  onlyAdminsCreateProject: true,
  onlyAdminsSeeDashboard: false,
  defaultBillableProjects: true,
  lockTimeEntries: null,
  lockTimeZone: null,
  round: { round: 'Round to nearest', minutes: '15' },
  projectFavorites: true,
  canSeeTimeSheet: false,
  canSeeTracker: true,
  projectPickerSpecialFilter: false,
  forceProjects: false,
  forceTasks: false,
  forceTags: false,
  forceDescription: false,
  onlyAdminsSeeAllTimeEntries: false,
  onlyAdminsSeePublicProjectsEntries: false,
  trackTimeDownToSecond: true,
  projectGroupingLabel: 'client',
  adminOnlyPages: [],
  automaticLock: null,
  onlyAdminsCreateTag: false,
  onlyAdminsCreateTask: true,
  timeTrackingMode: 'DEFAULT',
  multiFactorEnabled: false,
  isProjectPublicByDefault: true,
};

export class ClockifyStore {
  users = new Map<string, ClockifyUser>();
  keys = new Map<string, { userId: string; revoked: boolean }>();
  workspaces = new Map<string, ClockifyWorkspace>();
  projects = new Map<string, ClockifyProject>();
  tasks = new Map<string, ClockifyTask>();
  tags = new Map<string, ClockifyTag>();
  entries = new Map<string, ClockifyEntry>();
  private seq = 0;
  private keySeq = 0;

  /** Deterministic 24-hex ids shaped like Mongo ObjectIds. */
  nextId(): string {
    this.seq += 1;
    return `65f0c0de${this.seq.toString(16).padStart(16, '0')}`;
  }

  nextKey(): string {
    this.keySeq += 1;
    return Buffer.from(`emulated-clockify-key-${String(this.keySeq).padStart(4, '0')}`).toString('base64');
  }

  runningEntry(userId: string, workspaceId?: string): ClockifyEntry | undefined {
    for (const e of this.entries.values()) {
      if (e.userId === userId && e.end === null && (!workspaceId || e.workspaceId === workspaceId)) return e;
    }
    return undefined;
  }
}

/** `2024-01-02T03:04:05Z` — Clockify's instant format (no milliseconds). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** ISO-8601 duration as Clockify writes it: PT1H2M3S, PT0S. */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (s === 0) return 'PT0S';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec ? `${sec}S` : ''}`;
}

export function serializeUser(u: ClockifyUser, memberships: unknown[] = []): Record<string, unknown> {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    memberships,
    profilePicture: u.profilePicture,
    activeWorkspace: u.activeWorkspace,
    defaultWorkspace: u.defaultWorkspace,
    settings: { ...u.settings },
    status: u.status,
    customFields: [],
  };
}

export function membership(userId: string, targetId: string, type: 'WORKSPACE' | 'PROJECT'): Record<string, unknown> {
  return { userId, hourlyRate: null, costRate: null, targetId, membershipType: type, membershipStatus: 'ACTIVE' };
}

export function serializeWorkspace(w: ClockifyWorkspace): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    hourlyRate: { amount: 0, currency: 'USD' },
    costRate: { amount: 0, currency: 'USD' },
    memberships: w.memberIds.map((id) => membership(id, w.id, 'WORKSPACE')),
    workspaceSettings: { ...DEFAULT_WORKSPACE_SETTINGS, ...w.settings },
    imageUrl: '',
    featureSubscriptionType: w.featureSubscriptionType,
    features: [...w.features],
    currencies: [{ id: `${w.id.slice(0, 16)}c0ffee00`, code: 'USD', isDefault: true }],
    subdomain: { name: null, enabled: false },
  };
}

export function serializeTask(t: ClockifyTask): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    projectId: t.projectId,
    assigneeIds: [],
    assigneeId: null,
    userGroupIds: [],
    estimate: 'PT0S',
    status: t.status,
    budgetEstimate: 0,
    billable: t.billable,
    hourlyRate: null,
    costRate: null,
    duration: 'PT0S',
  };
}

export function serializeProject(p: ClockifyProject, hydratedTasks?: ClockifyTask[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    hourlyRate: null,
    clientId: p.clientId,
    workspaceId: p.workspaceId,
    billable: p.billable,
    memberships: [],
    color: p.color,
    estimate: { estimate: 'PT0S', type: 'AUTO' },
    archived: p.archived,
    duration: 'PT0S',
    clientName: p.clientName,
    note: p.note,
    costRate: null,
    timeEstimate: { estimate: 'PT0S', type: 'AUTO', resetOption: null, active: false, includeNonBillable: true },
    budgetEstimate: null,
    estimateReset: null,
    template: false,
    public: p.public,
  };
  if (hydratedTasks) out.tasks = hydratedTasks.map(serializeTask);
  return out;
}

export function serializeTag(t: ClockifyTag): Record<string, unknown> {
  return { id: t.id, name: t.name, workspaceId: t.workspaceId, archived: t.archived };
}

export function serializeEntry(e: ClockifyEntry, store: ClockifyStore, hydrated = false): Record<string, unknown> {
  const duration = e.end === null ? null : isoDuration((Date.parse(e.end) - Date.parse(e.start)) / 1000);
  const out: Record<string, unknown> = {
    id: e.id,
    description: e.description,
    tagIds: e.tagIds.length ? [...e.tagIds] : null,
    userId: e.userId,
    billable: e.billable,
    taskId: e.taskId,
    projectId: e.projectId,
    workspaceId: e.workspaceId,
    timeInterval: { start: e.start, end: e.end, duration },
    customFieldValues: [],
    type: 'REGULAR',
    kioskId: null,
    hourlyRate: null,
    costRate: null,
    isLocked: false,
  };
  if (hydrated) {
    const project = e.projectId ? store.projects.get(e.projectId) : undefined;
    const task = e.taskId ? store.tasks.get(e.taskId) : undefined;
    out.project = project ? serializeProject(project) : null;
    out.task = task ? serializeTask(task) : null;
    out.tags = e.tagIds.flatMap((id) => {
      const tag = store.tags.get(id);
      return tag ? [serializeTag(tag)] : [];
    });
  }
  return out;
}
