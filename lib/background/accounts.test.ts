import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { memoryProvider } from '../../test/unit/memory-provider';
import { registerBackend } from '../providers/registry';
import * as store from '../state/store';
import { createPacers } from '../sync/pacer';
import { createAccounts } from './accounts';
import { memorySecrets } from './secrets';
import { serial } from './service';

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
