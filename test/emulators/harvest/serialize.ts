/**
 * JSON shapes, as documented for Harvest API v2:
 * - time entry object: https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/
 * - user object (GET /v2/users/me): https://help.getharvest.com/api-v2/users-api/users/users/
 * - company object (GET /v2/company): https://help.getharvest.com/api-v2/company-api/company/company/
 * - project assignment object: https://help.getharvest.com/api-v2/users-api/users/project-assignments/
 * Datetimes are ISO 8601 UTC without milliseconds ("2017-12-31T14:59:22Z"), dates "YYYY-MM-DD",
 * times "8:00am" (12h clock) or "08:00" (24h clock).
 */
import type { Account, AccountUser, Identity, Project, Store, TaskAssignment, TimeEntry, UserAssignment } from './state';

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function wallParts(ms: number, timeZone: string): Record<string, string> {
  let fmt = partsCache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsCache.set(timeZone, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** Minutes after local midnight in `timeZone`. */
export function wallMinutes(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  return (Number(p.hour) % 24) * 60 + Number(p.minute);
}

/** Local date "YYYY-MM-DD" in `timeZone`. */
export function wallDate(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Parses "8:00am", "8am", "8:00 PM", "14:59", "08:00" → minutes after midnight, or null. */
export function parseTimeOfDay(input: unknown): number | null {
  if (typeof input !== 'string') return null;
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m?\.?\s*$/i.exec(input) ?? /^\s*(\d{1,2}):(\d{2})\s*$/.exec(input);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return hour * 60 + minute;
}

export function formatTimeOfDay(minutes: number, clock: '12h' | '24h'): string {
  const h = Math.floor(minutes / 60) % 24;
  const mm = String(minutes % 60).padStart(2, '0');
  if (clock === '24h') return `${String(h).padStart(2, '0')}:${mm}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${mm}${h < 12 ? 'am' : 'pm'}`;
}

/** Current hours of an entry, including the running timer. */
export function entryHours(entry: TimeEntry, now: number): number {
  const running = entry.timerStartedAt === null ? 0 : Math.max(0, now - entry.timerStartedAt) / 3_600_000;
  return Math.max(0, entry.hoursWithoutTimer + running);
}

export function roundedHours(hours: number, roundingMinutes: number): number {
  if (roundingMinutes <= 1) return round2(hours);
  const minutes = Math.round(hours * 60 * 1000) / 1000;
  return round2((Math.ceil(minutes / roundingMinutes) * roundingMinutes) / 60);
}

export function userJson(store: Store, user: AccountUser): Record<string, unknown> {
  const identity = store.identities.get(user.identityId) as Identity;
  return {
    id: user.id,
    first_name: identity.firstName,
    last_name: identity.lastName,
    email: identity.email,
    telephone: '',
    timezone: user.timezone,
    weekly_capacity: user.weeklyCapacity,
    has_access_to_all_future_projects: false,
    is_contractor: false,
    is_active: user.isActive,
    calendar_integration_enabled: false,
    calendar_integration_source: null,
    can_create_projects: user.isAdmin,
    default_hourly_rate: null,
    cost_rate: null,
    roles: [],
    access_roles: [user.isAdmin ? 'administrator' : 'member'],
    permissions_claims: user.isAdmin
      ? ['administrator']
      : ['expenses:read:own', 'expenses:write:own', 'timers:read:own', 'timers:write:own'],
    avatar_url: `https://d3s3969qhosaug.cloudfront.net/v2/user.png?u=${user.id}`,
    created_at: iso(user.createdAt),
    updated_at: iso(user.updatedAt),
  };
}

export function companyJson(account: Account): Record<string, unknown> {
  return {
    base_uri: `https://${account.subdomain}.harvestapp.com`,
    full_domain: `${account.subdomain}.harvestapp.com`,
    name: account.name,
    is_active: true,
    week_start_day: account.weekStartDay,
    wants_timestamp_timers: account.wantsTimestampTimers,
    time_format: account.timeFormat,
    date_format: '%m/%d/%Y',
    plan_type: 'simple-v4',
    expense_feature: true,
    invoice_feature: true,
    estimate_feature: true,
    approval_feature: false,
    team_feature: true,
    clock: account.clock,
    currency_code_display: 'iso_code_none',
    currency_symbol_display: 'symbol_before',
    decimal_symbol: '.',
    thousands_separator: ',',
    color_scheme: 'orange',
    weekly_capacity: account.weeklyCapacity,
    saml_sign_in_required: false,
    ...account.companyExtra,
  };
}

function taskAssignmentJson(store: Store, ta: TaskAssignment): Record<string, unknown> {
  const task = store.tasks.get(ta.taskId);
  return {
    id: ta.id,
    billable: ta.billable,
    is_active: ta.isActive && (task?.isActive ?? false),
    created_at: iso(ta.createdAt),
    updated_at: iso(ta.updatedAt),
    hourly_rate: null,
    budget: null,
    task: { id: ta.taskId, name: task?.name ?? '' },
  };
}

export function projectAssignmentJson(store: Store, ua: UserAssignment): Record<string, unknown> {
  const project = store.projects.get(ua.projectId) as Project;
  const client = store.clients.get(project.clientId);
  return {
    id: ua.id,
    is_project_manager: ua.isProjectManager,
    is_active: ua.isActive,
    use_default_rates: true,
    budget: null,
    created_at: iso(ua.createdAt),
    updated_at: iso(Math.max(ua.updatedAt, project.updatedAt)),
    hourly_rate: null,
    project: { id: project.id, name: project.name, code: project.code, is_billable: project.isBillable },
    client: client ? { id: client.id, name: client.name, currency: client.currency } : null,
    task_assignments: project.taskAssignments.map((ta) => taskAssignmentJson(store, ta)),
  };
}

export function timeEntryJson(store: Store, entry: TimeEntry, now: number): Record<string, unknown> {
  const account = store.accounts.get(entry.accountId) as Account;
  const user = store.users.get(entry.userId) as AccountUser;
  const project = store.projects.get(entry.projectId) as Project;
  const client = store.clients.get(project.clientId);
  const task = store.tasks.get(entry.taskId);
  const ta = project.taskAssignments.find((t) => t.taskId === entry.taskId);
  const ua = store.assignment(user.id, project.id);
  const hours = entryHours(entry, now);
  const running = entry.timerStartedAt !== null;
  return {
    id: entry.id,
    spent_date: entry.spentDate,
    hours: round2(hours),
    hours_without_timer: round2(entry.hoursWithoutTimer),
    rounded_hours: roundedHours(hours, account.roundingMinutes),
    notes: entry.notes,
    is_locked: entry.isLocked,
    locked_reason: entry.lockedReason,
    approval_status: 'unsubmitted',
    is_closed: entry.isClosed,
    is_billed: entry.isBilled,
    timer_started_at: running ? iso(entry.timerStartedAt as number) : null,
    started_time: entry.startedMinutes === null ? null : formatTimeOfDay(entry.startedMinutes, account.clock),
    ended_time: entry.endedMinutes === null ? null : formatTimeOfDay(entry.endedMinutes, account.clock),
    is_running: running,
    billable: (ta?.billable ?? false) && project.isBillable,
    budgeted: false,
    billable_rate: null,
    cost_rate: null,
    created_at: iso(entry.createdAt),
    updated_at: iso(entry.updatedAt),
    user: { id: user.id, name: store.identityName(user) },
    client: client ? { id: client.id, name: client.name, currency: client.currency } : null,
    project: { id: project.id, name: project.name, code: project.code },
    task: { id: entry.taskId, name: task?.name ?? '' },
    user_assignment: ua
      ? {
          id: ua.id,
          is_project_manager: ua.isProjectManager,
          is_active: ua.isActive,
          budget: null,
          created_at: iso(ua.createdAt),
          updated_at: iso(ua.updatedAt),
          hourly_rate: null,
        }
      : null,
    task_assignment: ta ? taskAssignmentJson(store, ta) : null,
    invoice: null,
    external_reference: entry.externalReference ? { ...entry.externalReference } : null,
  };
}
