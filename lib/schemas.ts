import { z } from 'zod';
import { NOTES_MAX } from './entry';

/** A task as it travels from a page to the background: page text is data, bounded in size. */
export const TaskSchema = z.object({
  integration: z.string().min(1).max(64),
  id: z.string().min(1).max(300),
  title: z.string().max(1000),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  groupId: z.string().max(300).optional(),
  groupName: z.string().max(300).optional(),
});
export type Task = z.infer<typeof TaskSchema>;

/**
 * One time entry. The running timer is an entry with `running: true` (kept in its own storage item so
 * content scripts watch one small value); stopped and manual entries live in the entries list.
 */
export const EntrySchema = z.object({
  id: z.string().min(1).max(64),
  task: TaskSchema.nullable(),
  notes: z.string().max(NOTES_MAX),
  /** Local calendar day the entry counts for, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Wall-clock start (timers and ranges); null for a plain manual duration. */
  startedAt: z.number().int().nullable(),
  /** Wall-clock end; null while running or for a plain manual duration. */
  endedAt: z.number().int().nullable(),
  /** Tracked time in ms (0 while running: elapsed is derived from startedAt). */
  durationMs: z.number().int().min(0),
  running: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Entry = z.infer<typeof EntrySchema>;
