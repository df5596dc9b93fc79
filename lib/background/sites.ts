import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { integrationById } from '../integrations';
import { originPattern } from '../integrations/match';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';

/**
 * Self-hosted domains (GitLab, Jira Data Center, Redmine, Gitea…): the options page asks for the origin as an
 * optional host permission; the background registers the content script there (kept across restarts) and
 * unregisters it, dropping the permission, when the domain is removed.
 */

const SCRIPT_ID = 'stint-self-hosted';

/** `https://git.example.com/anything` → `https://git.example.com`. */
export function normalizeOrigin(input: string): string {
  const u = new URL(input.includes('://') ? input.trim() : `https://${input.trim()}`);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ProviderError('rejected', t('site_http_only'));
  return u.origin;
}

/** (Re)registers the content script on every self-hosted origin Stint has permission for. */
export async function registerSelfHosted(): Promise<string[]> {
  const sites = await store.get('sites');
  const granted: string[] = [];
  for (const origin of Object.keys(sites)) {
    if (await browser.permissions.contains({ origins: [originPattern(origin)] })) granted.push(originPattern(origin));
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches: granted, js: ['content-scripts/stint.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return granted;
}

/** Callers hold the state lock (read-modify-write). */
export async function addSite(input: string, integrationId: string): Promise<string> {
  const integration = integrationById(integrationId);
  if (!integration?.selfHosted) throw new ProviderError('rejected', t('site_not_self_hosted'));
  const origin = normalizeOrigin(input);
  await store.update('sites', (sites) => ({ ...sites, [origin]: integration.id }));
  await registerSelfHosted();
  return origin;
}

export async function removeSite(input: string): Promise<void> {
  const origin = normalizeOrigin(input);
  await store.update('sites', ({ [origin]: _, ...rest }) => rest);
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  await registerSelfHosted();
}
