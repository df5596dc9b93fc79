import { t } from '../i18n';
import { authorizeUrl, parseAuthRedirect, randomState } from '../providers/harvest-oauth';
import { ProviderError } from '../providers/types';

/**
 * Harvest sign-in with the OAuth implicit grant through the browser's web-auth flow (an extension cannot keep
 * a client secret, so the code exchange is not an option). Interactive the first time; afterwards replayed
 * without a window to renew the token before it expires, and only when that fails is the user asked again.
 */

export interface WebAuthFlow {
  /** browser.identity.launchWebAuthFlow: resolves with the final redirect URL. */
  launch(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  redirectUrl(): string;
}

export interface HarvestGrant {
  token: string;
  expiresAt: number | null;
  accountIds: string[];
}

export async function harvestSignIn(
  clientId: string,
  flow: WebAuthFlow,
  options: { interactive: boolean; accountId?: string; now?: number },
): Promise<HarvestGrant> {
  if (!clientId) throw new ProviderError('rejected', t('harvest_signin_unset'));
  const state = randomState();
  const redirectUri = flow.redirectUrl();
  const url = authorizeUrl({ clientId, redirectUri, state, accountId: options.accountId });
  let redirect: string | undefined;
  try {
    redirect = await flow.launch({ url, interactive: options.interactive });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProviderError('auth', options.interactive ? t('harvest_signin_unfinished', why) : t('harvest_signin_again', why));
  }
  if (!redirect) throw new ProviderError('auth', t('harvest_signin_closed'));
  const parsed = parseAuthRedirect(redirect, state, redirectUri, options.now);
  if (!parsed.ok) throw new ProviderError('auth', parsed.error);
  return { token: parsed.accessToken, expiresAt: parsed.expiresAt, accountIds: parsed.accountIds };
}
