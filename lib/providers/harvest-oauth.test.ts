// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createHarvestEmulator } from '../../test/emulators/harvest';
import { createHarvestProvider, harvestAuthMessage, listHarvestAccounts } from './harvest';
import { authorizeUrl, expiresAtFrom, HARVEST_AUTHORIZE_URL, harvestAccountIds, parseAuthRedirect, randomState } from './harvest-oauth';
import { ProviderError } from './types';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/harvest';
const NOW = Date.parse('2024-05-06T09:00:00Z');

describe('authorizeUrl', () => {
  it('builds the implicit-grant URL with state and redirect', () => {
    const url = new URL(authorizeUrl({ clientId: 'client id/1', redirectUri: REDIRECT, state: 's-1' }));
    expect(`${url.origin}${url.pathname}`).toBe(HARVEST_AUTHORIZE_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client id/1',
      response_type: 'token',
      state: 's-1',
      redirect_uri: REDIRECT,
    });
  });

  it('asks for one account through the scope when given', () => {
    const url = new URL(authorizeUrl({ clientId: 'c', redirectUri: REDIRECT, state: 's', accountId: '123' }));
    expect(url.searchParams.get('scope')).toBe('harvest:123');
  });

  it('randomState is unguessable and URL-safe', () => {
    const a = randomState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomState()).not.toBe(a);
  });
});

describe('parseAuthRedirect', () => {
  const params = 'access_token=tok%2B1&expires_in=1209599&scope=harvest%3A123+harvest%3A456&token_type=bearer&state=xyz';
  const expected = {
    ok: true,
    accessToken: 'tok+1',
    expiresAt: NOW + 1_209_599_000,
    scope: 'harvest:123 harvest:456',
    accountIds: ['123', '456'],
  };

  it('reads the token from the fragment', () => {
    expect(parseAuthRedirect(`${REDIRECT}#${params}`, 'xyz', REDIRECT, NOW)).toEqual(expected);
  });

  it('never reads a token from the query string (only the fragment stays out of server logs)', () => {
    expect(parseAuthRedirect(`${REDIRECT}?${params}`, 'xyz', REDIRECT, NOW)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/access token/),
    });
  });

  it("refuses a redirect to any address but the extension's own, and a token of the wrong shape", () => {
    for (const url of [
      `https://evil.example/harvest#${params}`,
      `http://abcdefghijklmnop.chromiumapp.org/harvest#${params}`,
      `${REDIRECT}/x#${params}`,
    ]) {
      expect(parseAuthRedirect(url, 'xyz', REDIRECT, NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/not Stint/) });
    }
    expect(parseAuthRedirect(`${REDIRECT}#${params.replace('tok%2B1', '%3Cscript%3E')}`, 'xyz', REDIRECT, NOW)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not an access token/),
    });
  });

  it('refuses a redirect whose state does not match (or has none)', () => {
    for (const url of [`${REDIRECT}#${params.replace('state=xyz', 'state=evil')}`, `${REDIRECT}#access_token=t`]) {
      const r = parseAuthRedirect(url, 'xyz', REDIRECT, NOW);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/state mismatch/);
    }
    expect(parseAuthRedirect(`${REDIRECT}#access_token=t`, '', REDIRECT, NOW).ok).toBe(false);
  });

  it('reports a denial', () => {
    const r = parseAuthRedirect(`${REDIRECT}?error=access_denied&state=xyz`, 'xyz', REDIRECT, NOW);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/denied/) });
  });

  it('reports other errors with their description', () => {
    const r = parseAuthRedirect(`${REDIRECT}?error=unsupported_response_type&error_description=Nope&state=xyz`, 'xyz', REDIRECT, NOW);
    expect(r).toEqual({ ok: false, error: 'Harvest sign-in failed: Nope (unsupported_response_type).' });
  });

  it('reports a missing token, an odd token type and an unreadable URL', () => {
    expect(parseAuthRedirect(`${REDIRECT}#state=xyz&expires_in=10`, 'xyz', REDIRECT, NOW)).toEqual({
      ok: false,
      error: expect.stringMatching(/access token/),
    });
    expect(parseAuthRedirect(`${REDIRECT}#state=xyz&access_token=t&token_type=mac`, 'xyz', REDIRECT, NOW).ok).toBe(false);
    expect(parseAuthRedirect('not a url', 'xyz', REDIRECT, NOW).ok).toBe(false);
  });

  it('has no expiry or account ids when Harvest does not say', () => {
    expect(parseAuthRedirect(`${REDIRECT}#access_token=t&state=xyz&scope=harvest%3Aall`, 'xyz', REDIRECT, NOW)).toEqual({
      ok: true,
      accessToken: 't',
      expiresAt: null,
      scope: 'harvest:all',
      accountIds: [],
    });
  });
});

describe('helpers', () => {
  it('expiresAtFrom', () => {
    expect(expiresAtFrom('60', NOW)).toBe(NOW + 60_000);
    expect(expiresAtFrom(1.5, NOW)).toBe(NOW + 1500);
    expect(expiresAtFrom('soon', NOW)).toBeNull();
    expect(expiresAtFrom(null, NOW)).toBeNull();
  });

  it('harvestAccountIds keeps Harvest account ids only', () => {
    expect(harvestAccountIds('harvest:1 forecast:2 harvest:3 harvest:1 all')).toEqual(['1', '3']);
    expect(harvestAccountIds('')).toEqual([]);
  });
});

describe('against the Harvest ID emulator', () => {
  /** Harvest ID with Stint's client registered and the demo user signed in; the token handed over `tokenIn`. */
  function signedIn(tokenIn?: 'query' | 'fragment') {
    const emu = createHarvestEmulator({ now: NOW, ...(tokenIn ? { oauthTokenIn: tokenIn } : {}) });
    const demo = emu.seedDemo();
    emu.oauth.addClient({ clientId: 'stint', redirectUris: [REDIRECT] });
    emu.oauth.signIn(demo.identityId);
    return { emu, demo };
  }
  /** Stint's authorization request, granted at once (the emulator's auto mode): Harvest ID's answer. */
  function granted(emu: ReturnType<typeof signedIn>['emu'], state: string) {
    emu.oauth.setMode('auto');
    return emu.fetch(authorizeUrl({ clientId: 'stint', redirectUri: REDIRECT, state }), { redirect: 'manual' });
  }

  it('a token handed over in the query string is refused', async () => {
    const { emu } = signedIn('query');
    const state = randomState();
    const res = await granted(emu, state);
    expect(parseAuthRedirect(res.headers.get('location') ?? '', state, REDIRECT, NOW)).toMatchObject({ ok: false });
  });

  for (const where of ['fragment'] as const) {
    it(`a granted sign-in (token in the ${where}) yields a working token`, async () => {
      const { emu, demo } = signedIn(where);
      const state = randomState();
      const res = await granted(emu, state);
      expect(res.status).toBe(302);
      const r = parseAuthRedirect(res.headers.get('location') ?? '', state, REDIRECT, NOW);
      expect(r).toMatchObject({ ok: true, expiresAt: NOW + 1_209_599_000, accountIds: [String(demo.accountId)] });
      if (!r.ok) return;
      const provider = createHarvestProvider({ token: r.accessToken, accountId: r.accountIds[0] ?? '', fetch: emu.fetch });
      expect(await provider.identity()).toMatchObject({ userName: 'Ada Lovelace', accountId: String(demo.accountId) });
    });
  }

  it('a denied sign-in reports access_denied', async () => {
    const { emu } = signedIn();
    const form = new URLSearchParams({
      client_id: 'stint',
      redirect_uri: REDIRECT,
      state: 'abc',
      response_type: 'token',
      decision: 'deny',
    });
    const res = await emu.fetch('https://id.getharvest.com/oauth2/authorize', { method: 'POST', body: form, redirect: 'manual' });
    const r = parseAuthRedirect(res.headers.get('location') ?? '', 'abc', REDIRECT, NOW);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/denied/) });
  });
});

describe('listHarvestAccounts (token linking)', () => {
  it('lists the Harvest accounts of a token, not Forecast ones', async () => {
    const emu = createHarvestEmulator({ now: NOW });
    const demo = emu.seedDemo();
    const second = emu.addAccount({ name: 'Second Co' });
    emu.addMembership(demo.identityId, second.id);
    const forecast = emu.addAccount({ name: 'Planning', product: 'forecast' });
    emu.addMembership(demo.identityId, forecast.id);
    expect(await listHarvestAccounts(demo.token, emu.fetch)).toEqual([
      { id: String(demo.accountId), name: 'Analytical Engines Ltd' },
      { id: String(second.id), name: 'Second Co' },
    ]);
    emu.revokeToken(demo.token);
    const err = await listHarvestAccounts(demo.token, emu.fetch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'auth', message: harvestAuthMessage() });
  });
});
