/**
 * zod schemas for every Harvest answer Stint reads. Only the fields Stint uses are required; everything else
 * Harvest sends is ignored, so additions on Harvest's side never break parsing. Field shapes follow the docs:
 * - user (GET /v2/users/me): https://help.getharvest.com/api-v2/users-api/users/users/
 * - company (GET /v2/company): https://help.getharvest.com/api-v2/company-api/company/company/
 * - project assignments: https://help.getharvest.com/api-v2/users-api/users/project-assignments/
 * - time entries: https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/
 * - pagination (`links.next`, cursor-based pages may have `page: null`):
 *   https://help.getharvest.com/api-v2/introduction/overview/pagination/
 * - accounts (GET https://id.getharvest.com/api/v2/accounts):
 *   https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/
 */
import { z } from 'zod';

/** Harvest ids are JSON integers (bigint on their side; well inside the safe range). */
export const HarvestId = z.number().int().nonnegative();

/** "YYYY-MM-DD". */
export const HarvestDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');

/** ISO 8601 datetime ("2017-06-27T16:01:23Z"). */
export const HarvestDateTime = z.iso.datetime({ offset: true });

/** A time of day in the account's clock: "8:00am", "1:30 PM" (12h) or "08:00", "17:45" (24h). */
export const TIME_OF_DAY = /^\s*(\d{1,2}):(\d{2})\s*(?:([ap])\.?m\.?)?\s*$/i;
export const HarvestTimeOfDay = z.string().regex(TIME_OF_DAY, 'expected a time such as "8:00am" or "08:00"');

const Named = z.object({ id: HarvestId, name: z.string() });

export const HarvestUserSchema = z.object({
  id: HarvestId,
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().optional(),
});
export type HarvestUser = z.infer<typeof HarvestUserSchema>;

export const HarvestCompanySchema = z.object({
  name: z.string(),
  wants_timestamp_timers: z.boolean(),
  clock: z.enum(['12h', '24h']),
});
export type HarvestCompany = z.infer<typeof HarvestCompanySchema>;

export const HarvestLinksSchema = z.object({
  next: z.string().nullable(),
});

export const HarvestTaskAssignmentSchema = z.object({
  id: HarvestId,
  is_active: z.boolean(),
  billable: z.boolean().nullable().optional(),
  task: Named,
});

export const HarvestProjectAssignmentSchema = z.object({
  id: HarvestId,
  is_active: z.boolean(),
  project: z.object({ id: HarvestId, name: z.string(), code: z.string().nullable().optional() }),
  client: Named.nullable().optional(),
  task_assignments: z.array(HarvestTaskAssignmentSchema),
});
export type HarvestProjectAssignment = z.infer<typeof HarvestProjectAssignmentSchema>;

export const HarvestProjectAssignmentsPageSchema = z.object({
  project_assignments: z.array(HarvestProjectAssignmentSchema),
  links: HarvestLinksSchema,
});

export const HarvestExternalReferenceSchema = z.object({
  // Documented as a string; tolerate a number rather than rejecting the whole entry.
  id: z.union([z.string(), z.number()]).transform(String),
  group_id: z.union([z.string(), z.number()]).nullable().optional(),
  account_id: z.union([z.string(), z.number()]).nullable().optional(),
  permalink: z.string().nullable().optional(),
  service: z.string().nullable().optional(),
  service_icon_url: z.string().nullable().optional(),
});

export const HarvestTimeEntrySchema = z.object({
  id: HarvestId,
  spent_date: HarvestDate,
  /** Decimal hours, including the running timer. */
  hours: z.number().nonnegative(),
  /** Hours tracked before the timer was last started. */
  hours_without_timer: z.number().nonnegative().optional(),
  notes: z.string().nullable(),
  is_running: z.boolean(),
  timer_started_at: HarvestDateTime.nullable().optional(),
  started_time: HarvestTimeOfDay.nullable().optional(),
  ended_time: HarvestTimeOfDay.nullable().optional(),
  created_at: HarvestDateTime,
  updated_at: HarvestDateTime.optional(),
  user: Named,
  project: Named,
  task: Named,
  external_reference: HarvestExternalReferenceSchema.nullable().optional(),
});
export type HarvestTimeEntry = z.infer<typeof HarvestTimeEntrySchema>;

export const HarvestTimeEntriesPageSchema = z.object({
  time_entries: z.array(HarvestTimeEntrySchema),
  links: HarvestLinksSchema,
});

export const HarvestAccountsSchema = z.object({
  user: z.object({ id: HarvestId, first_name: z.string(), last_name: z.string(), email: z.string() }).partial().optional(),
  accounts: z.array(z.object({ id: HarvestId, name: z.string(), product: z.string() })),
});
export type HarvestAccounts = z.infer<typeof HarvestAccountsSchema>;
