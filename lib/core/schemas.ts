import { z } from 'zod';
import { isProvider } from '../providers/catalog';
import { DEFAULT_SETTINGS } from './defaults';
import { NOTES_MAX } from './entry';

/**
 * When a task happened, for tasks that are meetings (calendar events): an all-day event's date, or a timed
 * event's start and end (epoch ms; the modal shows them in the user's time zone).
 */
export const TaskSpanSchema = z.union([
  z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
  z
    .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
    .strict()
    .refine((s) => s.end > s.start && s.end - s.start <= 7 * 86_400_000, 'a span ends after it starts, within a week'),
]);
export type TaskSpan = z.infer<typeof TaskSpanSchema>;

/** A task as it travels from a page to the background: page text is data, bounded in size. */
export const TaskSchema = z.object({
  integration: z.string().min(1).max(64),
  id: z.string().min(1).max(300),
  title: z.string().max(1000),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  groupId: z.string().max(300).optional(),
  groupName: z.string().max(300).optional(),
  span: TaskSpanSchema.optional(),
});
export type Task = z.infer<typeof TaskSchema>;

/** Where an entry is booked: a linked account's project and task. Absent/null = the Local backend. */
export const BookingSchema = z.object({
  accountId: z.string().min(1).max(64),
  /**
   * Empty: no project (an entry read back from a Clockify or Toggl workspace that allows none). Pages can never
   * book there themselves: their requests carry a BookingRef, checked against the account's project list.
   */
  projectId: z.string().max(64),
  /** Empty for backends that book to a project only. */
  taskId: z.string().max(64),
  /** Display labels, resolved by the background from the account's assignment list. */
  projectName: z.string().max(300).default(''),
  taskName: z.string().max(300).default(''),
});
export type Booking = z.infer<typeof BookingSchema>;

/** Most tags one entry (or one rule) carries: far above what people pick, a bound on what a page may send. */
export const TAGS_MAX = 50;
/** A workspace's tag (Clockify, Toggl), as an entry carries it: the id the tracker knows, the name people read. */
export const TagSchema = z.object({ id: z.string().min(1).max(64), name: z.string().max(300) });
export type Tag = z.infer<typeof TagSchema>;
export const TagIdsSchema = z.array(z.string().min(1).max(64)).max(TAGS_MAX);

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
  /** Linked account + project/task; null = kept locally only (entries from before accounts existed parse as null). */
  booking: BookingSchema.nullable().default(null),
  /**
   * The workspace's tags chosen for the entry (trackers with tags: Clockify, Toggl). Absent on entries Stint never
   * tagged (older ones, Local, Harvest): the tracker's own tags on them are then left as they are.
   */
  tags: z.array(TagSchema).max(TAGS_MAX).optional(),
  /** Billable, as chosen (defaulting from the project and task); absent: the tracker decides from the project. */
  billable: z.boolean().optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Entry = z.infer<typeof EntrySchema>;

/** What a workspace requires on every entry (Clockify forceProjects/forceTasks/forceDescription/forceTags). */
export const RequiredFieldsSchema = z.object({ project: z.boolean(), task: z.boolean(), description: z.boolean(), tags: z.boolean() });
export type RequiredFields = z.infer<typeof RequiredFieldsSchema>;
export const NO_REQUIRED_FIELDS: RequiredFields = { project: false, task: false, description: false, tags: false };

/** A linked time-tracking account. Secrets are never here (lib/background/secrets.ts). */
export const AccountSchema = z.object({
  /** Stint's id for the account: `provider:remoteAccountId`. */
  id: z.string().min(1).max(200),
  /** A tracker of lib/providers/catalog.ts. */
  provider: z.string().min(1).max(40).refine(isProvider, 'unknown tracker'),
  /** Harvest account id, Clockify or Toggl workspace id. */
  remoteAccountId: z.string().min(1).max(100),
  accountName: z.string().max(300),
  userId: z.string().max(100),
  userName: z.string().max(300),
  auth: z.enum(['token', 'oauth']),
  timestampTimers: z.boolean(),
  clock: z.enum(['12h', '24h']),
  /** Clockify regional or self-hosted API base URL. */
  baseUrl: z.string().max(500).optional(),
  addedAt: z.number().int(),
  /** Fields the workspace requires on every entry (Clockify/Toggl workspace settings); accounts stored before parse as none. */
  required: RequiredFieldsSchema.default(NO_REQUIRED_FIELDS),
});
export type Account = z.infer<typeof AccountSchema>;

/**
 * The outbox: per entry, what the remote side must become. Written in the same storage write as the entry
 * itself, so an intent is durable before any UI shows it; the sync engine works until every record is clean.
 */
export const SyncRecordSchema = z.object({
  entryId: z.string().min(1).max(64),
  accountId: z.string().min(1).max(200),
  remoteId: z.string().max(100).nullable(),
  /** Entry version (its updatedAt) the remote side must reach, and the one it is known to have. */
  wantVersion: z.number().int(),
  pushedVersion: z.number().int(),
  /** Whether the remote entry is a running timer. */
  remoteRunning: z.boolean(),
  /** The entry was deleted (or moved away): remove it remotely. `snapshot` keeps what it was. */
  deleted: z.boolean(),
  snapshot: EntrySchema.nullable(),
  /** A create was sent at this time and its answer not recorded: reconcile before sending another. */
  createAttemptAt: z.number().int().nullable(),
  /** The entry as that create sent it (what reconciliation looks for). */
  sent: EntrySchema.nullable(),
  attempts: z.number().int().min(0),
  /** Not before this time (backoff, Retry-After); Infinity is stored as null = parked until the entry changes. */
  nextAt: z.number().int().nullable(),
  error: z.string().max(1000).nullable(),
  /**
   * The remote entry as Stint last knew it (lib/sync/readback-merge.ts `remoteStamp`: a digest of its fields),
   * from the answer to the last push or the last read-back; records from before the read-back have none.
   */
  remoteStamp: z.string().max(64).optional(),
  /** The read-back found the remote entry changed elsewhere while this record's local edit waited: the edit wins. */
  remoteChangedAt: z.number().int().optional(),
});
export type SyncRecord = z.infer<typeof SyncRecordSchema>;

/**
 * An account's connection, as the sync engine last found it: ok; offline (unreachable); rate-limited (asked to
 * wait); trouble (server errors: retrying); refused (entries parked until the user edits them); needs-reconnect.
 */
export const ACCOUNT_STATES = ['ok', 'offline', 'rate-limited', 'trouble', 'refused', 'needs-reconnect'] as const;

/** What the user sees about an account's connection. `message` is the detail (a server's or the network's words). */
export const AccountStatusSchema = z.object({
  // Earlier builds said 'error' for both server trouble and refused entries: read as trouble (the next sync says).
  state: z.preprocess((s) => (s === 'error' ? 'trouble' : s), z.enum(ACCOUNT_STATES)),
  message: z.string().max(1000),
  lastSyncAt: z.number().int().nullable(),
  /** When the engine wrote this status: a flush that finds the same state, message and last sync writes nothing. */
  checkedAt: z.number().int(),
});
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/** A local time of day, 'HH:MM' (24 h). */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** Preferences (options page). */
export const SettingsSchema = z.object({
  notesTemplate: z.string().max(500),
  /** Attach the task's id, title and link to entries. */
  attachTask: z.boolean(),
  /** First day of the week in the popup's week summary. */
  weekStart: z.enum(['monday', 'sunday']),
  /** Round manual durations up to this many minutes (0 = as typed), like Harvest's rounding. */
  roundingMinutes: z.union([z.literal(0), z.literal(5), z.literal(6), z.literal(10), z.literal(15), z.literal(30)]),
  /** 12 or 24 h clock; 'auto' follows the default account (or the browser's locale). */
  clock: z.enum(['auto', '12h', '24h']),
  /** Ask about idle time while a timer ran after this many minutes idle (lib/core/activity.ts); 0 = never. */
  idleMinutes: z.number().int().min(0).max(240),
  /** Remind of a timer still running after this local time; '' = no. */
  endOfDay: z.union([z.literal(''), ClockTime]),
  /** …or running longer than this many hours; 0 = no. */
  maxTimerHours: z.number().int().min(0).max(24),
  /** The reminder to track (opt-in): after some minutes of activity with no timer, in working days and hours. */
  trackReminder: z.object({
    enabled: z.boolean(),
    days: z.array(z.number().int().min(0).max(6)).max(7),
    from: ClockTime,
    to: ClockTime,
    afterMinutes: z.number().int().min(1).max(240),
  }),
  /** On-device suggestions (opt-in, lib/core/seen.ts): count the time task pages are shown; never leaves the browser. */
  suggestions: z.boolean(),
});
/** Settings stored or exported by older builds lack the later fields: those read as their defaults. */
export const StoredSettingsSchema = SettingsSchema.extend({
  weekStart: SettingsSchema.shape.weekStart.default('monday'),
  roundingMinutes: SettingsSchema.shape.roundingMinutes.default(0),
  clock: SettingsSchema.shape.clock.default('auto'),
  idleMinutes: SettingsSchema.shape.idleMinutes.default(DEFAULT_SETTINGS.idleMinutes),
  endOfDay: SettingsSchema.shape.endOfDay.default(DEFAULT_SETTINGS.endOfDay),
  maxTimerHours: SettingsSchema.shape.maxTimerHours.default(DEFAULT_SETTINGS.maxTimerHours),
  trackReminder: SettingsSchema.shape.trackReminder.default(DEFAULT_SETTINGS.trackReminder),
  suggestions: SettingsSchema.shape.suggestions.default(DEFAULT_SETTINGS.suggestions),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A pinned rule: tasks of this integration and group (repository, board, Jira project; '*' = any) book here. */
export const RuleSchema = z.object({
  integration: z.string().min(1).max(64),
  groupId: z.string().min(1).max(300),
  accountId: z.string().min(1).max(200),
  projectId: z.string().min(1).max(64),
  taskId: z.string().max(64),
  /** Tags the rule's entries carry (the account's workspace tags), remembered like the booking. */
  tagIds: TagIdsSchema.optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

/** A project/task choice without display labels (what is remembered per task group, and what rules point at). */
export const BookingRefSchema = z.object({
  accountId: z.string().min(1).max(200),
  projectId: z.string().min(1).max(64),
  taskId: z.string().max(64),
  /** The tags last chosen with it (remembered per task group; ignored in a message's booking). */
  tagIds: TagIdsSchema.optional(),
});
export type BookingRef = z.infer<typeof BookingRefSchema>;

/** Idle and activity data (lib/core/activity.ts), kept across the worker's stops. */
export const ActivitySchema = z.object({
  state: z.enum(['active', 'idle', 'locked']),
  idleSince: z.number().int().nullable(),
  untrackedSince: z.number().int().nullable(),
  remindedAt: z.number().int().nullable(),
  forgottenFor: z.string().max(64).nullable(),
});

/** The question open about the running timer: idle time, or a forgotten timer (lib/core/activity.ts). */
export const PromptSchema = z.object({
  kind: z.enum(['idle', 'forgotten']),
  timerId: z.string().min(1).max(64),
  from: z.number().int(),
  to: z.number().int(),
  idleMs: z.number().int().min(0),
});

/** A task as the suggestions keep it (lib/core/seen.ts): no meeting span, a short title. */
const SeenTaskSchema = TaskSchema.omit({ span: true }).extend({ title: z.string().max(200) });
/** Time seen per day per task, the tabs showing one, and how far time is credited (lib/core/seen.ts). */
export const SeenSchema = z.object({
  days: z.record(
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    z.record(
      z.string().max(400),
      z.object({
        task: SeenTaskSchema,
        ms: z
          .number()
          .int()
          .min(0)
          .max(25 * 3_600_000),
        dismissed: z.boolean().optional(),
      }),
    ),
  ),
  tabs: z.record(z.string().max(20), z.object({ key: z.string().max(400), at: z.number().int() })),
  until: z.number().int(),
});
