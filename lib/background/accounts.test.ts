import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { memoryProvider } from '../../test/unit/memory-provider';
import { type Account, NO_REQUIRED_FIELDS } from '../core/schemas';
import { registerBackend } from '../providers/registry';
import * as store from '../state/store';
import { createPacers } from '../sync/pacer';
import { createAccounts } from './accounts';
import { memorySecrets } from './secrets';
import { serial } from './service';

const REDIRECT = 'https://0123456789abcdef.extensions.allizom.org/harvest';
const NOW = Date.parse('2026-03-02T09:00:00Z');
const account: Account = {
  id: 'harvest:42',
  provider: 'harvest',
  remoteAccountId: '42',
  accountName: 'Acme',
  userId: '7',
  userName: 'Ada',
  auth: 'oauth',
  timestampTimers: false,
  clock: '24h',
  addedAt: NOW,
  required: NO_REQUIRED_FIELDS,
};

describe('OAuth token renewal', () => {
  it('a sync and a poll that both find the token near expiry share one silent renewal', async () => {
    const session = memorySecrets();
    await session.set(account.id, { token: 'old-token', expiresAt: NOW + 3600_000 });
    const launches: string[] = [];
    const accounts = createAccounts({
      secrets: memorySecrets(),
      session,
      exclusive: serial(),
      now: () => NOW,
      harvestClientId: async () => 'client',
      webAuth: {
        redirectUrl: () => REDIRECT,
        async launch({ url }) {
          launches.push(url);
          await new Promise((r) => setTimeout(r, 20)); // Harvest ID answers a moment later
          const state = new URL(url).searchParams.get('state') ?? '';
          return `${REDIRECT}#access_token=new-token&expires_in=1209599&scope=harvest%3A42&token_type=bearer&state=${state}`;
        },
      },
    });
    const [a, b] = await Promise.all([accounts.providerFor(account), accounts.providerFor(account)]);
    expect(launches).toHaveLength(1);
    expect(a).toBe(b);
    expect(await session.get(account.id)).toEqual({ token: 'new-token', expiresAt: NOW + 1209599_000 });
    // Renewed: the next call uses the new token without another flow.
    await accounts.providerFor(account);
    expect(launches).toHaveLength(1);
  });
});

beforeEach(() => fakeBrowser.reset());

const mem = memoryProvider();
registerBackend({
  info: { id: 'memo', name: 'Memo Track', scope: 'workspace', pace: { requests: 50, windowMs: 1000 }, hosts: [] },
  create: () => mem.provider,
  workspaces: async () =>
    ['w1', 'w2'].map((id) => ({ id, name: id, locked: false, required: { project: false, task: false, description: false, tags: false } })),
});

describe('linking an account', () => {
  it('makes each newly linked account the default (the user just said where time goes); a reconnect keeps the choice', async () => {
    const accounts = createAccounts({ secrets: memorySecrets(), exclusive: serial(), pacers: createPacers() });
    await accounts.link('memo', 'k', 'w1');
    expect(await store.get('defaultAccount')).toBe('memo:w1');
    await accounts.link('memo', 'k', 'w2');
    expect(await store.get('defaultAccount')).toBe('memo:w2');
    // The user prefers Local again, then reconnects w2 with a new key: the default stays theirs.
    await accounts.setDefault('local');
    await accounts.link('memo', 'k2', 'w2');
    expect(await store.get('defaultAccount')).toBe('local');
    expect((await store.get('accounts')).map((a) => a.id)).toEqual(['memo:w1', 'memo:w2']);
  });
});

describe('workspace tags', () => {
  const tags = [{ id: 'g1', name: 'urgent' }];
  let created = 0;
  let canCreate = true;
  const tagged = memoryProvider();
  registerBackend({
    info: { id: 'tagz', name: 'Tag Track', scope: 'workspace', pace: { requests: 50, windowMs: 1000 }, hosts: [], tags: true },
    create: () => ({
      ...tagged.provider,
      tags: async () => ({ tags: [...tags], canCreate }),
      createTag: async (name: string) => {
        created += 1;
        const tag = { id: `g${tags.length + 1}`, name };
        tags.push(tag);
        return tag;
      },
    }),
    workspaces: async () => [
      { id: 'w1', name: 'w1', locked: false, required: { project: false, task: false, description: false, tags: true } },
    ],
  });

  it('caches them with the projects when linking and refreshing, adds a created one, and reuses a tag of the same name', async () => {
    const accounts = createAccounts({ secrets: memorySecrets(), exclusive: serial(), pacers: createPacers() });
    await accounts.link('tagz', 'k', 'w1');
    expect(await store.assignments('tagz:w1')).toMatchObject({ tags: [{ id: 'g1', name: 'urgent' }], tagsCreatable: true });
    expect(await accounts.createTag('tagz:w1', ' Review ')).toEqual({ id: 'g2', name: 'Review' });
    expect((await store.assignments('tagz:w1'))?.tags?.map((x) => x.name)).toEqual(['Review', 'urgent']);
    // The same name, case aside, is that tag: nothing is sent.
    expect(await accounts.createTag('tagz:w1', 'review')).toEqual({ id: 'g2', name: 'Review' });
    expect(created).toBe(1);
    canCreate = false;
    await accounts.refresh('tagz:w1');
    expect(await store.assignments('tagz:w1')).toMatchObject({ tagsCreatable: false });
    await expect(accounts.createTag('tagz:w1', 'another')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(created).toBe(1);
  });
});
