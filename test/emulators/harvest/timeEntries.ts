/**
 * /v2/time_entries — https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/
 * Documented behaviour implemented here:
 * - create via duration: `hours` given → stopped entry; no `hours` → running timer (hours 0.0, is_running true).
 * - create via start/end time (timestamp accounts): `started_time` defaults to now; no `ended_time` → running.
 * - a user has at most one running timer: starting/restarting one stops the other, as Harvest's timer does.
 * - stop only a running entry, restart only a stopped one; PATCH changes only the given fields;
 *   DELETE answers 200 with an empty body.
 * Emulator choices (not specified by the docs): 422 messages are Harvest-like English; a member (non-admin)
 * only sees their own entries (others' ids answer 404); locked entries answer 403; restarting an entry on a
 * timestamp account starts a NEW entry (same project/task/notes/reference) beginning now.
 */
import type { EmuRequest, EmuResponse } from './http';
import { forbidden, isValidDate, json, notFound, paginate, parseBody, toBool, toInt, toNumber, unprocessable } from './http';
import { entryHours, parseTimeOfDay, timeEntryJson, wallDate, wallMinutes } from './serialize';
import type { Account, AccountUser, ExternalReference, Store, TimeEntry } from './state';

export interface ApiCtx {
  store: Store;
  now: number;
  account: Account;
  user: AccountUser;
  req: EmuRequest;
  maxPerPage: number;
}

const render = (ctx: ApiCtx, e: TimeEntry, status = 200): EmuResponse => json(status, timeEntryJson(ctx.store, e, ctx.now));

function findVisible(ctx: ApiCtx, id: number): TimeEntry | undefined {
  const e = ctx.store.timeEntries.get(id);
  if (!e || e.accountId !== ctx.account.id) return undefined;
  if (!ctx.user.isAdmin && e.userId !== ctx.user.id) return undefined;
  return e;
}

function stop(ctx: ApiCtx, e: TimeEntry): void {
  if (e.timerStartedAt === null) return;
  let hours = entryHours(e, ctx.now);
  if (e.startedMinutes !== null) {
    const minutes = Math.round(hours * 60);
    hours = minutes / 60;
    e.endedMinutes = (e.startedMinutes + minutes) % 1440;
  }
  e.hoursWithoutTimer = hours;
  e.timerStartedAt = null;
  e.updatedAt = ctx.now;
}

function stopOthers(ctx: ApiCtx, userId: number, except?: number): void {
  for (const other of ctx.store.runningEntries(ctx.account.id, userId)) if (other.id !== except) stop(ctx, other);
}

/** Checks the project/task pair for `user`; returns an error response or null. */
function checkAssignment(ctx: ApiCtx, user: AccountUser, projectId: number, taskId: number): EmuResponse | null {
  const project = ctx.store.projects.get(projectId);
  if (!project || project.accountId !== ctx.account.id) return unprocessable('Project not found');
  if (!project.isActive) return unprocessable('Project is archived and cannot accept new time');
  if (!ctx.store.activeAssignment(user.id, projectId)) return unprocessable('User is not assigned to this project');
  const ta = project.taskAssignments.find((t) => t.taskId === taskId);
  if (!ta) return unprocessable('Task is not assigned to this project');
  const task = ctx.store.tasks.get(taskId);
  if (!ta.isActive || !task?.isActive) return unprocessable('Task is archived and cannot accept new time');
  return null;
}

function parseExternalReference(v: unknown): ExternalReference | null | 'invalid' {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return 'invalid';
  const o = v as Record<string, unknown>;
  const str = (x: unknown): string | null => (x === undefined || x === null ? null : String(x));
  const id = str(o.id);
  if (!id) return 'invalid';
  const permalink = str(o.permalink);
  let service: string | null = null;
  try {
    service = permalink ? new URL(permalink).hostname : null;
  } catch {
    service = null;
  }
  return { id, group_id: str(o.group_id), account_id: str(o.account_id), permalink, service, service_icon_url: null };
}

export function listTimeEntries(ctx: ApiCtx): EmuResponse {
  const q = ctx.req.url.searchParams;
  const ints: Record<string, number | null> = {};
  for (const k of ['user_id', 'client_id', 'project_id', 'task_id']) {
    if (!q.has(k)) continue;
    ints[k] = toInt(q.get(k));
    if (ints[k] === null) return unprocessable(`${k} is invalid`);
  }
  for (const k of ['from', 'to']) if (q.has(k) && !isValidDate(q.get(k))) return unprocessable(`${k} is not a valid date`);
  let updatedSince: number | null = null;
  if (q.has('updated_since')) {
    updatedSince = Date.parse(q.get('updated_since') as string);
    if (Number.isNaN(updatedSince)) return unprocessable('updated_since is not a valid datetime');
  }
  const isRunning = q.has('is_running') ? toBool(q.get('is_running')) : null;
  const isBilled = q.has('is_billed') ? toBool(q.get('is_billed')) : null;
  const extRef = q.get('external_reference_id');
  const from = q.get('from');
  const to = q.get('to');
  const entries: TimeEntry[] = [];
  for (const e of ctx.store.timeEntries.values()) {
    if (e.accountId !== ctx.account.id) continue;
    if (!ctx.user.isAdmin && e.userId !== ctx.user.id) continue;
    if (ints.user_id != null && e.userId !== ints.user_id) continue;
    if (ints.project_id != null && e.projectId !== ints.project_id) continue;
    if (ints.task_id != null && e.taskId !== ints.task_id) continue;
    if (ints.client_id != null && ctx.store.projects.get(e.projectId)?.clientId !== ints.client_id) continue;
    if (isRunning !== null && (e.timerStartedAt !== null) !== isRunning) continue;
    if (isBilled !== null && e.isBilled !== isBilled) continue;
    if (extRef !== null && e.externalReference?.id !== extRef) continue;
    if (from !== null && e.spentDate < from) continue;
    if (to !== null && e.spentDate > to) continue;
    if (updatedSince !== null && e.updatedAt < updatedSince) continue;
    entries.push(e);
  }
  entries.sort((a, b) => (a.spentDate === b.spentDate ? b.id - a.id : a.spentDate < b.spentDate ? 1 : -1));
  return paginate(ctx.req, entries, 'time_entries', (e) => timeEntryJson(ctx.store, e, ctx.now), ctx.maxPerPage);
}

export function getTimeEntry(ctx: ApiCtx, id: number): EmuResponse {
  const e = findVisible(ctx, id);
  return e ? render(ctx, e) : notFound();
}

export function createTimeEntry(ctx: ApiCtx): EmuResponse {
  const body = parseBody(ctx.req);
  if (body === null) return json(400, { message: 'The request body could not be parsed' });
  let owner = ctx.user;
  if (body.user_id !== undefined && body.user_id !== null) {
    const userId = toInt(body.user_id);
    const target = userId === null ? undefined : ctx.store.users.get(userId);
    if (userId !== ctx.user.id) {
      if (!ctx.user.isAdmin) return forbidden('You do not have permission to track time for other users');
      if (!target || target.accountId !== ctx.account.id) return unprocessable('User not found');
      owner = target;
    }
  }
  const missing: string[] = [];
  const projectId = toInt(body.project_id);
  const taskId = toInt(body.task_id);
  if (projectId === null) missing.push("Project can't be blank");
  if (taskId === null) missing.push("Task can't be blank");
  if (body.spent_date === undefined || body.spent_date === null || body.spent_date === '') missing.push("Spent date can't be blank");
  if (missing.length > 0) return unprocessable(missing.join(', '));
  if (!isValidDate(body.spent_date)) return unprocessable('Spent date is not a valid date');
  const problem = checkAssignment(ctx, owner, projectId as number, taskId as number);
  if (problem) return problem;
  let externalReference: ExternalReference | null = null;
  if (body.external_reference !== undefined) {
    const ref = parseExternalReference(body.external_reference);
    if (ref === 'invalid') return unprocessable('External reference is invalid');
    externalReference = ref;
  }
  const hours = body.hours === undefined || body.hours === null || body.hours === '' ? null : toNumber(body.hours);
  if (hours === null && body.hours !== undefined && body.hours !== null && body.hours !== '') return unprocessable('Hours is not a number');
  if (hours !== null && hours < 0) return unprocessable('Hours must be greater than or equal to 0');

  const entry: TimeEntry = {
    id: 0,
    accountId: ctx.account.id,
    userId: owner.id,
    projectId: projectId as number,
    taskId: taskId as number,
    spentDate: body.spent_date,
    notes: typeof body.notes === 'string' && body.notes !== '' ? body.notes : null,
    hoursWithoutTimer: hours ?? 0,
    timerStartedAt: null,
    startedMinutes: null,
    endedMinutes: null,
    isLocked: false,
    lockedReason: null,
    isClosed: false,
    isBilled: false,
    externalReference,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  if (ctx.account.wantsTimestampTimers && (hours === null || body.started_time !== undefined)) {
    const nowWall = wallMinutes(ctx.now, owner.timezone);
    const started = body.started_time === undefined || body.started_time === null ? nowWall : parseTimeOfDay(body.started_time);
    if (started === null) return unprocessable('Started time is invalid');
    const hasEnd = body.ended_time !== undefined && body.ended_time !== null && body.ended_time !== '';
    const ended = hasEnd ? parseTimeOfDay(body.ended_time) : null;
    if (hasEnd && ended === null) return unprocessable('Ended time is invalid');
    entry.startedMinutes = started;
    if (ended !== null) {
      if (ended < started) return unprocessable('Ended time must be after started time');
      entry.endedMinutes = ended;
      entry.hoursWithoutTimer = (ended - started) / 60;
    } else {
      const today = wallDate(ctx.now, owner.timezone) === entry.spentDate;
      entry.hoursWithoutTimer = today && started < nowWall ? (nowWall - started) / 60 : 0;
      entry.timerStartedAt = ctx.now;
    }
  } else if (hours === null) {
    entry.timerStartedAt = ctx.now;
  }
  if (entry.timerStartedAt !== null) stopOthers(ctx, owner.id);
  entry.id = ctx.store.nextId('timeEntry');
  ctx.store.timeEntries.set(entry.id, entry);
  return render(ctx, entry, 201);
}

export function updateTimeEntry(ctx: ApiCtx, id: number): EmuResponse {
  const e = findVisible(ctx, id);
  if (!e) return notFound();
  if (e.isLocked) return forbidden('This time entry is locked and cannot be edited');
  const body = parseBody(ctx.req);
  if (body === null) return json(400, { message: 'The request body could not be parsed' });
  const owner = ctx.store.users.get(e.userId) as AccountUser;
  const projectId = body.project_id === undefined ? e.projectId : toInt(body.project_id);
  const taskId = body.task_id === undefined ? e.taskId : toInt(body.task_id);
  if (projectId === null) return unprocessable("Project can't be blank");
  if (taskId === null) return unprocessable("Task can't be blank");
  if (projectId !== e.projectId || taskId !== e.taskId) {
    const problem = checkAssignment(ctx, owner, projectId, taskId);
    if (problem) return problem;
  }
  if (body.spent_date !== undefined && !isValidDate(body.spent_date)) return unprocessable('Spent date is not a valid date');
  let ref: ExternalReference | null | 'invalid' | undefined;
  if (body.external_reference !== undefined) {
    ref = parseExternalReference(body.external_reference);
    if (ref === 'invalid') return unprocessable('External reference is invalid');
  }
  const hours = body.hours === undefined || body.hours === null ? undefined : toNumber(body.hours);
  if (hours === null || (hours !== undefined && hours < 0)) return unprocessable('Hours must be a number greater than or equal to 0');
  let started: number | null | undefined;
  let ended: number | null | undefined;
  if (ctx.account.wantsTimestampTimers) {
    if (body.started_time !== undefined && body.started_time !== null) {
      started = parseTimeOfDay(body.started_time);
      if (started === null) return unprocessable('Started time is invalid');
    }
    if (body.ended_time !== undefined && body.ended_time !== null && body.ended_time !== '') {
      ended = parseTimeOfDay(body.ended_time);
      if (ended === null) return unprocessable('Ended time is invalid');
    }
    const s = started ?? e.startedMinutes;
    const en = ended ?? e.endedMinutes;
    if (s !== null && en !== null && en < s && (started !== undefined || ended !== undefined))
      return unprocessable('Ended time must be after started time');
  }

  e.projectId = projectId;
  e.taskId = taskId;
  if (typeof body.spent_date === 'string') e.spentDate = body.spent_date;
  if (body.notes !== undefined) e.notes = typeof body.notes === 'string' && body.notes !== '' ? body.notes : null;
  if (ref !== undefined && ref !== 'invalid') e.externalReference = ref;
  if (hours !== undefined) {
    e.hoursWithoutTimer = hours;
    if (e.timerStartedAt !== null) e.timerStartedAt = ctx.now;
    else if (e.startedMinutes !== null) e.endedMinutes = (e.startedMinutes + Math.round(hours * 60)) % 1440;
  }
  if (started !== undefined && started !== null) {
    if (e.timerStartedAt !== null) e.hoursWithoutTimer += ((e.startedMinutes ?? started) - started) / 60;
    e.startedMinutes = started;
  }
  if (ended !== undefined && ended !== null) {
    e.timerStartedAt = null;
    e.endedMinutes = ended;
  }
  if ((started != null || ended != null) && e.timerStartedAt === null && e.startedMinutes !== null && e.endedMinutes !== null) {
    e.hoursWithoutTimer = (e.endedMinutes - e.startedMinutes) / 60;
  }
  e.updatedAt = ctx.now;
  return render(ctx, e);
}

export function deleteTimeEntry(ctx: ApiCtx, id: number): EmuResponse {
  const e = findVisible(ctx, id);
  if (!e) return notFound();
  if (e.isLocked && !ctx.user.isAdmin) return forbidden('This time entry is locked and cannot be deleted');
  ctx.store.timeEntries.delete(id);
  return { status: 200, headers: {}, body: '' };
}

export function stopTimeEntry(ctx: ApiCtx, id: number): EmuResponse {
  const e = findVisible(ctx, id);
  if (!e) return notFound();
  if (e.timerStartedAt === null) return unprocessable('Cannot stop a time entry that is not running');
  stop(ctx, e);
  return render(ctx, e);
}

export function restartTimeEntry(ctx: ApiCtx, id: number): EmuResponse {
  const e = findVisible(ctx, id);
  if (!e) return notFound();
  if (e.timerStartedAt !== null) return unprocessable('Cannot restart a time entry that is already running');
  if (e.isLocked) return forbidden('This time entry is locked and cannot be restarted');
  const owner = ctx.store.users.get(e.userId) as AccountUser;
  const problem = checkAssignment(ctx, owner, e.projectId, e.taskId);
  if (problem) return problem;
  stopOthers(ctx, e.userId, e.id);
  if (ctx.account.wantsTimestampTimers) {
    const fresh: TimeEntry = {
      ...e,
      id: ctx.store.nextId('timeEntry'),
      spentDate: wallDate(ctx.now, owner.timezone),
      hoursWithoutTimer: 0,
      timerStartedAt: ctx.now,
      startedMinutes: wallMinutes(ctx.now, owner.timezone),
      endedMinutes: null,
      externalReference: e.externalReference ? { ...e.externalReference } : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    ctx.store.timeEntries.set(fresh.id, fresh);
    return render(ctx, fresh);
  }
  e.timerStartedAt = ctx.now;
  e.updatedAt = ctx.now;
  return render(ctx, e);
}

export function deleteExternalReference(ctx: ApiCtx, id: number): EmuResponse {
  const e = findVisible(ctx, id);
  if (!e) return notFound();
  e.externalReference = null;
  e.updatedAt = ctx.now;
  return { status: 200, headers: {}, body: '' };
}
