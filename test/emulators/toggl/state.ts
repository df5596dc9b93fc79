/** In-memory Toggl Track data: users, workspaces (with organizations), projects, tasks, tags, entries. */

export interface TogglUser {
  id: number;
  email: string;
  fullname: string;
  password: string;
  api_token: string;
  timezone: string;
  beginning_of_week: number;
  default_workspace_id: number | null;
  createdMs: number;
}

export interface RequiredFields {
  project: boolean;
  task: boolean;
  tag: boolean;
  description: boolean;
}

/** What Toggl answers for a workspace the user may not use. */
export interface TogglBlocked {
  status: number;
  body: string;
}

/** An organisation's subscription, which sets its API quota (limits.ts). */
export type TogglPlan = 'free' | 'starter' | 'premium';

export interface TogglWorkspace {
  id: number;
  organization_id: number;
  name: string;
  plan: TogglPlan;
  memberIds: number[];
  adminIds: number[];
  requiredFields: RequiredFields;
  /** Only the workspace's admins may create tags (`only_admins_may_create_tags`). */
  onlyAdminsMayCreateTags?: boolean;
  blocked?: TogglBlocked;
}

export interface TogglProject {
  id: number;
  workspace_id: number;
  name: string;
  active: boolean;
  billable: boolean;
  color: string;
  client_id: number | null;
  is_private: boolean;
  createdMs: number;
}

export interface TogglTask {
  id: number;
  workspace_id: number;
  project_id: number;
  name: string;
  active: boolean;
  createdMs: number;
}

export interface TogglTag {
  id: number;
  workspace_id: number;
  name: string;
  creator_id: number;
}

export interface TogglEntry {
  id: number;
  workspace_id: number;
  user_id: number;
  project_id: number | null;
  task_id: number | null;
  description: string | null;
  billable: boolean;
  tag_ids: number[];
  startMs: number;
  /** null = running */
  stopMs: number | null;
  created_with: string;
  atMs: number;
  deletedMs: number | null;
}

export class TogglStore {
  users = new Map<number, TogglUser>();
  workspaces = new Map<number, TogglWorkspace>();
  projects = new Map<number, TogglProject>();
  tasks = new Map<number, TogglTask>();
  tags = new Map<number, TogglTag>();
  entries = new Map<number, TogglEntry>();
  private seq = new Map<string, number>();

  /** Deterministic numeric ids, one series per kind (users 1000001…, workspaces 2000001…). */
  nextId(kind: 'user' | 'workspace' | 'organization' | 'project' | 'task' | 'tag' | 'entry'): number {
    const base = {
      user: 1_000_000,
      workspace: 2_000_000,
      organization: 3_000_000,
      project: 4_000_000,
      task: 5_000_000,
      tag: 6_000_000,
      entry: 7_000_000,
    }[kind];
    const n = (this.seq.get(kind) ?? 0) + 1;
    this.seq.set(kind, n);
    return base + n;
  }

  /** Deterministic 32-hex API tokens. */
  nextToken(): string {
    const n = (this.seq.get('token') ?? 0) + 1;
    this.seq.set('token', n);
    return `7f3e9a1c${n.toString(16).padStart(24, '0')}`;
  }

  userByToken(token: string): TogglUser | undefined {
    for (const u of this.users.values()) if (u.api_token === token) return u;
    return undefined;
  }

  running(userId: number): TogglEntry | undefined {
    for (const e of this.entries.values()) if (e.user_id === userId && e.stopMs === null && e.deletedMs === null) return e;
    return undefined;
  }
}

/** Toggl writes `start`/`at` as `…+00:00` and `stop` as `…Z` (both RFC 3339, second precision). */
export const rfc = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
export const rfcZ = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function serializeEntry(e: TogglEntry, store: TogglStore, meta = false): Record<string, unknown> {
  const tags = e.tag_ids.flatMap((id) => {
    const t = store.tags.get(id);
    return t ? [t.name] : [];
  });
  const out: Record<string, unknown> = {
    id: e.id,
    workspace_id: e.workspace_id,
    project_id: e.project_id,
    task_id: e.task_id,
    billable: e.billable,
    start: rfc(e.startMs),
    stop: e.stopMs === null ? null : rfcZ(e.stopMs),
    duration: e.stopMs === null ? -1 : Math.round((e.stopMs - e.startMs) / 1000),
    description: e.description,
    tags: tags.length ? tags : null,
    tag_ids: e.tag_ids.length ? [...e.tag_ids] : null,
    duronly: true,
    at: rfc(e.atMs),
    server_deleted_at: e.deletedMs === null ? null : rfc(e.deletedMs),
    user_id: e.user_id,
    uid: e.user_id,
    wid: e.workspace_id,
    pid: e.project_id,
    tid: e.task_id,
    permissions: null,
  };
  if (meta) {
    const p = e.project_id ? store.projects.get(e.project_id) : undefined;
    const t = e.task_id ? store.tasks.get(e.task_id) : undefined;
    Object.assign(out, {
      project_name: p?.name ?? null,
      project_color: p?.color ?? null,
      project_active: p?.active ?? null,
      project_billable: p?.billable ?? null,
      task_name: t?.name ?? null,
      client_name: null,
      user_name: store.users.get(e.user_id)?.fullname ?? null,
    });
  }
  return out;
}

export function serializeProject(p: TogglProject): Record<string, unknown> {
  return {
    id: p.id,
    workspace_id: p.workspace_id,
    client_id: p.client_id,
    name: p.name,
    is_private: p.is_private,
    active: p.active,
    at: rfc(p.createdMs),
    created_at: rfc(p.createdMs),
    server_deleted_at: null,
    color: p.color,
    billable: p.billable,
    template: false,
    auto_estimates: null,
    estimated_hours: null,
    estimated_seconds: null,
    rate: null,
    rate_last_updated: null,
    currency: null,
    recurring: false,
    fixed_fee: null,
    actual_hours: 0,
    actual_seconds: 0,
    can_track_time: true,
    status: p.active ? 'active' : 'archived',
    pinned: false,
    wid: p.workspace_id,
    cid: p.client_id,
  };
}

export function serializeTask(t: TogglTask): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    workspace_id: t.workspace_id,
    project_id: t.project_id,
    user_id: null,
    recurring: false,
    active: t.active,
    at: rfc(t.createdMs),
    server_deleted_at: null,
    estimated_seconds: null,
    tracked_seconds: 0,
    permissions: null,
  };
}

export function serializeTag(t: TogglTag): Record<string, unknown> {
  return {
    id: t.id,
    workspace_id: t.workspace_id,
    name: t.name,
    at: rfc(0),
    deleted_at: null,
    creator_id: t.creator_id,
    permissions: null,
  };
}

export function serializeWorkspace(w: TogglWorkspace, userId: number, store: TogglStore): Record<string, unknown> {
  const admin = w.adminIds.includes(userId);
  const rf = w.requiredFields;
  return {
    id: w.id,
    organization_id: w.organization_id,
    name: w.name,
    // "Workspace on Starter subscription" / "Workspace on Premium subscription" (the API's own descriptions).
    premium: w.plan !== 'free',
    business_ws: w.plan === 'premium',
    admin,
    role: admin ? 'admin' : 'user',
    suspended_at: null,
    server_deleted_at: null,
    default_hourly_rate: null,
    rate_last_updated: null,
    default_currency: 'USD',
    only_admins_may_create_projects: false,
    only_admins_may_create_tags: w.onlyAdminsMayCreateTags === true,
    only_admins_see_billable_rates: false,
    only_admins_see_team_dashboard: false,
    projects_billable_by_default: true,
    projects_private_by_default: true,
    reports_collapse: true,
    rounding: 1,
    rounding_minutes: 0,
    at: rfc(0),
    logo_url: 'https://assets.track.toggl.com/images/workspace.jpg',
    ical_url: '',
    ical_enabled: false,
    csv_upload: null,
    subscription: null,
    hide_start_end_times: false,
    working_hours_in_minutes: null,
    active_project_count: [...store.projects.values()].filter((p) => p.workspace_id === w.id && p.active).length,
    te_constraints: {
      description_present: rf.description,
      project_present: rf.project,
      tag_present: rf.tag,
      task_present: rf.task,
      time_entry_constraints_enabled: rf.description || rf.project || rf.tag || rf.task,
    },
    permissions: null,
  };
}

export function serializeMe(u: TogglUser): Record<string, unknown> {
  return {
    id: u.id,
    api_token: u.api_token,
    email: u.email,
    fullname: u.fullname,
    timezone: u.timezone,
    default_workspace_id: u.default_workspace_id,
    beginning_of_week: u.beginning_of_week,
    image_url: 'https://assets.track.toggl.com/images/profile.png',
    created_at: rfc(u.createdMs),
    updated_at: rfc(u.createdMs),
    openid_email: null,
    openid_enabled: false,
    country_id: null,
    has_password: true,
    at: rfc(u.createdMs),
    intercom_hash: null,
    oauth_providers: [],
    authorization_updated_at: rfc(u.createdMs),
  };
}
