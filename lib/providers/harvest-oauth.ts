/**
 * Pure helpers for Harvest's OAuth2 implicit grant ("client-side applications",
 * https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/):
 *   GET https://id.getharvest.com/oauth2/authorize?client_id=…&response_type=token&state=…&redirect_uri=…
 * Harvest ID then redirects to the redirect URI with `access_token`, `expires_in` (seconds), `scope`
 * (e.g. "harvest:123456"), `token_type=bearer` and `state`, or with `error=access_denied`. The parameters may
 * arrive in the fragment (classic implicit grant) or in the query string, so both are read.
 * No refresh token is issued: when the token expires the user signs in again (or the flow is replayed silently).
 */

import { t } from '../i18n';

export const HARVEST_AUTHORIZE_URL = 'https://id.getharvest.com/oauth2/authorize';

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  /** Unguessable value tied to this attempt (see randomState); checked again by parseAuthRedirect. */
  state: string;
  /** Ask for this one Harvest account (scope `harvest:<id>`); Harvest ID otherwise lets the user choose. */
  accountId?: string;
}

export type AuthRedirect =
  | {
      ok: true;
      accessToken: string;
      /** Epoch ms; null when Harvest did not say. */
      expiresAt: number | null;
      scope: string;
      /** Account ids granted by the scope ("harvest:123 harvest:456" → ["123", "456"]); empty for `harvest:all`/`all`. */
      accountIds: string[];
    }
  | { ok: false; error: string };

export function authorizeUrl(p: AuthorizeParams): string {
  const url = new URL(HARVEST_AUTHORIZE_URL);
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('state', p.state);
  url.searchParams.set('redirect_uri', p.redirectUri);
  if (p.accountId) url.searchParams.set('scope', `harvest:${p.accountId}`);
  return url.toString();
}

/** A fresh `state` value: 128 random bits, base64url. */
export function randomState(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let bin = '';
  for (const b of buf) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Epoch ms at which a token issued at `now` with `expires_in` seconds expires; null when unknown. */
export function expiresAtFrom(expiresIn: string | number | null | undefined, now: number): number | null {
  if (expiresIn === null || expiresIn === undefined || expiresIn === '') return null;
  const seconds = Number(expiresIn);
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return now + Math.round(seconds * 1000);
}

/** Account ids named by an OAuth scope: "harvest:123 harvest:456 forecast:9" → ["123", "456"]. */
export function harvestAccountIds(scope: string): string[] {
  const ids: string[] = [];
  for (const part of scope.split(/[\s,+]+/)) {
    const m = /^harvest:(\d+)$/.exec(part);
    if (m?.[1] && !ids.includes(m[1])) ids.push(m[1]);
  }
  return ids;
}

/** Redirect parameters from the fragment and the query string (the fragment wins on conflicts). */
function redirectParams(url: URL): URLSearchParams {
  const out = new URLSearchParams(url.search);
  const hash = url.hash.startsWith('#') ? url.hash.slice(1) : url.hash;
  for (const [k, v] of new URLSearchParams(hash)) out.set(k, v);
  return out;
}

/** An OAuth bearer token as RFC 6750 spells one (b64token), of a sane length. */
const BEARER = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Reads the URL Harvest ID redirected to. It must be the extension's own redirect address
 * (identity.getRedirectURL), and the state is checked next: a redirect that does not answer this attempt is
 * refused whatever it carries. The token is read from the fragment only (the implicit grant puts it there, and a
 * fragment is never sent to a server), and must look like a bearer token.
 */
export function parseAuthRedirect(
  redirectUrl: string,
  expectedState: string,
  expectedRedirect: string,
  now: number = Date.now(),
): AuthRedirect {
  let url: URL;
  let expected: URL;
  try {
    url = new URL(redirectUrl);
    expected = new URL(expectedRedirect);
  } catch {
    return { ok: false, error: t('oauth_bad_address') };
  }
  const bare = (u: URL) => `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  if (url.protocol !== 'https:' || bare(url) !== bare(expected)) return { ok: false, error: t('oauth_wrong_address') };
  const p = redirectParams(url);
  const state = p.get('state');
  if (!expectedState || state !== expectedState) {
    return { ok: false, error: t('oauth_state_mismatch') };
  }
  const error = p.get('error');
  if (error === 'access_denied') {
    return { ok: false, error: t('oauth_denied') };
  }
  if (error) {
    const detail = p.get('error_description');
    return { ok: false, error: t('oauth_failed', detail ? `${detail} (${error})` : error) };
  }
  const fragment = new URLSearchParams(url.hash.slice(1));
  const accessToken = fragment.get('access_token');
  if (!accessToken || fragment.get('state') !== expectedState) return { ok: false, error: t('oauth_no_token') };
  if (accessToken.length > 4096 || !BEARER.test(accessToken)) return { ok: false, error: t('oauth_bad_token') };
  const tokenType = fragment.get('token_type');
  if (tokenType && tokenType.toLowerCase() !== 'bearer') {
    return { ok: false, error: t('oauth_token_type', tokenType) };
  }
  const scope = fragment.get('scope') ?? '';
  return { ok: true, accessToken, expiresAt: expiresAtFrom(fragment.get('expires_in'), now), scope, accountIds: harvestAccountIds(scope) };
}
