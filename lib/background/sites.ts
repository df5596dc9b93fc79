import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { integrationById, scriptOf } from '../integrations';
import { originPattern } from '../integrations/match';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';

/**
 * Self-hosted domains (GitLab, Jira Data Center, Redmine, Gitea…): the options page asks for the origin as an
 * optional host permission; the background registers that site type's content script there (kept across
 * restarts) and unregisters it, dropping the permission, when the domain is removed.
 */

/** Registered scripts are `stint-self-hosted-<script>`; older versions registered one `stint-self-hosted`. */
const SCRIPT_ID = 'stint-self-hosted';

/** `https://git.example.com/anything` → `https://git.example.com`. */
export function normalizeOrigin(input: string): string {
  const u = new URL(input.includes('://') ? input.trim() : `https://${input.trim()}`);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ProviderError('rejected', t('site_http_only'));
  return u.origin;
}

/** (Re)registers each site type's content script on the self-hosted origins of that type Stint has permission for. */
export async function registerSelfHosted(): Promise<string[]> {
  const sites = await store.get('sites');
  const granted: string[] = [];
  const byScript = new Map<string, string[]>();
  for (const [origin, type] of Object.entries(sites)) {
    const script = scriptOf(type);
    if (!script || !(await browser.permissions.contains({ origins: [originPattern(origin)] }))) continue;
    granted.push(originPattern(origin));
    byScript.set(script, [...(byScript.get(script) ?? []), originPattern(origin)]);
  }
  const ids = (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id).filter((id) => id.startsWith(SCRIPT_ID));
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
  const scripts = [...byScript].map(([script, matches]) => ({
    id: `${SCRIPT_ID}-${script}`,
    matches,
    js: [`content-scripts/${script}.js`],
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  }));
  if (scripts.length > 0) await browser.scripting.registerContentScripts(scripts);
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
