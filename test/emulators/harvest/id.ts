/**
 * id.getharvest.com — Harvest ID.
 * - GET /api/v2/accounts (Bearer token) → `{ user: {id, first_name, last_name, email}, accounts: [{id, name, product}] }`.
 * - OAuth2 implicit grant for client-side apps: GET /oauth2/authorize?client_id=…&response_type=token[&state=…][&redirect_uri=…].
 *   On approval Harvest ID redirects to the redirect URI with `access_token`, `expires_in` (1209599 s ≈ 14 days),
 *   `scope` (`harvest:<account id>`), `token_type=bearer` and `state`, after `#` (the implicit grant's fragment:
 *   RFC 6749 §4.2.2, and Harvest's own client-side docs), the default here; `oauthTokenIn: 'query'` puts them in
 *   the query string instead (which Stint refuses). Denial redirects with `error=access_denied`.
 *
 * The emulator models one browser: a single Harvest ID session (`signIn`/`signOut`) plus remembered grants.
 * Modes: 'remember' (default: signed in + granted before → immediate 302, the non-interactive renewal path;
 * signed in, never granted → consent page; signed out → login page), 'auto' (signed in → always immediate
 * 302), 'consent' (always the consent page), 'login' (always the login page: the session has lapsed).
 */

import { bearerToken, liveToken } from './api';
import type { Clock } from './clock';
import type { EmuRequest, EmuResponse } from './http';
import { escapeHtml, html, json, parseBody, redirect, toInt } from './http';
import type { Identity, OAuthClient, Store } from './state';

export type AuthorizeMode = 'remember' | 'auto' | 'consent' | 'login';

export interface IssuedToken {
  token: string;
  identityId: number;
  clientId: string;
  accountId: number;
  at: number;
}

export class OAuthState {
  mode: AuthorizeMode = 'remember';
  sessionIdentityId: number | null = null;
  /** `${identityId}:${clientId}` → account id granted. */
  grants = new Map<string, number>();
  issued: IssuedToken[] = [];
  constructor(
    public tokenIn: 'query' | 'fragment',
    public ttlSec: number,
  ) {}

  reset(): void {
    this.mode = 'remember';
    this.sessionIdentityId = null;
    this.grants.clear();
    this.issued = [];
  }
}

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;

function errorPage(status: number, message: string): EmuResponse {
  return html(status, page('Harvest ID – Error', `<h1>Something went wrong</h1><p role="alert">${escapeHtml(message)}</p>`));
}

function loginPage(returnTo: string, error?: string): EmuResponse {
  return html(
    200,
    page(
      'Sign in – Harvest ID',
      `<h1>Sign in to Harvest</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/sessions">
<input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">
<label>Work email <input type="email" name="email" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>`,
    ),
  );
}

interface AuthorizeParams {
  client: OAuthClient;
  redirectUri: string;
  state: string | null;
  responseType: string;
}

function readAuthorizeParams(store: Store, p: (k: string) => string | null): AuthorizeParams | EmuResponse {
  const clientId = p('client_id');
  const client = clientId ? store.oauthClients.get(clientId) : undefined;
  if (!client) return errorPage(400, 'The client_id is missing or does not belong to a registered OAuth2 application.');
  const given = p('redirect_uri');
  const redirectUri = given || client.redirectUris[0];
  if (!redirectUri) return errorPage(400, 'No redirect_uri was given and the application has none registered.');
  if (given && client.redirectUris.length > 0 && !client.redirectUris.includes(given)) {
    return errorPage(400, 'The redirect_uri does not match the one registered for this application.');
  }
  return { client, redirectUri, state: p('state'), responseType: p('response_type') ?? '' };
}

export class HarvestId {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly oauth: OAuthState,
  ) {}

  private back(a: AuthorizeParams, params: Record<string, string>): EmuResponse {
    const all = new URLSearchParams(params);
    if (a.state !== null) all.set('state', a.state);
    let url: URL;
    try {
      url = new URL(a.redirectUri);
    } catch {
      return errorPage(400, 'The redirect_uri is not a valid URL.');
    }
    if (this.oauth.tokenIn === 'fragment') url.hash = all.toString();
    else for (const [k, v] of all) url.searchParams.append(k, v);
    return redirect(url.toString());
  }

  private harvestAccounts(identity: Identity): number[] {
    return [...identity.memberships.keys()].filter((id) => this.store.accounts.get(id)?.product === 'harvest');
  }

  private issue(a: AuthorizeParams, identityId: number, accountId: number): EmuResponse {
    const now = this.clock.now();
    const value = this.store.nextTokenValue(identityId, 'oauth');
    this.store.tokens.set(value, {
      value,
      identityId,
      kind: 'oauth',
      accountIds: [accountId],
      expiresAt: now + this.oauth.ttlSec * 1000,
      revoked: false,
      clientId: a.client.clientId,
      createdAt: now,
    });
    this.oauth.grants.set(`${identityId}:${a.client.clientId}`, accountId);
    this.oauth.issued.push({ token: value, identityId, clientId: a.client.clientId, accountId, at: now });
    return this.back(a, {
      access_token: value,
      expires_in: String(this.oauth.ttlSec),
      scope: `harvest:${accountId}`,
      token_type: 'bearer',
    });
  }

  private consentPage(a: AuthorizeParams, identity: Identity, accounts: number[]): EmuResponse {
    const hidden = (k: string, v: string | null): string =>
      v === null ? '' : `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`;
    const options = accounts
      .map((id) => `<option value="${id}">${escapeHtml(this.store.accounts.get(id)?.name ?? String(id))}</option>`)
      .join('');
    return html(
      200,
      page(
        'Authorize application – Harvest ID',
        `<h1>Authorize ${escapeHtml(a.client.name)}</h1>
<p>${escapeHtml(a.client.name)} would like to access your Harvest data, signed in as ${escapeHtml(identity.email)}.</p>
<form method="post" action="/oauth2/authorize">
${hidden('client_id', a.client.clientId)}${hidden('redirect_uri', a.redirectUri)}${hidden('state', a.state)}${hidden('response_type', a.responseType)}
<label>Account <select name="account_id">${options}</select></label>
<button type="submit" name="decision" value="allow">Authorize</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
      ),
    );
  }

  private authorize(req: EmuRequest): EmuResponse {
    const form = req.method === 'POST' ? (parseBody(req) ?? {}) : null;
    const p = (k: string): string | null => {
      const v = form ? form[k] : req.url.searchParams.get(k);
      return typeof v === 'string' ? v : null;
    };
    const a = readAuthorizeParams(this.store, p);
    if ('status' in a) return a;
    if (a.responseType !== 'token') return this.back(a, { error: 'unsupported_response_type' });
    const identity = this.oauth.sessionIdentityId === null ? undefined : this.store.identities.get(this.oauth.sessionIdentityId);
    const returnTo = `/oauth2/authorize?${new URLSearchParams({ client_id: a.client.clientId, redirect_uri: a.redirectUri, response_type: a.responseType, ...(a.state === null ? {} : { state: a.state }) })}`;
    if (!identity || this.oauth.mode === 'login') return loginPage(returnTo);
    const accounts = this.harvestAccounts(identity);
    if (accounts.length === 0) return this.back(a, { error: 'access_denied' });
    if (form) {
      if (p('decision') !== 'allow') return this.back(a, { error: 'access_denied' });
      const chosen = toInt(p('account_id')) ?? accounts[0];
      if (chosen === undefined || !accounts.includes(chosen)) return errorPage(422, 'Choose one of your Harvest accounts.');
      return this.issue(a, identity.id, chosen);
    }
    const granted = this.oauth.grants.get(`${identity.id}:${a.client.clientId}`);
    if (this.oauth.mode === 'auto') return this.issue(a, identity.id, granted ?? (accounts[0] as number));
    if (this.oauth.mode === 'remember' && granted !== undefined && accounts.includes(granted)) return this.issue(a, identity.id, granted);
    return this.consentPage(a, identity, accounts);
  }

  private signIn(req: EmuRequest): EmuResponse {
    const form = parseBody(req) ?? {};
    const returnTo = typeof form.return_to === 'string' && form.return_to.startsWith('/oauth2/') ? form.return_to : '/';
    const email = typeof form.email === 'string' ? form.email.trim().toLowerCase() : '';
    const identity = [...this.store.identities.values()].find((i) => i.email.toLowerCase() === email && i.password === form.password);
    if (!identity) return loginPage(returnTo, 'Your email or password is incorrect.');
    this.oauth.sessionIdentityId = identity.id;
    if (this.oauth.mode === 'login') this.oauth.mode = 'remember';
    return returnTo === '/' ? html(200, page('Harvest ID', '<h1>Signed in</h1>')) : redirect(returnTo);
  }

  private accounts(req: EmuRequest): EmuResponse {
    const token = liveToken(this.store, bearerToken(req), this.clock.now());
    if (!token)
      return json(401, {
        error: 'invalid_token',
        error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
      });
    const identity = this.store.identities.get(token.identityId) as Identity;
    const accounts = [...identity.memberships.keys()]
      .filter((id) => token.accountIds === 'all' || token.accountIds.includes(id))
      .map((id) => this.store.accounts.get(id))
      .filter((a) => a !== undefined)
      .map((a) => ({ id: a.id, name: a.name, product: a.product }));
    return json(200, {
      user: { id: identity.id, first_name: identity.firstName, last_name: identity.lastName, email: identity.email },
      accounts,
    });
  }

  handle(req: EmuRequest): EmuResponse {
    const path = req.url.pathname.replace(/\/+$/, '');
    if (path === '/api/v2/accounts' && req.method === 'GET') return this.accounts(req);
    if (path === '/oauth2/authorize' && (req.method === 'GET' || req.method === 'POST')) return this.authorize(req);
    if (path === '/sessions' && req.method === 'POST') return this.signIn(req);
    return html(404, page('Not Found – Harvest ID', '<h1>Page not found</h1>'));
  }
}
