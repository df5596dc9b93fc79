import { z } from 'zod';
import { NOTES_MAX } from '../core/entry';
import { AccountSchema, BookingRefSchema, RuleSchema, SettingsSchema, TagIdsSchema, TaskSchema } from '../core/schemas';
import { LAYERS } from '../inject/semantic';
import { integrations } from '../integrations';
import { providerInfo } from '../providers/catalog';

/**
 * The one protocol between contexts. Every message is parsed here, in the background, and checked against
 * its sender: content scripts may only send task intents and site reports; extension pages (popup, options)
 * may send all.
 */

const Notes = z.string().max(NOTES_MAX);
const Id = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD');
/** Which account/project/task to book to; omitted or null = the default (Local when no account is linked). */
const BookingRef = BookingRefSchema.omit({ tagIds: true }).nullable().optional();
/** Tags chosen for an entry (ids of its workspace's tags); omitted = as they were (a rule's or the remembered ones for a new entry). */
const TagIds = TagIdsSchema.optional();
/** Billable as chosen; omitted = as it was, or the project's and task's default. */
const Billable = z.boolean().optional();
/** A booking request: a reference, null (Local) or undefined (the default). */
export type BookingRequest = z.infer<typeof BookingRef>;

/** Intents a content script (the injected button and modal) may send. */
export const TaskIntentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('timer.start'),
    task: TaskSchema.nullable(),
    notes: Notes,
    booking: BookingRef,
    tags: TagIds,
    billable: Billable,
  }),
  /** Stops the running timer; with `taskKey`, only if that task is the one running. */
  z.object({ type: z.literal('timer.stop'), taskKey: z.string().max(400).optional() }),
  /** Manual entry: `time` is what the user typed (parsed in the background with lib/core/time.ts). */
  z.object({
    type: z.literal('entry.save'),
    task: TaskSchema.nullable(),
    notes: Notes,
    time: z.string().max(100),
    day: Day,
    booking: BookingRef,
    tags: TagIds,
    billable: Billable,
    /** Save even when this meeting (a task with a span) is already logged that day: the user saw the warning. */
    again: z.boolean().optional(),
  }),
  /** Changes the running timer's notes, booking, tags or billable flag (the modal while running). */
  z.object({ type: z.literal('timer.update'), notes: Notes.optional(), booking: BookingRef, tags: TagIds, billable: Billable }),
]);

/** One of the integrations Stint ships (a report about anything else is refused). */
const IntegrationId = z.enum(integrations.map((i) => i.id) as [string, ...string[]]);

/** What a content script reports about the page it runs in (DESIGN.md "Where a button goes"): no URL, no task. */
export const SiteReportSchema = z.discriminatedUnion('type', [
  /** Which layer placed a task page's button, once per visit (site health). */
  z.object({ type: z.literal('anchor.placed'), integration: IntegrationId, layer: z.enum(LAYERS) }),
  /** The user hid the corner dock on this site (a trusted click on its ×). */
  z.object({ type: z.literal('dock.hide'), integration: IntegrationId }),
  /**
   * Suggestions (opt-in): the page's task is shown now (on showing, then every 30 s) or not any more. No time travels:
   * the background measures the span with its own clock (lib/core/seen.ts).
   */
  z.object({ type: z.literal('task.seen'), task: TaskSchema.extend({ integration: IntegrationId }), shown: z.boolean() }),
]);
export type SiteReport = z.infer<typeof SiteReportSchema>;

/** Intents only extension pages may send. */
export const PageIntentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('entry.update'),
    id: Id,
    notes: Notes.optional(),
    time: z.string().max(100).optional(),
    day: Day.optional(),
    booking: BookingRef,
    tags: TagIds,
    billable: Billable,
  }),
  z.object({ type: z.literal('entry.delete'), id: Id }),
  /** "Start again": a new running timer with the same task and notes. */
  z.object({ type: z.literal('entry.continue'), id: Id }),
]);

/**
 * The answer to the question open about the running timer (idle time: keep, discard or stop at the idle start; a
 * forgotten timer: keep or stop at the last activity). Only the timer's id travels: the times are the background's.
 * From extension pages, the modal frame and the notification's buttons (lib/background/activity.ts).
 */
export const PromptResolveSchema = z.object({
  type: z.literal('prompt.resolve'),
  timerId: Id,
  choice: z.enum(['keep', 'discard', 'stop']),
});
export type PromptResolve = z.infer<typeof PromptResolveSchema>;

const Secret = z.string().trim().min(1, 'enter the token').max(2000);
const BaseUrl = z.url({ protocol: /^https$/ }).max(500);
const Provider = AccountSchema.shape.provider;

/**
 * Creates a tag in a linked account's workspace (where the workspace lets its members): the tag pickers' "Create".
 * Extension pages and the modal frame may send it; the name is data, bounded like the tracker bounds it.
 */
export const TagCreateSchema = z.object({
  type: z.literal('tag.create'),
  accountId: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(100),
});

/** Account management, only from the options page and popup (extension pages). */
export const AccountIntentSchema = z.discriminatedUnion('type', [
  /** Harvest accounts a Personal Access Token can use (first step of linking by token). */
  z.object({ type: z.literal('harvest.accounts'), token: Secret }),
  /** Clockify / Toggl workspaces an API key or token can use, with locks and required fields. */
  z.object({
    type: z.literal('workspaces.list'),
    provider: Provider.refine((id) => providerInfo(id)?.scope === 'workspace', 'not a workspace tracker'),
    token: Secret,
    baseUrl: BaseUrl.optional(),
  }),
  z.object({
    type: z.literal('account.link'),
    provider: Provider,
    token: Secret,
    remoteAccountId: Id,
    /** Clockify regional or self-hosted API base URL. */
    baseUrl: BaseUrl.optional(),
  }),
  /** Harvest OAuth sign-in (implicit flow through browser.identity). */
  z.object({ type: z.literal('account.signin'), provider: z.literal('harvest') }),
  z.object({ type: z.literal('account.unlink'), id: z.string().min(1).max(200) }),
  z.object({ type: z.literal('account.default'), id: z.string().min(1).max(200) }),
  /** Reloads the account's projects and tasks. */
  z.object({ type: z.literal('account.refresh'), id: z.string().min(1).max(200) }),
  /** Self-hosted domain of a site type (the page asked for the host permission first). */
  z.object({ type: z.literal('site.add'), origin: z.string().min(1).max(300), integration: z.string().min(1).max(64) }),
  z.object({ type: z.literal('site.remove'), origin: z.string().min(1).max(300) }),
  /** Anchor selector override for an integration ('' removes it). */
  z.object({ type: z.literal('selector.set'), integration: z.string().min(1).max(64), selector: z.string().max(500) }),
  z.object({ type: z.literal('integration.enable'), integration: z.string().min(1).max(64), enabled: z.boolean() }),
  /** Preferences (notes template, attach toggle, week start, rounding, clock). */
  z.object({ type: z.literal('settings.update'), ...SettingsSchema.partial().shape }),
  /** Per-site rule: tasks of integration + group ('*' = any) book to this account/project/task. */
  z.object({ type: z.literal('rule.set'), ...RuleSchema.shape }),
  z.object({ type: z.literal('rule.remove'), integration: z.string().min(1).max(64), groupId: z.string().min(1).max(300) }),
  /** Settings as JSON without secrets (with the suggestions' data only when asked); import takes such a file. */
  z.object({ type: z.literal('settings.export'), withSeen: z.boolean().optional() }),
  z.object({ type: z.literal('settings.import'), file: z.unknown() }),
  /** Sync now (popup opened, "Retry" pressed): flush the outbox and look for remote changes. */
  z.object({ type: z.literal('sync.now') }),
  /** Every entry as CSV, with its sync state (options, Data). */
  z.object({ type: z.literal('entries.export') }),
  /** Shows a site's corner dock again (options). */
  z.object({ type: z.literal('dock.show'), integration: IntegrationId }),
  /** Suggestions: hides one day's suggestion for a task (popup). */
  z.object({ type: z.literal('seen.dismiss'), day: Day, key: z.string().min(1).max(400) }),
  /** Suggestions: forgets all the time seen (options). */
  z.object({ type: z.literal('seen.clear') }),
]);

/** What an extension page renders: a snapshot of these parts of the state (lib/background/snapshot.ts). */
export const TOPICS = [
  'timer',
  'recent',
  'settings',
  'accounts',
  'assignments',
  'status',
  'lastBooking',
  'pending',
  'rules',
  'sites',
  'prompt',
  'seen',
] as const;
export const StateRequestSchema = z.object({ type: z.literal('state.get'), topics: z.array(z.enum(TOPICS)).max(TOPICS.length) });
export type AccountIntent = z.infer<typeof AccountIntentSchema>;

/** The content script opens the modal (lib/background/modals.ts): its task, and the nonce its frame will claim with. */
export const ModalOpenSchema = z.object({ type: z.literal('modal.open'), task: TaskSchema.nullable(), nonce: z.uuid() });
/** The modal frame claims its opening, once, and gets its task. */
export const ModalClaimSchema = z.object({ type: z.literal('modal.claim'), nonce: z.uuid() });

export const MessageSchema = z.union([
  TaskIntentSchema,
  SiteReportSchema,
  PageIntentSchema,
  PromptResolveSchema,
  AccountIntentSchema,
  StateRequestSchema,
  ModalOpenSchema,
  ModalClaimSchema,
  TagCreateSchema,
]);
/** What the modal frame may send: task intents, the answer to a question about its task's timer, reading the state it renders, and a new tag from its picker. */
export const ModalMessageSchema = z.union([TaskIntentSchema, PromptResolveSchema, StateRequestSchema, ModalClaimSchema, TagCreateSchema]);
/** What the page's button may send: task intents and site reports, as one discriminated union (a rejection names the field at fault). */
const ContentMessageSchema = z.discriminatedUnion('type', [...TaskIntentSchema.options, ...SiteReportSchema.options, ModalOpenSchema]);
export type TaskIntent = z.infer<typeof TaskIntentSchema>;
export type Message = z.infer<typeof MessageSchema>;
/** Intents the timer state machine (lib/core/tracker.ts) handles. */
export type TrackerIntent = z.infer<typeof TaskIntentSchema> | z.infer<typeof PageIntentSchema>;

const ACCOUNT_TYPES = new Set<string>(AccountIntentSchema.options.map((o) => o.shape.type.value));
export const isAccountIntent = (m: Message): m is AccountIntent => ACCOUNT_TYPES.has(m.type);

// Built once: made per message, it was a new schema object graph (and its garbage) for every message the worker got.
const RequestIdSchema = z.uuid();

/**
 * The id a client gives each intent it sends (lib/ui/client.ts), the same on every try: the background applies a
 * timer intent once per id. Outside the message schemas, so every message may carry one; null when absent or
 * malformed.
 */
export function requestIdOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null && 'requestId' in raw ? (raw as { requestId: unknown }).requestId : null;
  return RequestIdSchema.safeParse(id).success ? (id as string) : null;
}

/** extension-page: popup, options; modal: the timer frame inside a web page; content-script: the page's button. */
export type SenderKind = 'extension-page' | 'modal' | 'content-script' | 'foreign';

/** Who sent a message, from the browser's own sender record (never from the message body). */
export function senderKind(sender: { id?: string; url?: string; tab?: unknown }, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  // The in-page modal is our page but lives in a web page's frame: task intents, and reading what it renders.
  if (sender.url?.startsWith(`${extensionOrigin}modal.html`)) return 'modal';
  if (sender.url?.startsWith(extensionOrigin)) return 'extension-page';
  return sender.tab ? 'content-script' : 'foreign';
}

/** Parses an incoming message for a sender; a rejection says why, in words a developer can act on. */
export function parseMessage(raw: unknown, kind: SenderKind): { ok: true; message: Message } | { ok: false; error: string } {
  if (kind === 'foreign') return { ok: false, error: 'Rejected: message from outside Stint.' };
  const schema = kind === 'extension-page' ? MessageSchema : kind === 'modal' ? ModalMessageSchema : ContentMessageSchema;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  // Only a string type is echoed back: String() of a hostile object (a throwing toString) must not escape.
  const claimed = typeof raw === 'object' && raw !== null && 'type' in raw ? (raw as { type: unknown }).type : undefined;
  const type = typeof claimed === 'string' ? claimed : undefined;
  if (kind !== 'extension-page' && type && MessageSchema.safeParse(raw).success) {
    return { ok: false, error: `Rejected: "${type}" is not allowed from a web page.` };
  }
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `Rejected${type ? ` "${type.slice(0, 40)}"` : ''}: ${issue?.message ?? 'invalid message'}${where}.` };
}
