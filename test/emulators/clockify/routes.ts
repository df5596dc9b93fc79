import { boolParam, type Reply } from '../kit';
import { createEntry, createTag, deleteEntry, stopRunning, updateEntry } from './entries';
import { type ApiRequest, err, MESSAGES, ok } from './messages';
import {
  type ClockifyEntry,
  type ClockifyStore,
  type ClockifyUser,
  type ClockifyWorkspace,
  membership,
  serializeEntry,
  serializeProject,
  serializeTag,
  serializeTask,
  serializeUser,
  serializeWorkspace,
} from './state';

type Handler = (req: ApiRequest, user: ClockifyUser, params: string[]) => Reply;
interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

/** The emulated Clockify API v1: routing, the workspace check and the reads (user, workspaces, projects, tasks, tags, entries); writes in entries.ts. */
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
        methods: {
          GET: (r, u, p) => this.listTags(r, u, p),
          POST: (r, u, [wsId]) => this.inWorkspace(u, wsId, (w) => createTag(this.store, r, u, w)),
        },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/time-entries$`),
        methods: { POST: (r, u, [wsId]) => this.inWorkspace(u, wsId, (w) => createEntry(this.store, r, u, w)) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/time-entries/status/in-progress$`),
        methods: { GET: (r, u, p) => this.inProgress(r, u, p) },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/time-entries/${ws}$`),
        methods: {
          GET: (r, u, p) => this.withEntry(u, p, (e) => ok(serializeEntry(e, this.store, boolParam(r.query.get('hydrated')) === true))),
          PUT: (r, u, p) => this.withEntry(u, p, (e, w) => updateEntry(this.store, r, e, w)),
          DELETE: (_r, u, p) => this.withEntry(u, p, (e) => deleteEntry(this.store, e)),
        },
      },
      {
        pattern: new RegExp(`^/v1/workspaces/${ws}/user/${ws}/time-entries$`),
        methods: {
          GET: (r, u, p) => this.listUserEntries(r, u, p),
          PATCH: (r, u, [wsId, userId]) => this.inWorkspace(u, wsId, (w) => stopRunning(this.store, r, u, w, userId)),
        },
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

  /** `fn` in the workspace the path names, or Clockify's answer when the user may not use it. */
  private inWorkspace(user: ClockifyUser, id: string | undefined, fn: (w: ClockifyWorkspace) => Reply): Reply {
    const w = this.workspace(user, id);
    return 'status' in w ? w : fn(w);
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

  private withEntry(user: ClockifyUser, [wsId, id]: string[], fn: (e: ClockifyEntry, w: ClockifyWorkspace) => Reply): Reply {
    const w = this.workspace(user, wsId);
    if ('status' in w) return w;
    const e = id ? this.store.entries.get(id) : undefined;
    if (!e || e.workspaceId !== w.id || e.userId !== user.id) return err(400, MESSAGES.entryNotInWorkspace, 501);
    return fn(e, w);
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
}
