import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { type Entry, TIMER_KEY } from '../core/entry';
import { HEALTH_VISITS, type Health } from '../core/health';
import {
  type Account,
  AccountSchema,
  type AccountStatus,
  AccountStatusSchema,
  EntrySchema,
  type SyncRecord,
  SyncRecordSchema,
} from '../core/schemas';
import { LAYERS } from '../inject/semantic';
import type { Assignment } from '../providers/types';
import type { Pace } from '../sync/pacer';

/**
 * Every persisted item, each with a version (WXT runs `migrations` when the version grows) and a zod schema:
 * what comes back from storage is checked on read, and an unreadable value is set aside, never fatal.
 *
 * Note: `local:` is readable by content scripts. Secrets never go here (see lib/background/secrets.ts).
 */

export const SettingsSchema = z.object({
  notesTemplate: z.string().max(500),
  /** Attach the task's id, title and link to entries. */
  attachTask: z.boolean(),
  /** First day of the week in the popup's week summary. */
  weekStart: z.enum(['monday', 'sunday']).default('monday'),
  /** Round manual durations up to this many minutes (0 = as typed), like Harvest's rounding. */
  roundingMinutes: z.union([z.literal(0), z.literal(5), z.literal(6), z.literal(10), z.literal(15), z.literal(30)]).default(0),
  /** 12 or 24 h clock; 'auto' follows the default account (or the browser's locale). */
  clock: z.enum(['auto', '12h', '24h']).default('auto'),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  notesTemplate: '#{id} {title}',
  attachTask: true,
  weekStart: 'monday',
  roundingMinutes: 0,
  clock: 'auto',
};

/** A pinned rule: tasks of this integration and group (repository, board, Jira project; '*' = any) book here. */
export const RuleSchema = z.object({
  integration: z.string().min(1).max(64),
  groupId: z.string().min(1).max(300),
  accountId: z.string().min(1).max(200),
  projectId: z.string().min(1).max(64),
  taskId: z.string().max(64),
});
export type Rule = z.infer<typeof RuleSchema>;

export const items = {
  /** The running timer (an Entry with running: true) or null. Watched by every button. */
  timer: storage.defineItem<Entry | null>(`local:${TIMER_KEY}`, { fallback: null, version: 1 }),
  /** Stopped timers and manual entries, newest first. */
  entries: storage.defineItem<Entry[]>('local:entries', { fallback: [], version: 1 }),
  settings: storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 }),
  /** Linked accounts (no secrets). */
  accounts: storage.defineItem<Account[]>('local:accounts', { fallback: [], version: 1 }),
  /** Account new entries are booked to: an account id, or 'local'. */
  defaultAccount: storage.defineItem<string>('local:defaultAccount', { fallback: 'local', version: 1 }),
  /** The outbox (lib/sync/outbox.ts): entry id → what the remote side must become. */
  outbox: storage.defineItem<Record<string, SyncRecord>>('local:outbox', { fallback: {}, version: 1 }),
  /** Connection status per account id. */
  status: storage.defineItem<Record<string, AccountStatus>>('local:status', { fallback: {}, version: 1 }),
  /** Assignable project/task pairs per account id, refreshed from the provider. */
  assignments: storage.defineItem<Record<string, { fetchedAt: number; list: Assignment[] }>>('local:assignments', {
    fallback: {},
    version: 1,
  }),
  /** Last booking chosen per task group (`integration:groupId`, and `*` for the last one overall). */
  lastBooking: storage.defineItem<Record<string, { accountId: string; projectId: string; taskId: string } | null>>('local:lastBooking', {
    fallback: {},
    version: 1,
  }),
  /** Integration settings read by content scripts (lib/integrations/config.ts): self-hosted origin → site type, */
  sites: storage.defineItem<Record<string, string>>('local:sites', { fallback: {}, version: 1 }),
  /** … integration id → anchor selector tried first (a repair without a release), … */
  selectorOverrides: storage.defineItem<Record<string, string>>('local:selectorOverrides', { fallback: {}, version: 1 }),
  /** … and sites turned off. */
  disabledIntegrations: storage.defineItem<string[]>('local:disabledIntegrations', { fallback: [], version: 1 }),
  /** … and sites whose corner dock the user hid (the dock's × button; options shows it again). */
  dockHidden: storage.defineItem<string[]>('local:dockHidden', { fallback: [], version: 1 }),
  /**
   * Site health (lib/core/health.ts): per integration, the layers that placed the button on the last visits.
   * Layers only, never a URL or a task.
   */
  anchorHealth: storage.defineItem<Health>('local:anchorHealth', { fallback: {}, version: 1 }),
  /** Per-site rules, most specific first when resolved (lib/core/rules.ts). */
  rules: storage.defineItem<Rule[]>('local:rules', { fallback: [], version: 1 }),
  /** OAuth client ids set in options (for builds without one, e.g. a company's own Harvest OAuth app). */
  oauthClientIds: storage.defineItem<{ harvest?: string }>('local:oauthClientIds', { fallback: {}, version: 1 }),
  /** Request pacing per provider, overriding the documented limits (tests and benches scale time down). */
  pace: storage.defineItem<Record<string, Pace>>('local:pace', { fallback: {}, version: 1 }),
};

/** Parses a stored value; on mismatch keeps the raw value under `<key>:unreadable` and returns the fallback. */
export async function readChecked<T>(key: `local:${string}`, raw: unknown, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  await setAside(key, raw, parsed.error.issues[0]?.message ?? 'invalid');
  return fallback;
}

/** Keeps an unreadable stored value under `<key>:unreadable` so nothing is ever silently dropped. */
async function setAside(key: `local:${string}`, raw: unknown, reason: string): Promise<void> {
  await storage.setItem(`${key}:unreadable` as `local:${string}`, { at: Date.now(), reason, raw });
  console.warn(`Stint: stored ${key} was unreadable and was set aside: ${reason}`);
}

export const readTimer = async (): Promise<Entry | null> =>
  readChecked('local:timer', await items.timer.getValue(), EntrySchema.nullable(), null);

/** Entries, one by one: a damaged entry is set aside, the others stay usable. */
export async function readEntries(): Promise<Entry[]> {
  const raw = await items.entries.getValue();
  const list = Array.isArray(raw) ? raw : [];
  const good: Entry[] = [];
  const bad: unknown[] = [];
  for (const item of list) {
    const parsed = EntrySchema.safeParse(item);
    if (parsed.success) good.push(parsed.data);
    else bad.push(item);
  }
  if (!Array.isArray(raw)) await setAside('local:entries', raw, 'not a list');
  else if (bad.length > 0) await setAside('local:entries', bad, `${bad.length} damaged entries`);
  return good;
}

export const readSettings = async (): Promise<Settings> =>
  readChecked('local:settings', await items.settings.getValue(), SettingsSchema, DEFAULT_SETTINGS);

const recordOf = <T>(schema: z.ZodType<T>) => z.record(z.string(), schema);

export const readOutbox = async (): Promise<Record<string, SyncRecord>> =>
  readChecked('local:outbox', await items.outbox.getValue(), recordOf(SyncRecordSchema), {});

export const readAccounts = async (): Promise<Account[]> =>
  readChecked('local:accounts', await items.accounts.getValue(), z.array(AccountSchema), []);

export const readStatus = async (): Promise<Record<string, AccountStatus>> =>
  readChecked('local:status', await items.status.getValue(), recordOf(AccountStatusSchema), {});

const HealthSchema = z.record(z.string(), z.array(z.enum(LAYERS)).max(HEALTH_VISITS));
export const readHealth = async (): Promise<Health> =>
  readChecked('local:anchorHealth', await items.anchorHealth.getValue(), HealthSchema, {});

export const readRules = async (): Promise<Rule[]> => readChecked('local:rules', await items.rules.getValue(), z.array(RuleSchema), []);
