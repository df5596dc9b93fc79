import { boolParam, type Reply } from '../kit';
import { createEntry, removeEntry, stopEntry, tagsOf, updateEntry } from './entries';
import { type ApiRequest, ok, TOGGL_MESSAGES, text } from './messages';
import {
  serializeEntry,
  serializeMe,
  serializeProject,
  serializeTag,
  serializeTask,
  serializeWorkspace,
  type TogglEntry,
  type TogglStore,
  type TogglUser,
  type TogglWorkspace,
} from './state';

export { type ApiRequest, TOGGL_MESSAGES, text } from './messages';

/** The emulated Toggl API v9: routing and the reads (me, workspaces, projects, tasks, tags, entries); writes in entries.ts. */

type Handler = (req: ApiRequest, user: TogglUser, ids: number[]) => Reply;

export class TogglApi {
  private readonly routes: { pattern: RegExp; methods: Record<string, Handler> }[];

  constructor(private readonly store: TogglStore) {
    const id = '(\\d+)';
    const r = (src: string) => new RegExp(`^${src}$`);
    this.routes = [
      { pattern: r('/me'), methods: { GET: (q, u) => this.me(q, u) } },
      {
        pattern: r('/me/workspaces'),
        methods: { GET: (_q, u) => ok(this.workspacesOf(u).map((w) => serializeWorkspace(w, u.id, this.store))) },
      },
      { pattern: r('/me/time_entries'), methods: { GET: (q, u) => this.listEntries(q, u) } },
      { pattern: r('/me/time_entries/current'), methods: { GET: (_q, u) => this.current(u) } },
      {
        pattern: r(`/me/time_entries/${id}`),
        methods: {
          GET: (q, u, [e]) => this.entry(u, e, (x) => ok(serializeEntry(x, this.store, boolParam(q.query.get('meta')) === true)), true),
        },
      },
      {
        pattern: r(`/workspaces/${id}`),
        methods: { GET: (_q, u, [w]) => this.inWorkspace(u, w, (ws) => ok(serializeWorkspace(ws, u.id, this.store))) },
      },
      { pattern: r(`/workspaces/${id}/projects`), methods: { GET: (q, u, [w]) => this.inWorkspace(u, w, (ws) => this.projects(q, ws)) } },
      {
        pattern: r(`/workspaces/${id}/projects/${id}`),
        methods: { GET: (_q, u, [w, p]) => this.inWorkspace(u, w, (ws) => this.project(ws, p)) },
      },
      {
        pattern: r(`/workspaces/${id}/projects/${id}/tasks`),
        methods: { GET: (q, u, [w, p]) => this.inWorkspace(u, w, (ws) => this.projectTasks(q, ws, p)) },
      },
      { pattern: r(`/workspaces/${id}/tasks`), methods: { GET: (q, u, [w]) => this.inWorkspace(u, w, (ws) => this.tasks(q, ws)) } },
      {
        pattern: r(`/workspaces/${id}/tags`),
        methods: { GET: (_q, u, [w]) => this.inWorkspace(u, w, (ws) => ok(tagsOf(this.store, ws).map(serializeTag))) },
      },
      {
        pattern: r(`/workspaces/${id}/time_entries`),
        methods: { POST: (q, u, [w]) => this.inWorkspace(u, w, (ws) => createEntry(this.store, q, u, ws)) },
      },
      {
        pattern: r(`/workspaces/${id}/time_entries/${id}`),
        methods: {
          PUT: (q, u, [w, e]) => this.inWorkspace(u, w, (ws) => this.entry(u, e, (x) => updateEntry(this.store, q, u, ws, x))),
          DELETE: (q, u, [w, e]) => this.inWorkspace(u, w, () => this.entry(u, e, (x) => removeEntry(q, x))),
        },
      },
      {
        pattern: r(`/workspaces/${id}/time_entries/${id}/stop`),
        methods: { PATCH: (q, u, [w, e]) => this.inWorkspace(u, w, (ws) => this.entry(u, e, (x) => stopEntry(this.store, q, ws, x))) },
      },
    ];
  }

  dispatch(req: ApiRequest, user: TogglUser): Reply {
    for (const route of this.routes) {
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      const handler = route.methods[req.method];
      if (!handler) return text(405, 'Method Not Allowed');
      return handler(req, user, m.slice(1).map(Number));
    }
    return text(404, TOGGL_MESSAGES.notFound);
  }

  workspacesOf(user: TogglUser): TogglWorkspace[] {
    return [...this.store.workspaces.values()].filter((w) => w.memberIds.includes(user.id));
  }

  private inWorkspace(user: TogglUser, id: number | undefined, fn: (w: TogglWorkspace) => Reply): Reply {
    const w = id === undefined ? undefined : this.store.workspaces.get(id);
    if (!w?.memberIds.includes(user.id)) return text(403, TOGGL_MESSAGES.noAccess);
    if (w.blocked) return text(w.blocked.status, w.blocked.body);
    return fn(w);
  }

  private entry(user: TogglUser, id: number | undefined, fn: (e: TogglEntry) => Reply, allowDeleted = false): Reply {
    const e = id === undefined ? undefined : this.store.entries.get(id);
    if (!e || e.user_id !== user.id || (e.deletedMs !== null && !allowDeleted)) return text(404, TOGGL_MESSAGES.entryNotFound);
    return fn(e);
  }

  private me(req: ApiRequest, user: TogglUser): Reply {
    const out = serializeMe(user);
    if (boolParam(req.query.get('with_related_data')) === true) {
      const wss = this.workspacesOf(user);
      const wsIds = new Set(wss.map((w) => w.id));
      const entries = [...this.store.entries.values()].filter((e) => e.user_id === user.id && e.deletedMs === null);
      Object.assign(out, {
        workspaces: wss.map((w) => serializeWorkspace(w, user.id, this.store)),
        projects: [...this.store.projects.values()].filter((p) => wsIds.has(p.workspace_id)).map(serializeProject),
        tasks: [...this.store.tasks.values()].filter((t) => wsIds.has(t.workspace_id)).map(serializeTask),
        tags: [...this.store.tags.values()].filter((t) => wsIds.has(t.workspace_id)).map(serializeTag),
        clients: null,
        time_entries: entries.map((e) => serializeEntry(e, this.store)),
      });
    }
    return ok(out);
  }

  private current(user: TogglUser): Reply {
    const e = this.store.running(user.id);
    return ok(e ? serializeEntry(e, this.store) : null);
  }

  /** YYYY-MM-DD (UTC midnight) or RFC 3339. */
  private date(value: string | null): number | undefined {
    if (!value) return undefined;
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    return Number.isNaN(ms) ? undefined : ms;
  }

  private listEntries(req: ApiRequest, user: TogglUser): Reply {
    const q = req.query;
    let items = [...this.store.entries.values()].filter((e) => e.user_id === user.id);
    const since = q.get('since');
    if (since !== null) items = items.filter((e) => e.atMs >= Number(since) * 1000);
    else items = items.filter((e) => e.deletedMs === null);
    const before = this.date(q.get('before'));
    if (before !== undefined) items = items.filter((e) => e.startMs < before);
    const from = this.date(q.get('start_date'));
    const to = this.date(q.get('end_date'));
    if ((from === undefined) !== (to === undefined)) return text(400, TOGGL_MESSAGES.dates);
    if (from !== undefined && to !== undefined) items = items.filter((e) => e.startMs >= from && e.startMs < to);
    items.sort((a, b) => b.startMs - a.startMs || b.id - a.id);
    const meta = boolParam(q.get('meta')) === true;
    return ok(items.slice(0, 1000).map((e) => serializeEntry(e, this.store, meta)));
  }

  /** `active`: true | false | 'both' (omitted: both). */
  private activeFilter<T extends { active: boolean }>(req: ApiRequest, items: T[]): T[] {
    const active = boolParam(req.query.get('active'));
    return active === undefined ? items : items.filter((i) => i.active === active);
  }

  private projects(req: ApiRequest, w: TogglWorkspace): Reply {
    const q = req.query;
    let items = this.activeFilter(
      req,
      [...this.store.projects.values()].filter((p) => p.workspace_id === w.id),
    );
    const name = q.get('name')?.toLowerCase();
    if (name) items = items.filter((p) => p.name.toLowerCase().includes(name));
    const byCreated = q.get('sort_field') === 'created_at';
    items.sort((a, b) => (byCreated ? a.createdMs - b.createdMs : a.name.localeCompare(b.name)) || a.id - b.id);
    if ((q.get('sort_order') ?? '').toUpperCase() === 'DESC') items.reverse();
    const perPage = Math.min(200, Math.max(1, Number(q.get('per_page')) || 151));
    const page = Math.max(1, Number(q.get('page')) || 1);
    return ok(items.slice((page - 1) * perPage, page * perPage).map(serializeProject));
  }

  private project(w: TogglWorkspace, id: number | undefined): Reply {
    const p = id === undefined ? undefined : this.store.projects.get(id);
    if (!p || p.workspace_id !== w.id) return text(404, 'Project not found');
    return ok(serializeProject(p));
  }

  private projectTasks(req: ApiRequest, w: TogglWorkspace, projectId: number | undefined): Reply {
    const p = projectId === undefined ? undefined : this.store.projects.get(projectId);
    if (!p || p.workspace_id !== w.id) return text(404, 'Project not found');
    const items = this.activeFilter(
      req,
      [...this.store.tasks.values()].filter((t) => t.project_id === p.id),
    );
    return ok(items.sort((a, b) => a.name.localeCompare(b.name)).map(serializeTask));
  }

  private tasks(req: ApiRequest, w: TogglWorkspace): Reply {
    const q = req.query;
    let items = this.activeFilter(
      req,
      [...this.store.tasks.values()].filter((t) => t.workspace_id === w.id),
    );
    const pid = q.get('pid');
    if (pid) items = items.filter((t) => t.project_id === Number(pid));
    const sortField = q.get('sort_field') === 'created_at' ? 'created_at' : 'name';
    const sortOrder = (q.get('sort_order') ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    items.sort((a, b) => (sortField === 'name' ? a.name.localeCompare(b.name) : a.createdMs - b.createdMs) || a.id - b.id);
    if (sortOrder === 'DESC') items.reverse();
    const perPage = Math.max(1, Number(q.get('per_page')) || 50);
    const page = Math.max(1, Number(q.get('page')) || 1);
    return ok({
      data: items.slice((page - 1) * perPage, page * perPage).map(serializeTask),
      page,
      per_page: perPage,
      sort_field: sortField,
      sort_order: sortOrder,
      total_count: items.length,
    });
  }
}
