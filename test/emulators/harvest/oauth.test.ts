// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../serve';
import { createHarvestEmulator, type DemoSeed } from './index';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/harvest';
const CLIENT = 'stint-client-id';
// The query-string mode: easier to read in these tests; the fragment mode (the default) is checked below.
const emu = createHarvestEmulator({ now: '2024-05-06T09:00:00Z', oauthTokenIn: 'query' });
let demo: DemoSeed;

const base = serveOnLoopback(emu);
beforeEach(() => {
  emu.reset();
  demo = emu.seedDemo();
  emu.oauth.addClient({ clientId: CLIENT, name: 'Stint', redirectUris: [REDIRECT] });
});

const authorizeUrl = (o: Record<string, string> = {}) =>
  `${base()}/oauth2/authorize?${new URLSearchParams({ client_id: CLIENT, response_type: 'token', state: 'xyz', redirect_uri: REDIRECT, ...o })}`;
const get = (url: string) => fetch(url, { redirect: 'manual' });
const postForm = (path: string, form: Record<string, string>) =>
  fetch(base() + path, { method: 'POST', redirect: 'manual', body: new URLSearchParams(form) });
const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1] as string,
      (m[2] as string).replace(/&#38;/g, '&'),
    ]),
  );

function tokenFrom(location: string | null, where: 'query' | 'fragment' = 'query'): URLSearchParams {
  expect(location).toBeTruthy();
  const url = new URL(location as string);
  expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
  return new URLSearchParams(where === 'query' ? url.search : url.hash.slice(1));
}

describe('Harvest ID OAuth2 implicit grant', () => {
  it('signed out: login page → consent page → redirect with the token in the query', async () => {
    const login = await get(authorizeUrl());
    expect(login.status).toBe(200);
    const loginHtml = await login.text();
    expect(loginHtml).toContain('Sign in to Harvest');
    const { return_to } = hiddenFields(loginHtml);

    const bad = await postForm('/sessions', { email: demo.email, password: 'wrong', return_to: return_to as string });
    expect(await bad.text()).toContain('incorrect');
    const signedIn = await postForm('/sessions', { email: demo.email, password: demo.password, return_to: return_to as string });
    expect(signedIn.status).toBe(302);
    const consent = await get(new URL(signedIn.headers.get('location') as string, base()).toString());
    const consentHtml = await consent.text();
    expect(consentHtml).toContain('>Authorize</button>');

    const approved = await postForm('/oauth2/authorize', {
      ...hiddenFields(consentHtml),
      account_id: String(demo.accountId),
      decision: 'allow',
    });
    expect(approved.status).toBe(302);
    const params = tokenFrom(approved.headers.get('location'));
    expect(Object.fromEntries(params)).toMatchObject({
      token_type: 'bearer',
      expires_in: '1209599',
      scope: `harvest:${demo.accountId}`,
      state: 'xyz',
    });
    const token = params.get('access_token') as string;
    expect(emu.oauth.issued.map((i) => i.token)).toEqual([token]);

    const me = await fetch(`${base()}/v2/users/me`, {
      headers: { Authorization: `Bearer ${token}`, 'Harvest-Account-Id': String(demo.accountId), 'User-Agent': 'x' },
    });
    expect(me.status).toBe(200);
    const accounts = await fetch(`${base()}/api/v2/accounts`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await accounts.json()) as { accounts: unknown[] }).accounts).toEqual([
      { id: demo.accountId, name: 'Analytical Engines Ltd', product: 'harvest' },
    ]);

    emu.clock.advance(1_209_599_000);
    const expired = await fetch(`${base()}/v2/users/me`, {
      headers: { Authorization: `Bearer ${token}`, 'Harvest-Account-Id': String(demo.accountId), 'User-Agent': 'x' },
    });
    expect(expired.status).toBe(401);
  });

  it("renews silently once granted ('remember'), and can be forced to consent or login", async () => {
    emu.oauth.signIn(demo.email);
    expect((await get(authorizeUrl())).status).toBe(200);
    emu.oauth.grant(demo.identityId, CLIENT, demo.accountId);
    const silent = await get(authorizeUrl({ state: 's2' }));
    expect(silent.status).toBe(302);
    expect(tokenFrom(silent.headers.get('location')).get('state')).toBe('s2');

    emu.oauth.setMode('consent');
    expect(await (await get(authorizeUrl())).text()).toContain('>Authorize</button>');
    emu.oauth.setMode('login');
    expect(await (await get(authorizeUrl())).text()).toContain('Sign in to Harvest');
    emu.oauth.setMode('auto');
    emu.oauth.revokeGrant(demo.identityId, CLIENT);
    expect((await get(authorizeUrl())).status).toBe(302);
    emu.oauth.signOut();
    expect(await (await get(authorizeUrl())).text()).toContain('Sign in to Harvest');
  });

  it('denial, unsupported response types and bad clients', async () => {
    emu.oauth.signIn(demo.identityId);
    const page = await (await get(authorizeUrl())).text();
    const denied = await postForm('/oauth2/authorize', { ...hiddenFields(page), decision: 'deny' });
    expect(Object.fromEntries(tokenFrom(denied.headers.get('location')))).toEqual({ error: 'access_denied', state: 'xyz' });
    const code = await get(authorizeUrl({ response_type: 'code' }));
    expect(tokenFrom(code.headers.get('location')).get('error')).toBe('unsupported_response_type');
    expect((await get(authorizeUrl({ client_id: 'unknown' }))).status).toBe(400);
    expect((await get(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }))).status).toBe(400);
  });

  it("puts the token after '#' with oauthTokenIn: 'fragment'", async () => {
    const frag = createHarvestEmulator({ oauthTokenIn: 'fragment', oauthTokenTtlSec: 3600 });
    const user = frag.addUser({ email: 'f@example.com' });
    frag.oauth.addClient({ clientId: CLIENT, redirectUris: [REDIRECT] });
    frag.oauth.signIn(user.identityId);
    frag.oauth.setMode('auto');
    const res = await frag.fetch(`https://id.getharvest.com/oauth2/authorize?client_id=${CLIENT}&response_type=token`);
    expect(res.status).toBe(302);
    const params = tokenFrom(res.headers.get('location'), 'fragment');
    expect(params.get('expires_in')).toBe('3600');
    expect(params.get('scope')).toBe(`harvest:${user.accountId}`);
    expect(params.has('state')).toBe(false);
  });
});
