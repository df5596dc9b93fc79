import { boolParam, type Reply } from '../kit';
import { type ApiRequest, ok, TOGGL_MESSAGES, text } from './messages';
import { serializeEntry, type TogglEntry, type TogglStore, type TogglUser, type TogglWorkspace } from './state';

/**
 * The emulated Toggl's time-entry writes (create, update, stop, delete), with Toggl's checks of the body: fields
 * and the references they name, times, the workspace's required fields; a new running timer stops the previous one.
 */

export function tagsOf(store: TogglStore, w: TogglWorkspace) {
  return [...store.tags.values()].filter((t) => t.workspace_id === w.id).sort((a, b) => a.name.localeCompare(b.name));
}

function parse(req: ApiRequest): { body: Record<string, unknown> } | { reply: Reply } {
  try {
    const parsed: unknown = JSON.parse(req.body || 'null');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
  } catch {
    // fall through
  }
  return { reply: text(400, TOGGL_MESSAGES.badJson) };
}

/** Applies project/task/tags/description/billable from a body onto `e`, validating references. */
function applyFields(
  store: TogglStore,
  b: Record<string, unknown>,
  e: TogglEntry,
  w: TogglWorkspace,
  user: TogglUser,
  now: number,
): Reply | undefined {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  if ('project_id' in b || 'pid' in b) e.project_id = num(b.project_id ?? b.pid);
  if ('task_id' in b || 'tid' in b) e.task_id = num(b.task_id ?? b.tid);
  if (e.project_id !== null) {
    const p = store.projects.get(e.project_id);
    if (!p || p.workspace_id !== w.id) return text(400, TOGGL_MESSAGES.badProject);
  }
  if (e.task_id !== null) {
    const t = store.tasks.get(e.task_id);
    if (!t || t.workspace_id !== w.id || (e.project_id !== null && t.project_id !== e.project_id)) return text(400, TOGGL_MESSAGES.badTask);
    e.project_id ??= t.project_id;
  }
  if ('description' in b) e.description = typeof b.description === 'string' ? b.description : null;
  if ('billable' in b) e.billable = b.billable === true;
  const ids: number[] = [];
  if (Array.isArray(b.tag_ids)) {
    for (const id of b.tag_ids) {
      const t = typeof id === 'number' ? store.tags.get(id) : undefined;
      if (!t || t.workspace_id !== w.id) return text(400, TOGGL_MESSAGES.badTag);
      ids.push(t.id);
    }
  }
  if (Array.isArray(b.tags)) {
    for (const name of b.tags.filter((n): n is string => typeof n === 'string')) {
      // Unknown tag names are created on the fly.
      let t = tagsOf(store, w).find((x) => x.name === name);
      if (!t) {
        t = { id: store.nextId('tag'), workspace_id: w.id, name, creator_id: user.id };
        store.tags.set(t.id, t);
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
function requiredError(e: TogglEntry, w: TogglWorkspace): Reply | undefined {
  const rf = w.requiredFields;
  if (rf.project && e.project_id === null) return text(400, TOGGL_MESSAGES.required.project);
  if (rf.task && e.task_id === null) return text(400, TOGGL_MESSAGES.required.task);
  if (rf.tag && e.tag_ids.length === 0) return text(400, TOGGL_MESSAGES.required.tag);
  if (rf.description && !e.description?.trim()) return text(400, TOGGL_MESSAGES.required.description);
  return undefined;
}

/** Resolves start/stop/duration from a body onto `e` (`duration < 0` = running). */
function applyTimes(b: Record<string, unknown>, e: TogglEntry): Reply | undefined {
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

function stopOthers(store: TogglStore, user: TogglUser, e: TogglEntry, now: number): void {
  const running = store.running(user.id);
  if (running && running.id !== e.id) {
    running.stopMs = e.startMs > running.startMs ? e.startMs : Math.max(now, running.startMs);
    running.atMs = now;
  }
}

export function createEntry(store: TogglStore, req: ApiRequest, user: TogglUser, w: TogglWorkspace): Reply {
  const parsed = parse(req);
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
  const bad = applyTimes(b, e) ?? applyFields(store, b, e, w, user, req.now);
  if (bad) return bad;
  if (e.stopMs !== null) {
    const missing = requiredError(e, w);
    if (missing) return missing;
  } else {
    stopOthers(store, user, e, req.now);
  }
  e.id = store.nextId('entry');
  store.entries.set(e.id, e);
  return ok(serializeEntry(e, store, boolParam(req.query.get('meta')) === true));
}

export function updateEntry(store: TogglStore, req: ApiRequest, user: TogglUser, w: TogglWorkspace, e: TogglEntry): Reply {
  const parsed = parse(req);
  if ('reply' in parsed) return parsed.reply;
  const draft: TogglEntry = { ...e, tag_ids: [...e.tag_ids] };
  const bad = applyTimes(parsed.body, draft) ?? applyFields(store, parsed.body, draft, w, user, req.now);
  if (bad) return bad;
  if (draft.stopMs !== null) {
    const missing = requiredError(draft, w);
    if (missing) return missing;
  } else {
    stopOthers(store, user, draft, req.now);
  }
  Object.assign(e, draft);
  return ok(serializeEntry(e, store, boolParam(req.query.get('meta')) === true));
}

export function stopEntry(store: TogglStore, req: ApiRequest, w: TogglWorkspace, e: TogglEntry): Reply {
  if (e.stopMs !== null) return text(409, TOGGL_MESSAGES.alreadyStopped);
  const missing = requiredError(e, w);
  if (missing) return missing;
  e.stopMs = Math.max(req.now, e.startMs);
  e.atMs = req.now;
  return ok(serializeEntry(e, store));
}

export function removeEntry(req: ApiRequest, e: TogglEntry): Reply {
  e.deletedMs = req.now;
  e.atMs = req.now;
  return { status: 200 };
}
