import type { Reply } from '../kit';

/** The emulated Toggl's request shape and the error texts it answers with (Toggl answers errors as plain text). */

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
export const ok = (json: unknown): Reply => ({ status: 200, json });

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
  stopBeforeStart: 'Stop time must be after start time',
  dates: 'start_date and end_date must be used together',
  required: { project: 'Project is required', task: 'Task is required', tag: 'Tag is required', description: 'Description is required' },
} as const;
