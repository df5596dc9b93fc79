/**
 * Harvest's side of an entry: Stint's EntryInput as the fields of a time entry (project/task ids, day, notes,
 * start/end times or hours, the task reference), a Harvest time entry or project assignment as Stint's
 * RemoteEntry / Assignment, and which listed entries a create whose answer was lost may have made. Pure: the
 * client (./harvest.ts) does the requests.
 *
 * Documented behaviour relied on (time entries: https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/):
 * - Accounts that track start/end times (company `wants_timestamp_timers`) take `started_time` / `ended_time`
 *   ("8:00am"); others take `hours`. `external_reference` takes `id`, `group_id`, `account_id`, `permalink`
 *   (`service` and `service_icon_url` are filled in by Harvest).
 */
import { atMinute, dayKey, HOUR } from '../core/time';
import { t } from '../i18n';
import { type HarvestCompany, type HarvestProjectAssignment, type HarvestTimeEntry, TIME_OF_DAY } from './harvest-schemas';
import { type Assignment, type EntryInput, ProviderError, type RemoteEntry } from './types';

/** findCreated accepts entries created up to this long before `since` (clock skew between browser and Harvest). */
export const FIND_CREATED_SLACK_MS = 60_000;
/** Harvest keeps hours to 2 decimals (36 s); a reconciled entry's duration must agree within this. */
const DURATION_MATCH_MS = 40_000;

/** Local time of day in the account's clock: "9:05am" (12h) or "09:05" (24h), as Harvest writes it. */
export function formatHarvestTime(ms: number, clock: '12h' | '24h'): string {
  const d = new Date(ms);
  const h = d.getHours();
  const mm = String(d.getMinutes()).padStart(2, '0');
  if (clock === '24h') return `${String(h).padStart(2, '0')}:${mm}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${mm}${h < 12 ? 'am' : 'pm'}`;
}

/** "8:00am" / "1:30 PM" / "17:45" → minutes after midnight; null when unreadable. */
export function parseHarvestTime(text: string): number | null {
  const m = TIME_OF_DAY.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return hour * 60 + minute;
}

/** Decimal hours, 2 places (Harvest's own precision). */
export const toHarvestHours = (ms: number): number => Math.round((Math.max(0, ms) / HOUR) * 100) / 100;

/**
 * A Harvest time entry as Stint sees it. `startedAt`: `spent_date` + `started_time` in the browser's time zone
 * (start/end accounts); for a running duration timer, `timer_started_at` minus the hours tracked before the
 * timer was last started, so that now − startedAt is the entry's total; otherwise null.
 */
export function toRemoteEntry(e: HarvestTimeEntry): RemoteEntry {
  const minutes = e.started_time ? parseHarvestTime(e.started_time) : null;
  let startedAt: number | null = null;
  if (minutes !== null) startedAt = atMinute(e.spent_date, minutes);
  else if (e.is_running && e.timer_started_at) startedAt = Date.parse(e.timer_started_at) - Math.round((e.hours_without_timer ?? 0) * HOUR);
  const remote: RemoteEntry = {
    remoteId: String(e.id),
    running: e.is_running,
    day: e.spent_date,
    durationMs: Math.round(e.hours * HOUR),
    notes: e.notes ?? '',
    projectId: String(e.project.id),
    taskId: String(e.task.id),
    startedAt,
    createdAt: Date.parse(e.created_at),
  };
  if (e.external_reference) {
    remote.externalId = e.external_reference.id;
    if (e.external_reference.permalink) remote.permalink = e.external_reference.permalink;
  }
  return remote;
}

export const isNumericId = (s: string): boolean => /^\d+$/.test(s);

function harvestIds(input: EntryInput): { project_id: number; task_id: number } {
  if (!isNumericId(input.projectId) || !isNumericId(input.taskId)) {
    throw new ProviderError('rejected', t('harvest_choose_task'));
  }
  return { project_id: Number(input.projectId), task_id: Number(input.taskId) };
}

/** Fields common to create and update: project/task, day, notes and the link back to the task page. */
export function entryFields(input: EntryInput): Record<string, unknown> {
  const body: Record<string, unknown> = { ...harvestIds(input), spent_date: input.day, notes: input.notes };
  if (input.task) body.external_reference = { id: input.task.id, group_id: input.task.groupId, permalink: input.task.url };
  return body;
}

/**
 * The time of a stopped entry: start/end times on start/end accounts when both fall on the entry's day, else hours.
 * The company (is it a start/end account?) is only asked when the entry has times to give. A meeting on a
 * duration-only account keeps its range in the notes (`Standup (9:00am–9:30am)`): the hours alone would lose it.
 */
export async function stoppedTimeFields(input: EntryInput, company: () => Promise<HarvestCompany>): Promise<Record<string, unknown>> {
  const { startedAt, endedAt } = input;
  if (startedAt !== null && endedAt !== null && endedAt >= startedAt && dayKey(startedAt) === input.day && dayKey(endedAt) === input.day) {
    const c = await company();
    const start = formatHarvestTime(startedAt, c.clock);
    const end = formatHarvestTime(endedAt, c.clock);
    if (c.wants_timestamp_timers) return { started_time: start, ended_time: end };
    if (input.task?.meeting) return { hours: toHarvestHours(input.durationMs), notes: meetingNotes(input.notes, `${start}–${end}`) };
  }
  return { hours: toHarvestHours(input.durationMs) };
}

/** A meeting's notes with its range, on duration-only accounts (see stoppedTimeFields). */
const meetingNotes = (notes: string, range: string) => (notes.trim() ? `${notes.trim()} (${range})` : range);

export function toAssignments(pa: HarvestProjectAssignment): Assignment[] {
  if (!pa.is_active) return [];
  return pa.task_assignments
    .filter((ta) => ta.is_active)
    .map((ta) => {
      const a: Assignment = {
        projectId: String(pa.project.id),
        projectName: pa.project.name,
        taskId: String(ta.task.id),
        taskName: ta.task.name,
      };
      if (pa.project.code) a.projectCode = pa.project.code;
      if (pa.client) a.clientName = pa.client.name;
      if (typeof ta.billable === 'boolean') a.billable = ta.billable;
      return a;
    });
}

/**
 * The entries a create of `input` attempted at `since` may have produced, running ones first, then oldest first
 * (see Provider.findCreated).
 */
export function matchCreated(entries: readonly RemoteEntry[], input: EntryInput, since: number, known: ReadonlySet<string>): RemoteEntry[] {
  const notes = input.notes.trim();
  // A meeting's notes may carry its range on duration-only accounts (stoppedTimeFields).
  const sameNotes = (remote: string) =>
    remote === notes || (input.task?.meeting === true && (remote.startsWith(`${notes} (`) || (notes === '' && /^\S+–\S+$/.test(remote))));
  return entries
    .filter(
      (e) =>
        !known.has(e.remoteId) &&
        e.day === input.day &&
        e.projectId === input.projectId &&
        e.taskId === input.taskId &&
        sameNotes(e.notes.trim()) &&
        // A timer may have been stopped since (another timer started in Harvest stops it): running or not.
        // Identical notes and project can repeat (two manual entries for one issue): the time tells them apart.
        (input.running || (!e.running && Math.abs(e.durationMs - input.durationMs) <= DURATION_MATCH_MS)) &&
        (input.task === undefined || e.externalId === input.task.id) &&
        e.createdAt >= since - FIND_CREATED_SLACK_MS,
    )
    .sort((a, b) => Number(b.running) - Number(a.running) || a.createdAt - b.createdAt || Number(a.remoteId) - Number(b.remoteId));
}
