/**
 * One interface for every time-tracking backend (Harvest, Clockify, Toggl; Local needs none: it is the store).
 * Providers are plain API clients: no storage, no retries, no queue. The sync engine (lib/sync/) decides when
 * to call them, retries, paces and reconciles. Every response is parsed with zod in the provider; a mismatch
 * is a ProviderError of kind 'invalid-response', never a crash or a silently wrong entry.
 */

/** A project/task pair the user can book time to (Harvest task assignment, Clockify project+task…). */
export interface Assignment {
  projectId: string;
  projectName: string;
  projectCode?: string;
  clientName?: string;
  /** Empty when the backend books to a project without a task (Clockify, Toggl). */
  taskId: string;
  taskName: string;
  billable?: boolean;
}

/** What Stint wants to exist remotely for one local entry. */
export interface EntryInput {
  /** Stint's own entry id: used to reconcile creates whose response was lost. */
  localId: string;
  projectId: string;
  taskId: string;
  notes: string;
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** Wall-clock start/end in ms (timers, ranges); null for a plain duration. */
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number;
  running: boolean;
  /** Link back to the task page (Harvest `external_reference`). */
  task?: { id: string; groupId?: string; url: string; integration: string; meeting?: boolean };
  /** The workspace's tag ids (Clockify, Toggl); undefined leaves the remote entry's tags as they are. */
  tagIds?: string[];
  /** Billable as chosen; undefined lets the tracker decide from the project and task. */
  billable?: boolean;
}

/** A workspace tag (Clockify, Toggl). */
export interface RemoteTag {
  id: string;
  name: string;
}

/** A workspace's tags, and whether this user may add one (the workspace may reserve that to its admins). */
export interface WorkspaceTags {
  tags: RemoteTag[];
  canCreate: boolean;
}

/** The remote side of an entry as the provider reports it. */
export interface RemoteEntry {
  remoteId: string;
  running: boolean;
  day: string;
  durationMs: number;
  notes: string;
  projectId: string;
  taskId: string;
  startedAt: number | null;
  /** Server creation time (ms), for reconciliation. */
  createdAt: number;
  externalId?: string;
  /** Link back to the task page the entry was started from (Harvest external_reference.permalink). */
  permalink?: string;
  /** Its tag ids and billable flag, where the tracker reports them. */
  tagIds?: string[];
  billable?: boolean;
}

export interface Identity {
  userId: string;
  userName: string;
  accountId: string;
  accountName: string;
  /** Harvest: `wants_timestamp_timers`; others: always true. */
  timestampTimers: boolean;
  clock: '12h' | '24h';
  /** The plan that sets the account's API quota (Toggl: free, starter, premium), when the tracker says. */
  plan?: string;
}

export type ProviderErrorKind =
  /** No answer (offline, DNS, dropped connection, timeout): retry with backoff. */
  | 'network'
  /** 5xx: retry with backoff. */
  | 'server'
  /** 429: wait retryAfterMs, then retry. */
  | 'rate-limit'
  /** Toggl 402: plan quota exhausted until retryAfterMs. */
  | 'quota'
  /** 401 / revoked or expired token: the account needs reconnecting; do not retry until it is. */
  | 'auth'
  /** 403: the token works but may not do this (permissions, locked workspace). */
  | 'forbidden'
  /** 404: the remote object is gone. */
  | 'not-found'
  /** 400/409/422: the server refused the data; its message is shown to the user. */
  | 'rejected'
  /** The answer did not match the documented shape. */
  | 'invalid-response';

/**
 * Whether a call that failed certainly changed nothing: refused before it left, or refused by the server (auth,
 * forbidden, not found, rejected data, rate limit, quota). A dropped connection, a 5xx or an unreadable answer may
 * have changed something.
 */
export const neverApplied = (err: unknown): boolean =>
  err instanceof ProviderError &&
  (err.options.sent === false || (err.kind !== 'network' && err.kind !== 'server' && err.kind !== 'invalid-response'));

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    /** `sent: false`: refused before it left (the pacer, the budget): the server never saw it. */
    readonly options: { status?: number; retryAfterMs?: number; sent?: false } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface Provider {
  identity(): Promise<Identity>;
  /** Active project/task pairs, every page followed. */
  assignments(): Promise<Assignment[]>;
  /** Creates an entry (running when input.running). */
  create(input: EntryInput): Promise<RemoteEntry>;
  /** Stops a running entry at input.endedAt (or now). */
  stop(remoteId: string, input: EntryInput): Promise<RemoteEntry>;
  /** stop() also writes every other field of the input, as update() does: the engine sends no update after it. */
  readonly stopWritesAll?: boolean;
  update(remoteId: string, input: EntryInput): Promise<RemoteEntry>;
  /** Deleting something already gone is success. */
  remove(remoteId: string): Promise<void>;
  /** The user's running entry, if any (remote changes made elsewhere). */
  running(): Promise<RemoteEntry | null>;
  /**
   * Reconciliation after a lost create response: the remote entries that `input` already produced, oldest
   * first, excluding remote ids Stint already knows. Matches on day, project/task, task reference, notes,
   * duration and creation time ≥ `since`. More than one means the request was delivered twice (browsers
   * resend a request whose connection closed before any answer).
   */
  findCreated(input: EntryInput, since: number, known: ReadonlySet<string>): Promise<RemoteEntry[]>;
  /**
   * Optional: findCreated for many creates at once, with one listing per day instead of one per entry (a flush
   * of hundreds of creates reconciles them in a request or two). Answers in the order of `queries`.
   */
  findCreatedMany?(queries: readonly CreatedQuery[], known: ReadonlySet<string>): Promise<RemoteEntry[][]>;
  /** Trackers with tags (lib/providers/catalog.ts `tags`): the workspace's active tags, every page followed. */
  tags?(): Promise<WorkspaceTags>;
  /** Adds a tag to the workspace (one the user may create: see WorkspaceTags.canCreate). */
  createTag?(name: string): Promise<RemoteTag>;
  /**
   * Optional: the user's entries of the account (workspace) booked on the local days `fromDay`..`toDay` (YYYY-MM-DD,
   * both included), running ones too, every page followed: the read-back timesheet (lib/sync/readback.ts).
   */
  entriesBetween?(fromDay: string, toDay: string): Promise<RemoteEntry[]>;
}

/** One findCreated question: what did a create of `input`, attempted at `since`, produce? */
export interface CreatedQuery {
  input: EntryInput;
  since: number;
}
