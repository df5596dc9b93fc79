import type { Reply } from '../kit';
import { type ApiRequest, err, MESSAGES, ok, parseBody } from './messages';
import {
  type ClockifyEntry,
  type ClockifyStore,
  type ClockifyUser,
  type ClockifyWorkspace,
  DEFAULT_WORKSPACE_SETTINGS,
  isoSeconds,
  serializeEntry,
  serializeTag,
} from './state';

/**
 * The emulated Clockify's writes (time entries: create, update, stop, delete; tags: create), with Clockify's checks
 * of the body: fields and the references they name, times, the workspace's required fields; a new running timer
 * stops the previous one. Routing, the workspace check and the reads are in routes.ts.
 */
/** POST /workspaces/{id}/tags `{ name }`: refused to plain members when only admins may create tags (admins and the owner may). */
export function createTag(store: ClockifyStore, req: ApiRequest, user: ClockifyUser, w: ClockifyWorkspace): Reply {
  const parsed = parseBody(req);
  if ('reply' in parsed) return parsed.reply;
  const settings = { ...DEFAULT_WORKSPACE_SETTINGS, ...w.settings };
  const admin = (w.roles[user.id] ?? []).some((r) => r === 'WORKSPACE_ADMIN' || r === 'OWNER');
  if (settings.onlyAdminsCreateTag === true && !admin) return err(403, MESSAGES.accessDenied, 1000);
  const name = typeof parsed.body.name === 'string' ? parsed.body.name.trim() : '';
  if (!name || name.length > 100) return err(400, MESSAGES.tagName, 501);
  const taken = [...store.tags.values()].some((t) => t.workspaceId === w.id && t.name.toLowerCase() === name.toLowerCase());
  if (taken) return err(400, MESSAGES.tagExists, 501);
  const tag = { id: store.nextId(), workspaceId: w.id, name, archived: false };
  store.tags.set(tag.id, tag);
  return ok(serializeTag(tag), 201);
}

function instant(value: unknown, label: string): number | Reply | null {
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? err(400, `Invalid ${label} date: ${String(value)}`, 501) : ms;
}

/** Validates and normalises the writable fields of a time entry. */
function entryFields(
  store: ClockifyStore,
  body: Record<string, unknown>,
  w: ClockifyWorkspace,
): Pick<ClockifyEntry, 'description' | 'projectId' | 'taskId' | 'tagIds' | 'billable'> | Reply {
  const projectId = typeof body.projectId === 'string' && body.projectId ? body.projectId : null;
  const taskId = typeof body.taskId === 'string' && body.taskId ? body.taskId : null;
  const tagIds = Array.isArray(body.tagIds) ? body.tagIds.filter((t): t is string => typeof t === 'string') : [];
  if (projectId) {
    const p = store.projects.get(projectId);
    if (!p || p.workspaceId !== w.id) return err(400, MESSAGES.projectNotInWorkspace, 501);
  }
  if (taskId) {
    const t = store.tasks.get(taskId);
    if (!t || t.projectId !== projectId) return err(400, MESSAGES.taskNotInProject, 501);
  }
  for (const id of tagIds) {
    const tag = store.tags.get(id);
    if (!tag || tag.workspaceId !== w.id) return err(400, MESSAGES.tagNotInWorkspace, 501);
  }
  const description = typeof body.description === 'string' ? body.description : '';
  // Billable left out: the project's (a non-billable task narrows it), as Clockify fills it.
  const project = projectId ? store.projects.get(projectId) : undefined;
  const task = taskId ? store.tasks.get(taskId) : undefined;
  const billable = typeof body.billable === 'boolean' ? body.billable : (project?.billable ?? false) && task?.billable !== false;
  return { description, projectId, taskId, tagIds, billable };
}

/** The workspace's required fields, checked when an entry is (or becomes) complete. */
function requiredFieldsError(
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

export function createEntry(store: ClockifyStore, req: ApiRequest, user: ClockifyUser, w: ClockifyWorkspace): Reply {
  const parsed = parseBody(req);
  if ('reply' in parsed) return parsed.reply;
  const b = parsed.body;
  const fields = entryFields(store, b, w);
  if ('status' in fields) return fields;
  const start = instant(b.start, 'start');
  const end = instant(b.end, 'end');
  if (typeof start === 'object' && start !== null) return start;
  if (typeof end === 'object' && end !== null) return end;
  const startMs = start ?? req.now;
  if (end !== null && end < startMs) return err(400, MESSAGES.endBeforeStart, 501);
  if (end !== null) {
    const missing = requiredFieldsError(fields, w);
    if (missing) return missing;
  }
  if (end === null) {
    // Starting a timer stops the one already running (at the new entry's start).
    const running = store.runningEntry(user.id);
    if (running) running.end = isoSeconds(Math.max(Date.parse(running.start), startMs));
  }
  const entry: ClockifyEntry = {
    id: store.nextId(),
    workspaceId: w.id,
    userId: user.id,
    ...fields,
    start: isoSeconds(startMs),
    end: end === null ? null : isoSeconds(end),
  };
  store.entries.set(entry.id, entry);
  return ok(serializeEntry(entry, store), 201);
}

export function updateEntry(store: ClockifyStore, req: ApiRequest, e: ClockifyEntry, w: ClockifyWorkspace): Reply {
  const parsed = parseBody(req);
  if ('reply' in parsed) return parsed.reply;
  const b = parsed.body;
  const fields = entryFields(store, b, w);
  if ('status' in fields) return fields;
  const start = instant(b.start, 'start');
  if (start === null) return err(400, 'start: must not be null', 501);
  if (typeof start === 'object') return start;
  const end = instant(b.end, 'end');
  if (typeof end === 'object' && end !== null) return end;
  if (end !== null && end < start) return err(400, MESSAGES.endBeforeStart, 501);
  if (end !== null) {
    const missing = requiredFieldsError(fields, w);
    if (missing) return missing;
  }
  Object.assign(e, fields, { start: isoSeconds(start), end: end === null ? null : isoSeconds(end) });
  return ok(serializeEntry(e, store));
}

export function deleteEntry(store: ClockifyStore, e: ClockifyEntry): Reply {
  store.entries.delete(e.id);
  return { status: 204 };
}

/** PATCH /workspaces/{ws}/user/{userId}/time-entries `{ end }`: stops the user's running entry in the workspace. */
export function stopRunning(
  store: ClockifyStore,
  req: ApiRequest,
  user: ClockifyUser,
  w: ClockifyWorkspace,
  userId: string | undefined,
): Reply {
  if (userId !== user.id) return err(403, MESSAGES.accessDenied, 501);
  const parsed = parseBody(req);
  if ('reply' in parsed) return parsed.reply;
  const end = instant(parsed.body.end, 'end');
  if (end === null) return err(400, 'end: must not be null', 501);
  if (typeof end === 'object') return end;
  const running = store.runningEntry(user.id, w.id);
  if (!running) return err(404, MESSAGES.notFound, 404);
  if (end < Date.parse(running.start)) return err(400, MESSAGES.endBeforeStart, 501);
  const missing = requiredFieldsError(running, w);
  if (missing) return missing;
  running.end = isoSeconds(end);
  return ok(serializeEntry(running, store));
}
