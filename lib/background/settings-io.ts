import { z } from 'zod';
import { t } from '../i18n';
import { items, type Rule, RuleSchema, readAccounts, readRules, readSettings, SettingsSchema } from '../state/storage';

/**
 * Settings export/import as JSON. Secrets are never part of it: tokens and keys live outside storage.local
 * (lib/background/secrets.ts), and the export lists accounts by name only, so a file can be shared with a colleague.
 */

export const SettingsFileSchema = z.object({
  stint: z.literal(1),
  settings: SettingsSchema,
  rules: z.array(RuleSchema).max(1000),
  selectorOverrides: z.record(z.string().max(64), z.string().max(500)),
  disabledIntegrations: z.array(z.string().max(64)).max(100),
  /** For reference: which accounts the rules point at (linking again needs their tokens). */
  accounts: z.array(z.object({ id: z.string().max(200), provider: z.string().max(20), accountName: z.string().max(300) })).max(50),
});
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

export async function exportSettings(): Promise<SettingsFile> {
  return {
    stint: 1,
    settings: await readSettings(),
    rules: await readRules(),
    selectorOverrides: await items.selectorOverrides.getValue(),
    disabledIntegrations: await items.disabledIntegrations.getValue(),
    accounts: (await readAccounts()).map((a) => ({ id: a.id, provider: a.provider, accountName: a.accountName })),
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
  await items.settings.setValue(file.settings);
  await items.rules.setValue(file.rules as Rule[]);
  await items.selectorOverrides.setValue(file.selectorOverrides);
  await items.disabledIntegrations.setValue(file.disabledIntegrations);
  return { ok: true, rules: file.rules.length };
}
