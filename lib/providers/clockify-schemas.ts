/**
 * zod schemas for every Clockify answer Stint reads (API v1, https://docs.clockify.me/). Only the fields Stint
 * uses are declared; everything else Clockify sends is ignored, so additions on Clockify's side never break
 * parsing. Shapes:
 * - user (GET /user): `settings.timeFormat` is "HOUR12" | "HOUR24", `settings.timeZone` an IANA zone.
 * - workspace (GET /workspaces, /workspaces/{id}): `memberships[]` with `membershipStatus`, and
 *   `workspaceSettings.forceProjects | forceTasks | forceDescription | forceTags` (the "required fields").
 * - project (GET /workspaces/{id}/projects?hydrated=true): `archived`, `billable`, `clientName`, and `tasks[]`
 *   when hydrated; task `status` is "ACTIVE" | "DONE".
 * - tag (GET/POST /workspaces/{id}/tags): `id`, `name`, `archived`; `workspaceSettings.onlyAdminsCreateTag`.
 * - time entry: `tagIds`, `billable`, `timeInterval.start` / `end` as ISO instants ("2024-05-06T09:00:00Z"), `end` null while running.
 */
import { z } from 'zod';

/** Clockify ids are 24-hex MongoDB ObjectIds; accept any non-empty id rather than guessing the format. */
export const ClockifyId = z.string().min(1);

/** ISO 8601 instant ("2024-05-06T09:00:00Z", fractional seconds and offsets allowed). */
export const ClockifyInstant = z.iso.datetime({ offset: true });

const Flag = z.boolean().nullable().optional();

export const ClockifyUserSchema = z.object({
  id: ClockifyId,
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  settings: z
    .object({
      timeFormat: z.string().nullable().optional(),
      timeZone: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type ClockifyUser = z.infer<typeof ClockifyUserSchema>;

export const ClockifyMembershipSchema = z.object({
  userId: ClockifyId,
  membershipType: z.string().nullable().optional(),
  membershipStatus: z.string().nullable().optional(),
});

export const ClockifyWorkspaceSettingsSchema = z.object({
  forceProjects: Flag,
  forceTasks: Flag,
  forceDescription: Flag,
  forceTags: Flag,
  /** Members who are not admins may not create tags. */
  onlyAdminsCreateTag: Flag,
});

export const ClockifyWorkspaceSchema = z.object({
  id: ClockifyId,
  name: z.string(),
  memberships: z.array(ClockifyMembershipSchema).nullable().optional(),
  workspaceSettings: ClockifyWorkspaceSettingsSchema.nullable().optional(),
});
export type ClockifyWorkspace = z.infer<typeof ClockifyWorkspaceSchema>;

export const ClockifyWorkspacesSchema = z.array(ClockifyWorkspaceSchema);

export const ClockifyTaskSchema = z.object({
  id: ClockifyId,
  name: z.string(),
  projectId: ClockifyId,
  status: z.string(),
  billable: Flag,
});
export type ClockifyTask = z.infer<typeof ClockifyTaskSchema>;

export const ClockifyTasksSchema = z.array(ClockifyTaskSchema);

export const ClockifyProjectSchema = z.object({
  id: ClockifyId,
  name: z.string(),
  archived: z.boolean(),
  billable: Flag,
  clientName: z.string().nullable().optional(),
  /** Present only with `hydrated=true`. */
  tasks: z.array(ClockifyTaskSchema).nullable().optional(),
});
export type ClockifyProject = z.infer<typeof ClockifyProjectSchema>;

export const ClockifyProjectsSchema = z.array(ClockifyProjectSchema);

/** GET /workspaces/{id}/tags (paged), POST /workspaces/{id}/tags `{ name }`. */
export const ClockifyTagSchema = z.object({
  id: ClockifyId,
  name: z.string(),
  archived: z.boolean().nullable().optional(),
});
export type ClockifyTag = z.infer<typeof ClockifyTagSchema>;
export const ClockifyTagsSchema = z.array(ClockifyTagSchema);

export const ClockifyTimeEntrySchema = z.object({
  id: ClockifyId,
  description: z.string().nullable().optional(),
  projectId: ClockifyId.nullable().optional(),
  taskId: ClockifyId.nullable().optional(),
  tagIds: z.array(ClockifyId).nullable().optional(),
  billable: Flag,
  userId: ClockifyId.optional(),
  workspaceId: ClockifyId.optional(),
  timeInterval: z.object({
    start: ClockifyInstant,
    end: ClockifyInstant.nullable().optional(),
    duration: z.string().nullable().optional(),
  }),
});
export type ClockifyTimeEntry = z.infer<typeof ClockifyTimeEntrySchema>;

export const ClockifyTimeEntriesSchema = z.array(ClockifyTimeEntrySchema);
