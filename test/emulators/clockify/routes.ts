import type { IncomingHttpHeaders } from 'node:http';
import { boolParam, type Reply } from '../kit';
import {
  type ClockifyEntry,
  type ClockifyStore,
  type ClockifyUser,
  type ClockifyWorkspace,
  DEFAULT_WORKSPACE_SETTINGS,
  isoSeconds,
  membership,
  serializeEntry,
  serializeProject,
  serializeTag,
  serializeTask,
  serializeUser,
  serializeWorkspace,
} from './state';

export interface ApiRequest {
  method: string;
  host: string;
  /** Path below the base URL's `/api`, e.g. `/v1/user`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  now: number;
}

/** Clockify's error body: `{"message": "...", "code": N}`. */
export const err = (status: number, message: string, code: number): Reply => ({ status, json: { message, code } });
const ok = (json: unknown, status = 200): Reply => ({ status, json });

export const MESSAGES = {
  noAuth: 'Full authentication is required to access this resource',
  badKey: 'Api key does not exist',
  accessDenied: 'Access Denied',
  entryNotInWorkspace: "Time entry doesn't belong to Workspace",
  projectNotInWorkspace: "Project doesn't belong to Workspace",
  taskNotInProject: "Task doesn't belong to Project",
  tagNotInWorkspace: "Tag doesn't belong to Workspace",
  tagExists: 'Tag with that name already exists',
  tagName: 'Tag name must be between 1 and 100 characters',
  pageSize: 'Page size cannot be larger than 5,000.',
  notFound: 'Nothing was found',
  requiredProject: 'Project is required',
  requiredTask: 'Task is required',
  requiredDescription: 'Description is required',
  requiredTags: 'Tags are required',
  endBeforeStart: 'End date must be after start date',
  badBody: 'Malformed JSON request',
  missingBody: 'Required request body is missing',
} as const;

type Handler = (req: ApiRequest, user: ClockifyUser, params: string[]) => Reply;
interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

export class ClockifyApi {
  private readonly routes: Route[];

  constructor(private readonly store: ClockifyStore) {
    const ws = '([^/]+)';
    this.routes = [
      { pattern: /^\/v1\/user$/, methods: { GET: (r, u) => this.getUser(r, u) } },
      { pattern: /^\/v1\/workspaces$/, methods: { GET: (r, u) => this.listWorkspaces(r, u) } },
      { pattern: new RegExp(`^/v1/workspaces/${ws}$`), methods: { GET: (_r, u, p) => this.getWorkspace(u, p) } },
      { pattern: new RegExp(`^/v1/workspaces/${ws}/projects$`), methods: { GET: (r, u, p) => this.listProjects(r, u, p) } },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/projects/${ws}$`),
        methods: { GET: (r, u, p) => this.getProject(r, u, p) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/projects/${ws}/tasks$`),
        methods: { GET: (r, u, p) => this.listTasks(r, u, p) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/tags$`),
        methods: { GET: (r, u, p) => this.listTags(r, u, p), POST: (r, u, p) => this.createTag(r, u, p) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/time-entries$`),
        methods: { POST: (r, u, p) => this.createEntry(r, u, p) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/time-entries/status/in-progress$`),
        methods: { GET: (r, u, p) => this.inProgress(r, u, p) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/time-entries/${ws}$`),
        methods: {
          GET: (r, u, p) => this.withEntry(u, p, (e) => ok(serializeEntry(e, this.store, boolParam(r.query.get('hydrated')) === true))),
          PUT: (r, u, p) => this.withEntry(u, p, (e, w) => this.updateEntry(r, e, w)),
          DELETE: (_r, u, p) => this.withEntry(u, p, (e) => this.deleteEntry(e)),
        },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/user/${ws}/time-entries$`),
        methods: { GET: (r, u, p) => this.listUserEntries(r, u, p), PATCH: (r, u, p) => this.stopRunning(r, u, p) },
      },
    ];
  }

  /** Routes an authenticated request. */
  dispatch(req: ApiRequest, user: ClockifyUser): Reply {
    for (const route of this.routes) {
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      const handler = route.methods[req.method];
      if (!handler) return err(405, `Request method '${req.method}' is not supported`, 3000);
      return handler(req, user, m.slice(1).map(decodeURIComponent));
    }
    return err(404, MESSAGES.notFound, 404);
  }

  private getUser(req: ApiRequest, user: ClockifyUser): Reply {
    const withMemberships = boolParam(req.query.get('include-memberships')) === true;
    const memberships = withMemberships
      ? [...this.store.workspaces.values()].filter((w) => w.memberIds.includes(user.id)).map((w) => membership(user.id, w.id, 'WORKSPACE'))
      : [];
    return ok(serializeUser(user, memberships));
  }

  /**
   * GET /workspaces[?roles=…]: the user's workspaces; `roles` (repeated or comma-separated: WORKSPACE_ADMIN, OWNER,
   * TEAM_MANAGER, PROJECT_MANAGER) keeps those where the user has any of them (an owner is not counted as an admin).
   */
  private listWorkspaces(req: ApiRequest, user: ClockifyUser): Reply {
    const roles = req.query
      .getAll('roles')
      .flatMap((r) => r.split(','))
      .filter(Boolean);
    const mine = [...this.store.workspaces.values()].filter(
      (w) => w.memberIds.includes(user.id) && (roles.length === 0 || (w.roles[user.id] ?? []).some((r) => roles.includes(r))),
    );
    return ok(mine.map(serializeWorkspace));
  }

  /** Resolves a workspace the user may use, or the answer Clockify gives when they may not. */
  private workspace(user: ClockifyUser, id: string | undefined): ClockifyWorkspace | Reply {
    const w = id ? this.store.workspaces.get(id) : undefined;
    if (!w?.memberIds.includes(user.id)) return err(403, MESSAGES.accessDenied, 501);
    if (w.blocked) return err(w.blocked.status, w.blocked.message, w.blocked.code);
    return w;
  }

  private getWorkspace(user: ClockifyUser, [wsId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    return 'status' in w ? w : ok(serializeWorkspace(w));
  }

  /** Clockify pagination: `page` (1-based, values < 1 read as 1) and `page-size` (default 50, max 5000). */
  private page<T>(req: ApiRequest, items: T[]): T[] | Reply {
    const rawSize = req.query.get('page-size');
    const size = rawSize === null ? 50 : Number(rawSize);
    if (!Number.isInteger(size)) {
      return err(400, `Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "${rawSize}"`, 501);
    }
    if (size > 5000) return err(400, MESSAGES.pageSize, 501);
    const page = Math.max(1, Math.trunc(Number(req.query.get('page') ?? '1')) || 1);
    const per = Math.max(1, size);
    return items.slice((page - 1) * per, page * per);
  }

  private nameFilter<T extends { name: string }>(req: ApiRequest, items: T[]): T[] {
    const name = req.query.get('name');
    if (!name) return items;
    const strict = boolParam(req.query.get('strict-name-search')) === true;
    const needle = name.toLowerCase();
    return items.filter((i) => (strict ? i.name === name : i.name.toLowerCase().includes(needle)));
  }

  private listProjects(req: ApiRequest, user: ClockifyUser, [wsId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    let items = [...this.store.projects.values()].filter((p) => p.workspaceId === w.id);
    const archived = boolParam(req.query.get('archived'));
    if (archived !== undefined) items = items.filter((p) => p.archived === archived);
    const billable = boolParam(req.query.get('billable'));
    if (billable !== undefined) items = items.filter((p) => p.billable === billable);
    items = this.nameFilter(req, items).sort((a, b) => a.name.localeCompare(b.name));
    const page = this.page(req, items);
    if (!Array.isArray(page)) return page;
    const hydrated = boolParam(req.query.get('hydrated')) === true;
    return ok(page.map((p) => serializeProject(p, hydrated ? this.tasksOf(p.id) : undefined)));
  }

  private getProject(req: ApiRequest, user: ClockifyUser, [wsId, projectId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const p = projectId ? this.store.projects.get(projectId) : undefined;
    if (!p || p.workspaceId !== w.id) return err(400, MESSAGES.projectNotInWorkspace, 501);
    const hydrated = boolParam(req.query.get('hydrated')) === true;
    return ok(serializeProject(p, hydrated ? this.tasksOf(p.id) : undefined));
  }

  private tasksOf(projectId: string) {
    return [...this.store.tasks.values()].filter((t) => t.projectId === projectId);
  }

  private listTasks(req: ApiRequest, user: ClockifyUser, [wsId, projectId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const p = projectId ? this.store.projects.get(projectId) : undefined;
    if (!p || p.workspaceId !== w.id) return err(400, MESSAGES.projectNotInWorkspace, 501);
    let items = this.tasksOf(p.id);
    const active = boolParam(req.query.get('is-active'));
    if (active !== undefined) items = items.filter((t) => (t.status === 'ACTIVE') === active);
    items = this.nameFilter(req, items).sort((a, b) => a.name.localeCompare(b.name));
    const page = this.page(req, items);
    return Array.isArray(page) ? ok(page.map(serializeTask)) : page;
  }

  private listTags(req: ApiRequest, user: ClockifyUser, [wsId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    let items = [...this.store.tags.values()].filter((t) => t.workspaceId === w.id);
    const archived = boolParam(req.query.get('archived'));
    if (archived !== undefined) items = items.filter((t) => t.archived === archived);
    const excluded = new Set(req.query.getAll('excluded-ids'));
    items = this.nameFilter(req, items)
      .filter((t) => !excluded.has(t.id))
      .sort((a, b) => a.name.localeCompare(b.name));
    const page = this.page(req, items);
    return Array.isArray(page) ? ok(page.map(serializeTag)) : page;
  }

  /** POST /workspaces/{id}/tags `{ name }`: refused to plain members when only admins may create tags (admins and the owner may). */
  private createTag(req: ApiRequest, user: ClockifyUser, [wsId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const parsed = this.parseBody(req);
    if ('reply' in parsed) return parsed.reply;
    const settings = { ...DEFAULT_WORKSPACE_SETTINGS, ...w.settings };
    const admin = (w.roles[user.id] ?? []).some((r) => r === 'WORKSPACE_ADMIN' || r === 'OWNER');
    if (settings.onlyAdminsCreateTag === true && !admin) return err(403, MESSAGES.accessDenied, 1000);
    const name = typeof parsed.body.name === 'string' ? parsed.body.name.trim() : '';
    if (!name || name.length > 100) return err(400, MESSAGES.tagName, 501);
    const taken = [...this.store.tags.values()].some((t) => t.workspaceId === w.id && t.name.toLowerCase() === name.toLowerCase());
    if (taken) return err(400, MESSAGES.tagExists, 501);
    const tag = { id: this.store.nextId(), workspaceId: w.id, name, archived: false };
    this.store.tags.set(tag.id, tag);
    return ok(serializeTag(tag), 201);
  }

  private parseBody(req: ApiRequest): { body: Record<string, unknown> } | { reply: Reply } {
    if (req.body.trim() === '') return { reply: err(400, MESSAGES.missingBody, 501) };
    try {
      const parsed: unknown = JSON.parse(req.body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
    } catch {
      // fall through
    }
    return { reply: err(400, MESSAGES.badBody, 501) };
  }

  private instant(value: unknown, label: string): number | Reply | null {
    if (value === undefined || value === null) return null;
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? err(400, `Invalid ${label} date: ${String(value)}`, 501) : ms;
  }

  /** Validates and normalises the writable fields of a time entry. */
  private entryFields(
    body: Record<string, unknown>,
    w: ClockifyWorkspace,
  ): Pick<ClockifyEntry, 'description' | 'projectId' | 'taskId' | 'tagIds' | 'billable'> | Reply {
    const projectId = typeof body.projectId === 'string' && body.projectId ? body.projectId : null;
    const taskId = typeof body.taskId === 'string' && body.taskId ? body.taskId : null;
    const tagIds = Array.isArray(body.tagIds) ? body.tagIds.filter((t): t is string => typeof t === 'string') : [];
    if (projectId) {
      const p = this.store.projects.get(projectId);
      if (!p || p.workspaceId !== w.id) return err(400, MESSAGES.projectNotInWorkspace, 501);
    }
    if (taskId) {
      const t = this.store.tasks.get(taskId);
      if (!t || t.projectId !== projectId) return err(400, MESSAGES.taskNotInProject, 501);
    }
    for (const id of tagIds) {
      const tag = this.store.tags.get(id);
      if (!tag || tag.workspaceId !== w.id) return err(400, MESSAGES.tagNotInWorkspace, 501);
    }
    const description = typeof body.description === 'string' ? body.description : '';
    // Billable left out: the project's (a non-billable task narrows it), as Clockify fills it.
    const project = projectId ? this.store.projects.get(projectId) : undefined;
    const task = taskId ? this.store.tasks.get(taskId) : undefined;
    const billable = typeof body.billable === 'boolean' ? body.billable : (project?.billable ?? false) && task?.billable !== false;
    return { description, projectId, taskId, tagIds, billable };
  }

  /** The workspace's required fields, checked when an entry is (or becomes) complete. */
  private requiredFieldsError(
    e: Pick<ClockifyEntry, 'description' | 'projectId' | 'taskId' | 'tagIds'>,
    w: ClockifyWorkspace,
  ): Reply | undefined {
    const s = { ...DEFAULT_WORKSPACE_SETTINGS, ...w.settings };
    if ((s.forceProjects || s.forceTasks) && !e.projectId) return err(400, MESSAGES.requiredProject, 501);
    if (s.forceTasks && !e.taskId) return err(400, MESSAGES.requiredTask, 501);
    if (s.forceDescription && !e.description.trim()) return err(400, MESSAGES.requiredDescription, 501);
    if (s.forceTags && e.tagIds.length === 0) return err(400, MESSAGES.requiredTags, 501);
    return undefined;
  }

  private createEntry(req: ApiRequest, user: ClockifyUser, [wsId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const parsed = this.parseBody(req);
    if ('reply' in parsed) return parsed.reply;
    const b = parsed.body;
    const fields = this.entryFields(b, w);
    if ('status' in fields) return fields;
    const start = this.instant(b.start, 'start');
    const end = this.instant(b.end, 'end');
    if (typeof start === 'object' && start !== null) return start;
    if (typeof end === 'object' && end !== null) return end;
    const startMs = start ?? req.now;
    if (end !== null && end < startMs) return err(400, MESSAGES.endBeforeStart, 501);
    if (end !== null) {
      const missing = this.requiredFieldsError(fields, w);
      if (missing) return missing;
    }
    if (end === null) {
      // Starting a timer stops the one already running (at the new entry's start).
      const running = this.store.runningEntry(user.id);
      if (running) running.end = isoSeconds(Math.max(Date.parse(running.start), startMs));
    }
    const entry: ClockifyEntry = {
      id: this.store.nextId(),
      workspaceId: w.id,
      userId: user.id,
      ...fields,
      start: isoSeconds(startMs),
      end: end === null ? null : isoSeconds(end),
    };
    this.store.entries.set(entry.id, entry);
    return ok(serializeEntry(entry, this.store), 201);
  }

  private withEntry(user: ClockifyUser, [wsId, id]: string[], fn: (e: ClockifyEntry, w: ClockifyWorkspace) => Reply): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const e = id ? this.store.entries.get(id) : undefined;
    if (!e || e.workspaceId !== w.id || e.userId !== user.id) return err(400, MESSAGES.entryNotInWorkspace, 501);
    return fn(e, w);
  }

  private updateEntry(req: ApiRequest, e: ClockifyEntry, w: ClockifyWorkspace): Reply {
    const parsed = this.parseBody(req);
    if ('reply' in parsed) return parsed.reply;
    const b = parsed.body;
    const fields = this.entryFields(b, w);
    if ('status' in fields) return fields;
    const start = this.instant(b.start, 'start');
    if (start === null) return err(400, 'start: must not be null', 501);
    if (typeof start === 'object') return start;
    const end = this.instant(b.end, 'end');
    if (typeof end === 'object' && end !== null) return end;
    if (end !== null && end < start) return err(400, MESSAGES.endBeforeStart, 501);
    if (end !== null) {
      const missing = this.requiredFieldsError(fields, w);
      if (missing) return missing;
    }
    Object.assign(e, fields, { start: isoSeconds(start), end: end === null ? null : isoSeconds(end) });
    return ok(serializeEntry(e, this.store));
  }

  private deleteEntry(e: ClockifyEntry): Reply {
    this.store.entries.delete(e.id);
    return { status: 204 };
  }

  private inProgress(req: ApiRequest, user: ClockifyUser, [wsId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const items = [...this.store.entries.values()].filter((e) => e.workspaceId === w.id && e.end === null);
    const page = this.page(req, items);
    return Array.isArray(page) ? ok(page.map((e) => serializeEntry(e, this.store))) : page;
  }

  private listUserEntries(req: ApiRequest, user: ClockifyUser, [wsId, userId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    if (userId !== user.id) return err(403, MESSAGES.accessDenied, 501);
    const q = req.query;
    let items = [...this.store.entries.values()].filter((e) => e.workspaceId === w.id && e.userId === user.id);
    const inProgress = boolParam(q.get('in-progress'));
    if (inProgress !== undefined) items = items.filter((e) => (e.end === null) === inProgress);
    const start = q.get('start') ? Date.parse(q.get('start') as string) : Number.NaN;
    const end = q.get('end') ? Date.parse(q.get('end') as string) : Number.NaN;
    if (!Number.isNaN(start)) items = items.filter((e) => Date.parse(e.start) >= start);
    if (!Number.isNaN(end)) items = items.filter((e) => Date.parse(e.start) <= end);
    const description = q.get('description')?.toLowerCase();
    if (description) items = items.filter((e) => e.description.toLowerCase().includes(description));
    const project = q.get('project');
    if (project) items = items.filter((e) => e.projectId === project);
    const task = q.get('task');
    if (task) items = items.filter((e) => e.taskId === task);
    const tags = q.getAll('tags');
    if (tags.length) items = items.filter((e) => e.tagIds.some((t) => tags.includes(t)));
    if (boolParam(q.get('project-required')) === true) items = items.filter((e) => e.projectId);
    if (boolParam(q.get('task-required')) === true) items = items.filter((e) => e.taskId);
    items.sort((a, b) => Date.parse(b.start) - Date.parse(a.start) || b.id.localeCompare(a.id));
    const page = this.page(req, items);
    const hydrated = boolParam(q.get('hydrated')) === true;
    return Array.isArray(page) ? ok(page.map((e) => serializeEntry(e, this.store, hydrated))) : page;
  }

  private stopRunning(req: ApiRequest, user: ClockifyUser, [wsId, userId]: string[]): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    if (userId !== user.id) return err(403, MESSAGES.accessDenied, 501);
    const parsed = this.parseBody(req);
    if ('reply' in parsed) return parsed.reply;
    const end = this.instant(parsed.body.end, 'end');
    if (end === null) return err(400, 'end: must not be null', 501);
    if (typeof end === 'object') return end;
    const running = this.store.runningEntry(user.id, w.id);
    if (!running) return err(404, MESSAGES.notFound, 404);
    if (end < Date.parse(running.start)) return err(400, MESSAGES.endBeforeStart, 501);
    const missing = this.requiredFieldsError(running, w);
    if (missing) return missing;
    running.end = isoSeconds(end);
    return ok(serializeEntry(running, this.store));
  }
}
