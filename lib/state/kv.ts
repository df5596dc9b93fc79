import { z } from 'zod';
import { NO_ACTIVITY } from '../core/activity';
import { DEFAULT_SETTINGS } from '../core/defaults';
import { HEALTH_VISITS } from '../core/health';
import {
  AccountSchema,
  AccountStatusSchema,
  ActivitySchema,
  BookingRefSchema,
  EntrySchema,
  PromptSchema,
  RuleSchema,
  SeenSchema,
  StoredSettingsSchema,
} from '../core/schemas';
import { NO_SEEN } from '../core/seen';
import { LAYERS } from '../inject/semantic';

/**
 * The single-valued records of the data layer, each declared once: its schema (checked on every read; an
 * unreadable value is set aside, never fatal) and its fallback. Entries, the outbox and the project lists have
 * stores of their own (lib/state/store.ts): one record per entry, per outbox record, per account.
 */
const PaceSchema = z.object({ requests: z.number().int().min(1), windowMs: z.number().int().min(1) });

export const KV = {
  /** The running timer (an Entry with running: true) or null. */
  timer: { schema: EntrySchema.nullable(), fallback: null },
  settings: { schema: StoredSettingsSchema, fallback: DEFAULT_SETTINGS },
  /** Linked accounts (no secrets: lib/background/secrets.ts). */
  accounts: { schema: z.array(AccountSchema), fallback: [] },
  /** Account new entries are booked to: an account id, or 'local'. */
  defaultAccount: { schema: z.string().min(1).max(200), fallback: 'local' },
  /** Connection status per account id. */
  status: { schema: z.record(z.string(), AccountStatusSchema), fallback: {} },
  /** Last booking chosen per task group (`integration:groupId`, and `*` for the last one overall). */
  lastBooking: { schema: z.record(z.string(), BookingRefSchema.nullable()), fallback: {} },
  /** Self-hosted origin → integration id. */
  sites: { schema: z.record(z.string(), z.string()), fallback: {} },
  /** Integration id → anchor selector tried first (a repair without a release). */
  selectorOverrides: { schema: z.record(z.string(), z.string()), fallback: {} },
  /** Sites turned off. */
  disabledIntegrations: { schema: z.array(z.string()), fallback: [] },
  /** Sites whose corner dock the user hid (the dock's × button; options shows it again). */
  dockHidden: { schema: z.array(z.string()), fallback: [] },
  /**
   * Site health (lib/core/health.ts): per integration, the layers that placed its button on the last visits,
   * oldest first. Layers only: never a URL or a task.
   */
  anchorHealth: { schema: z.record(z.string(), z.array(z.enum(LAYERS)).max(HEALTH_VISITS)), fallback: {} },
  /** Per-site rules, most specific first when resolved (lib/core/rules.ts). */
  rules: { schema: z.array(RuleSchema), fallback: [] },
  /** OAuth client ids set in options (for builds without one, e.g. a company's own Harvest OAuth app). */
  oauthClientIds: { schema: z.object({ harvest: z.string().max(200).optional() }), fallback: {} },
  /** Request pacing per provider, overriding the documented limits (tests and benches scale time down). */
  pace: { schema: z.record(z.string(), PaceSchema), fallback: {} },
  /** When the welcome page was opened (once per install of the data: a relaunch that reports 'install' again does not). */
  welcomedAt: { schema: z.number().int().nullable(), fallback: null },
  /**
   * Ids of the last timer intents applied, newest first (lib/ui/client.ts tries an intent again when the worker
   * stopped under it; its id here means it was saved, in the same transaction as its result).
   */
  appliedRequests: { schema: z.array(z.string().max(64)).max(50), fallback: [] },
  /** Idle and activity data (lib/core/activity.ts): the idle period under way, untracked activity, reminders shown. */
  activity: { schema: ActivitySchema, fallback: NO_ACTIVITY },
  /** The question open about the running timer (idle time, forgotten timer), until the user answers it. */
  prompt: { schema: PromptSchema.nullable(), fallback: null },
  /**
   * On-device suggestions (lib/core/seen.ts): the time each task page was shown, per day (14 days kept), and the
   * tabs showing one. Never synced, never exported unless asked.
   */
  seen: { schema: SeenSchema, fallback: NO_SEEN },
  /** When the previous build's storage.local layout was moved here (lib/state/migrate.ts); null = not yet. */
  migrated: { schema: z.object({ at: z.number(), entries: z.number(), outbox: z.number() }).nullable(), fallback: null },
} as const;

export type KvKey = keyof typeof KV;
export type Kv = { [K in KvKey]: z.output<(typeof KV)[K]['schema']> };
export const KV_KEYS = Object.keys(KV) as KvKey[];
