/**
 * zod schemas for every Toggl Track API v9 answer Stint reads (https://engineering.toggl.com/docs/). Only the
 * fields Stint uses are declared; everything else is ignored. Shapes:
 * - me (GET /me): https://engineering.toggl.com/docs/api/me
 * - workspaces (GET /me/workspaces, /workspaces/{id}): https://engineering.toggl.com/docs/api/workspaces —
 *   `te_constraints` holds the required fields (`project_present`, `task_present`, `tag_present`,
 *   `description_present`, switched on by `time_entry_constraints_enabled`); `premium` "Workspace on Starter
 *   subscription", `business_ws` "Workspace on Premium subscription" (the plan, which sets the API quota).
 * - projects (GET /workspaces/{id}/projects): https://engineering.toggl.com/docs/api/projects
 * - tasks (GET /workspaces/{id}/tasks): `{ data, page, per_page, total_count }`
 * - tags (GET/POST /workspaces/{id}/tags): https://engineering.toggl.com/docs/api/tags
 * - time entries: https://engineering.toggl.com/docs/api/time_entries — `tag_ids`, `billable`; `duration` negative while running,
 *   `stop` null while running, `description` and `project_id` may be null, `at` = last update.
 */
import { z } from 'zod';

/** Toggl ids are JSON integers (int64 on their side; well inside the safe range). */
export const TogglId = z.number().int().nonnegative();

/** RFC 3339 instant ("2024-05-06T09:00:00+00:00" or "…Z"). */
export const TogglInstant = z.iso.datetime({ offset: true });

const Flag = z.boolean().nullable().optional();

export const TogglMeSchema = z.object({
  id: TogglId,
  email: z.string().nullable().optional(),
  fullname: z.string().nullable().optional(),
  default_workspace_id: TogglId.nullable().optional(),
});
export type TogglMe = z.infer<typeof TogglMeSchema>;

export const TogglConstraintsSchema = z.object({
  description_present: Flag,
  project_present: Flag,
  tag_present: Flag,
  task_present: Flag,
  time_entry_constraints_enabled: Flag,
});

export const TogglWorkspaceSchema = z.object({
  id: TogglId,
  name: z.string(),
  organization_id: TogglId.nullable().optional(),
  premium: Flag,
  business_ws: Flag,
  suspended_at: z.string().nullable().optional(),
  server_deleted_at: z.string().nullable().optional(),
  te_constraints: TogglConstraintsSchema.nullable().optional(),
  /** The token's user is an admin of the workspace; only admins may create tags when `only_admins_may_create_tags`. */
  admin: Flag,
  only_admins_may_create_tags: Flag,
});
export type TogglWorkspace = z.infer<typeof TogglWorkspaceSchema>;

export const TogglWorkspacesSchema = z.array(TogglWorkspaceSchema);

export const TogglProjectSchema = z.object({
  id: TogglId,
  workspace_id: TogglId,
  name: z.string(),
  active: z.boolean(),
  billable: Flag,
});
export type TogglProject = z.infer<typeof TogglProjectSchema>;

export const TogglProjectsSchema = z
  .array(TogglProjectSchema)
  .nullable()
  .transform((v) => v ?? []);

export const TogglTaskSchema = z.object({
  id: TogglId,
  name: z.string(),
  project_id: TogglId,
  workspace_id: TogglId.optional(),
  active: z.boolean(),
});
export type TogglTask = z.infer<typeof TogglTaskSchema>;

export const TogglTasksPageSchema = z.object({
  data: z.array(TogglTaskSchema).nullable(),
  total_count: z.number().int().nonnegative().nullable().optional(),
});

/** GET /workspaces/{id}/tags (an array, or null when there are none), POST /workspaces/{id}/tags `{ name, workspace_id }`. */
export const TogglTagSchema = z.object({
  id: TogglId,
  workspace_id: TogglId,
  name: z.string(),
  deleted_at: z.string().nullable().optional(),
});
export type TogglTag = z.infer<typeof TogglTagSchema>;
export const TogglTagsSchema = z
  .array(TogglTagSchema)
  .nullable()
  .transform((v) => v ?? []);

export const TogglTimeEntrySchema = z.object({
  id: TogglId,
  workspace_id: TogglId,
  project_id: TogglId.nullable().optional(),
  task_id: TogglId.nullable().optional(),
  description: z.string().nullable().optional(),
  billable: Flag,
  tag_ids: z.array(TogglId).nullable().optional(),
  start: TogglInstant,
  stop: TogglInstant.nullable().optional(),
  /** Seconds; negative while running. */
  duration: z.number().int(),
  /** Last update. */
  at: TogglInstant,
  server_deleted_at: z.string().nullable().optional(),
});
export type TogglTimeEntry = z.infer<typeof TogglTimeEntrySchema>;

export const TogglTimeEntriesSchema = z
  .array(TogglTimeEntrySchema)
  .nullable()
  .transform((v) => v ?? []);

/** GET /me/time_entries/current answers JSON `null` when no timer runs. */
export const TogglCurrentSchema = TogglTimeEntrySchema.nullable();
