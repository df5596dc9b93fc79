import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../kit';

/** What the emulated Clockify's handlers share (routes.ts, entries.ts): the request, its answers and error messages. */

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
export const ok = (json: unknown, status = 200): Reply => ({ status, json });

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

/** The JSON object body of a write, or Clockify's answer to a missing or malformed one. */
export function parseBody(req: ApiRequest): { body: Record<string, unknown> } | { reply: Reply } {
  if (req.body.trim() === '') return { reply: err(400, MESSAGES.missingBody, 501) };
  try {
    const parsed: unknown = JSON.parse(req.body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
  } catch {
    // fall through
  }
  return { reply: err(400, MESSAGES.badBody, 501) };
}
