import { boolParam, type Reply } from '../kit';
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

export interface ApiRequest {
  method: string;
  /** Path below `/api/v9`, e.g. `/me/time_entries`. */
  path: string;
  query: URLSearchParams;
  body: string;
  now: number;
}

/** Toggl answers errors as plain text. */
export const text = (status: number, body: string): Reply => ({ status, text: body });
const ok = (json: unknown): Reply => ({ status: 200, json });

export const TOGGL_MESSAGES = {
  badAuth: 'Incorrect username and/or password',
  noAccess: 'User does not have access to this resource.',
  notFound: '404 page not found',
  entryNotFound: 'Time entry not found',
  alreadyStopped: 'Time entry already stopped',
  badJson: 'JSON is not valid',
  createdWith: 'created_with needs to be provided a valid value',
  workspaceId: 'workspace_id is required',
  workspaceMismatch: 'workspace_id in the body does not match the workspace in the path',
  start: 'start time is required',
  badProject: 'Invalid project_id',
  badTask: 'Invalid task_id',
  badTag: 'Invalid tag_ids',
  tagName: 'tag name must be present',
  tagExists: 'Tag already exists',
  tagsAdminsOnly: 'Only admins may create tags in this workspace',
  stopBeforeStart: 'Stop time must be after start time',
  dates: 'start_date and end_date must be used together',
  required: { project: 'Project is required', task: 'Task is required', tag: 'Tag is required', description: 'Description is required' },
} as const;

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
        methods: {
          GET: (_q, u, [w]) => this.inWorkspace(u, w, (ws) => ok(this.tagsOf(ws).map(serializeTag))),
          POST: (q, u, [w]) => this.inWorkspace(u, w, (ws) => this.createTag(q, u, ws)),
        },
      },
      {
        pattern: r(`/workspaces/${id}/time_entries`),
        methods: { POST: (q, u, [w]) => this.inWorkspace(u, w, (ws) => this.create(q, u, ws)) },
      },
      {
        pattern: r(`/workspaces/${id}/time_entries/${id}`),
        methods: {
          PUT: (q, u, [w, e]) => this.inWorkspace(u, w, (ws) => this.entry(u, e, (x) => this.update(q, u, ws, x))),
          DELETE: (q, u, [w, e]) => this.inWorkspace(u, w, () => this.entry(u, e, (x) => this.remove(q, x))),
        },
      },
      {
        pattern: r(`/workspaces/${id}/time_entries/${id}/stop`),
        methods: { PATCH: (q, u, [w, e]) => this.inWorkspace(u, w, (ws) => this.entry(u, e, (x) => this.stop(q, ws, x))) },
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

  private tagsOf(w: TogglWorkspace) {
    return [...this.store.tags.values()].filter((t) => t.workspace_id === w.id).sort((a, b) => a.name.localeCompare(b.name));
  }

  private mayCreateTags(w: TogglWorkspace, user: TogglUser): boolean {
    return !w.onlyAdminsMayCreateTags || w.adminIds.includes(user.id);
  }

  /** POST /workspaces/{id}/tags `{ name, workspace_id }`. */
  private createTag(req: ApiRequest, user: TogglUser, w: TogglWorkspace): Reply {
    const parsed = this.parse(req);
    if ('reply' in parsed) return parsed.reply;
    if (!this.mayCreateTags(w, user)) return text(403, TOGGL_MESSAGES.tagsAdminsOnly);
    const name = typeof parsed.body.name === 'string' ? parsed.body.name.trim() : '';
    if (!name) return text(400, TOGGL_MESSAGES.tagName);
    if (this.tagsOf(w).some((t) => t.name.toLowerCase() === name.toLowerCase())) return text(400, TOGGL_MESSAGES.tagExists);
    const t = { id: this.store.nextId('tag'), workspace_id: w.id, name, creator_id: user.id };
    this.store.tags.set(t.id, t);
    return ok(serializeTag(t));
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

  private parse(req: ApiRequest): { body: Record<string, unknown> } | { reply: Reply } {
    try {
      const parsed: unknown = JSON.parse(req.body || 'null');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
    } catch {
      // fall through
    }
    return { reply: text(400, TOGGL_MESSAGES.badJson) };
  }

  /** Applies project/task/tags/description/billable from a body onto `e`, validating references. */
  private applyFields(b: Record<string, unknown>, e: TogglEntry, w: TogglWorkspace, user: TogglUser, now: number): Reply | undefined {
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    if ('project_id' in b || 'pid' in b) e.project_id = num(b.project_id ?? b.pid);
    if ('task_id' in b || 'tid' in b) e.task_id = num(b.task_id ?? b.tid);
    if (e.project_id !== null) {
      const p = this.store.projects.get(e.project_id);
      if (!p || p.workspace_id !== w.id) return text(400, TOGGL_MESSAGES.badProject);
    }
    if (e.task_id !== null) {
      const t = this.store.tasks.get(e.task_id);
      if (!t || t.workspace_id !== w.id || (e.project_id !== null && t.project_id !== e.project_id))
        return text(400, TOGGL_MESSAGES.badTask);
      e.project_id ??= t.project_id;
    }
    if ('description' in b) e.description = typeof b.description === 'string' ? b.description : null;
    if ('billable' in b) e.billable = b.billable === true;
    const ids: number[] = [];
    if (Array.isArray(b.tag_ids)) {
      for (const id of b.tag_ids) {
        const t = typeof id === 'number' ? this.store.tags.get(id) : undefined;
        if (!t || t.workspace_id !== w.id) return text(400, TOGGL_MESSAGES.badTag);
        ids.push(t.id);
      }
    }
    if (Array.isArray(b.tags)) {
      for (const name of b.tags.filter((n): n is string => typeof n === 'string')) {
        // Unknown tag names are created on the fly.
        let t = this.tagsOf(w).find((x) => x.name === name);
        if (!t && !this.mayCreateTags(w, user)) return text(403, TOGGL_MESSAGES.tagsAdminsOnly);
        if (!t) {
          t = { id: this.store.nextId('tag'), workspace_id: w.id, name, creator_id: user.id };
          this.store.tags.set(t.id, t);
        }
        ids.push(t.id);
      }
    }
    if (Array.isArray(b.tag_ids) || Array.isArray(b.tags)) {
      const action = b.tag_action;
      if (action === 'add') e.tag_ids = [...new Set([...e.tag_ids, ...ids])];
      else if (action === 'delete') e.tag_ids = e.tag_ids.filter((id) => !ids.includes(id));
      else e.tag_ids = [...new Set(ids)];
    }
    e.atMs = now;
    return undefined;
  }

  /** Premium "required fields", enforced when an entry is complete. */
  private requiredError(e: TogglEntry, w: TogglWorkspace): Reply | undefined {
    const rf = w.requiredFields;
    if (rf.project && e.project_id === null) return text(400, TOGGL_MESSAGES.required.project);
    if (rf.task && e.task_id === null) return text(400, TOGGL_MESSAGES.required.task);
    if (rf.tag && e.tag_ids.length === 0) return text(400, TOGGL_MESSAGES.required.tag);
    if (rf.description && !e.description?.trim()) return text(400, TOGGL_MESSAGES.required.description);
    return undefined;
  }

  /** Resolves start/stop/duration from a body onto `e` (`duration < 0` = running). */
  private applyTimes(b: Record<string, unknown>, e: TogglEntry): Reply | undefined {
    if (typeof b.start === 'string') {
      const ms = Date.parse(b.start);
      if (Number.isNaN(ms)) return text(400, TOGGL_MESSAGES.start);
      e.startMs = ms;
    }
    if (typeof b.stop === 'string') {
      const ms = Date.parse(b.stop);
      if (Number.isNaN(ms) || ms < e.startMs) return text(400, TOGGL_MESSAGES.stopBeforeStart);
      e.stopMs = ms;
    } else if (typeof b.duration === 'number') {
      e.stopMs = b.duration < 0 ? null : e.startMs + b.duration * 1000;
    }
    return undefined;
  }

  private stopOthers(user: TogglUser, e: TogglEntry, now: number): void {
    const running = this.store.running(user.id);
    if (running && running.id !== e.id) {
      running.stopMs = e.startMs > running.startMs ? e.startMs : Math.max(now, running.startMs);
      running.atMs = now;
    }
  }

  private create(req: ApiRequest, user: TogglUser, w: TogglWorkspace): Reply {
    const parsed = this.parse(req);
    if ('reply' in parsed) return parsed.reply;
    const b = parsed.body;
    if (typeof b.created_with !== 'string' || !b.created_with.trim()) return text(400, TOGGL_MESSAGES.createdWith);
    const bodyWs = b.workspace_id ?? b.wid;
    if (bodyWs === undefined) return text(400, TOGGL_MESSAGES.workspaceId);
    if (bodyWs !== w.id) return text(400, TOGGL_MESSAGES.workspaceMismatch);
    if (typeof b.start !== 'string') return text(400, TOGGL_MESSAGES.start);
    const e: TogglEntry = {
      id: 0,
      workspace_id: w.id,
      user_id: user.id,
      project_id: null,
      task_id: null,
      description: null,
      billable: false,
      tag_ids: [],
      startMs: 0,
      stopMs: null,
      created_with: b.created_with,
      atMs: req.now,
      deletedMs: null,
    };
    const bad = this.applyTimes(b, e) ?? this.applyFields(b, e, w, user, req.now);
    if (bad) return bad;
    if (e.stopMs !== null) {
      const missing = this.requiredError(e, w);
      if (missing) return missing;
    } else {
      this.stopOthers(user, e, req.now);
    }
    e.id = this.store.nextId('entry');
    this.store.entries.set(e.id, e);
    return ok(serializeEntry(e, this.store, boolParam(req.query.get('meta')) === true));
  }

  private update(req: ApiRequest, user: TogglUser, w: TogglWorkspace, e: TogglEntry): Reply {
    const parsed = this.parse(req);
    if ('reply' in parsed) return parsed.reply;
    const draft: TogglEntry = { ...e, tag_ids: [...e.tag_ids] };
    const bad = this.applyTimes(parsed.body, draft) ?? this.applyFields(parsed.body, draft, w, user, req.now);
    if (bad) return bad;
    if (draft.stopMs !== null) {
      const missing = this.requiredError(draft, w);
      if (missing) return missing;
    } else {
      this.stopOthers(user, draft, req.now);
    }
    Object.assign(e, draft);
    return ok(serializeEntry(e, this.store, boolParam(req.query.get('meta')) === true));
  }

  private stop(req: ApiRequest, w: TogglWorkspace, e: TogglEntry): Reply {
    if (e.stopMs !== null) return text(409, TOGGL_MESSAGES.alreadyStopped);
    const missing = this.requiredError(e, w);
    if (missing) return missing;
    e.stopMs = Math.max(req.now, e.startMs);
    e.atMs = req.now;
    return ok(serializeEntry(e, this.store));
  }

  private remove(req: ApiRequest, e: TogglEntry): Reply {
    e.deletedMs = req.now;
    e.atMs = req.now;
    return { status: 200 };
  }
}
