import { z } from 'zod';
import { RuleSchema, SeenSchema, StoredSettingsSchema } from '../core/schemas';
import { t } from '../i18n';
import * as store from '../state/store';

/**
 * Settings export/import as JSON. Secrets are never part of it: tokens and keys live apart from settings
 * (lib/background/secrets.ts), and the export lists accounts by name only, so a file can be shared with a colleague.
 */

export const SettingsFileSchema = z.object({
  stint: z.literal(1),
  settings: StoredSettingsSchema,
  rules: z.array(RuleSchema).max(1000),
  selectorOverrides: z.record(z.string().max(64), z.string().max(500)),
  disabledIntegrations: z.array(z.string().max(64)).max(100),
  /** For reference: which accounts the rules point at (linking again needs their tokens). */
  accounts: z.array(z.object({ id: z.string().max(200), provider: z.string().max(20), accountName: z.string().max(300) })).max(50),
  /**
   * On-device suggestions' time seen per day per task: only in a file exported with it asked for (options). An
   * import leaves this browser's own as it is: the data describes the browsing of the browser it came from.
   */
  seen: SeenSchema.shape.days.optional(),
});
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

export async function exportSettings({ withSeen = false } = {}): Promise<SettingsFile> {
  return {
    ...(withSeen ? { seen: (await store.get('seen')).days } : {}),
    stint: 1,
    settings: await store.get('settings'),
    rules: await store.get('rules'),
    selectorOverrides: await store.get('selectorOverrides'),
    disabledIntegrations: await store.get('disabledIntegrations'),
    accounts: (await store.get('accounts')).map((a) => ({ id: a.id, provider: a.provider, accountName: a.accountName })),
  };
}

/** Applies an exported file; rules for accounts not linked here are kept and apply once they are linked. */
export async function importSettings(raw: unknown): Promise<{ ok: true; rules: number } | { ok: false; error: string }> {
  const parsed = SettingsFileSchema.safeParse(raw);
  if (!parsed.success) {
    // zod's own words for what is wrong (English), in Stint's sentence.
    const issue = parsed.error.issues[0];
    const reason = issue?.message ?? '?';
    const error = issue?.path.length ? t('settings_file_invalid_at', reason, issue.path.join('.')) : t('settings_file_invalid', reason);
    return { ok: false, error };
  }
  const file = parsed.data;
  const { settings, rules, selectorOverrides, disabledIntegrations } = file;
  await store.write({ kv: { settings, rules, selectorOverrides, disabledIntegrations } });
  return { ok: true, rules: file.rules.length };
}
