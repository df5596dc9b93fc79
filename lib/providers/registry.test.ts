import { describe, expect, it } from 'vitest';
import { memoryProvider } from '../../test/unit/memory-provider';
import { createAccounts } from '../background/accounts';
import { memorySecrets } from '../background/secrets';
import { createService, serial } from '../background/service';
import * as store from '../state/store';
import { createSyncEngine } from '../sync/engine';
import { createPacers } from '../sync/pacer';
import { providerInfo } from './catalog';
import { registerBackend } from './registry';

describe('provider registry', () => {
  it('takes a fourth tracker with one registration: linked, booked to and synced through the service layer', async () => {
    const mem = memoryProvider();
    mem.provider.assignments = async () => [{ projectId: 'p1', projectName: 'Ops', taskId: '', taskName: '' }];
    registerBackend({
      info: { id: 'memo', name: 'Memo Track', scope: 'workspace', pace: { requests: 50, windowMs: 1000 }, hosts: [] },
      create: () => mem.provider,
      workspaces: async () => [
        { id: 'w9', name: 'Memo HQ', locked: false, required: { project: false, task: false, description: false, tags: false } },
      ],
    });
    expect(providerInfo('memo')?.name).toBe('Memo Track');

    const exclusive = serial();
    const pacers = createPacers();
    const accounts = createAccounts({ secrets: memorySecrets(), exclusive, pacers });
    const engine = createSyncEngine({ exclusive, providerFor: accounts.providerFor, pacers });
    const handle = createService({ exclusive, accounts, changed: () => void engine.flush() });

    expect(await handle({ type: 'workspaces.list', provider: 'memo', token: 'k' }, 'extension-page')).toMatchObject({
      ok: true,
      data: [{ id: 'w9', name: 'Memo HQ' }],
    });
    expect(await handle({ type: 'account.link', provider: 'memo', token: 'k', remoteAccountId: 'w9' }, 'extension-page')).toEqual({
      ok: true,
      data: { id: 'memo:w9' },
    });
    expect((await store.get('accounts')).map((a) => [a.id, a.provider])).toEqual([['memo:w9', 'memo']]);
    expect(await store.get('defaultAccount')).toBe('memo:w9');

    const booking = { accountId: 'memo:w9', projectId: 'p1', taskId: '' };
    const day = new Date().toLocaleDateString('en-CA');
    expect(await handle({ type: 'entry.save', task: null, notes: 'on call', time: '1:00', day, booking }, 'extension-page')).toMatchObject({
      ok: true,
    });
    await engine.flush();
    expect([...mem.remote.values()].map((r) => [r.notes, r.projectId, r.durationMs])).toEqual([['on call', 'p1', 3_600_000]]);
    // An unknown tracker is refused at the door.
    expect(await handle({ type: 'account.link', provider: 'nope', token: 'k', remoteAccountId: '1' }, 'extension-page')).toMatchObject({
      ok: false,
    });
  });
});
