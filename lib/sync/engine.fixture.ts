import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { memoryProvider } from '../../test/unit/memory-provider';
import { createService, serial } from '../background/service';
import * as store from '../state/store';
import { createSyncEngine } from './engine';
import { createPacers } from './pacer';

/**
 * The rig of the sync engine's unit tests (engine.test.ts, readback.test.ts): one Harvest-shaped account with a
 * project, the service that saves entries, and an engine against an in-memory provider that can fail the way real
 * ones do (offline, a create whose answer is lost after the server committed it, a revoked token, refused data).
 */

export const account = {
  id: 'harvest:1',
  provider: 'harvest' as const,
  remoteAccountId: '1',
  accountName: 'Memory',
  userId: 'u1',
  userName: 'Ada',
  auth: 'token' as const,
  timestampTimers: false,
  clock: '24h' as const,
  addedAt: 1,
  required: { project: false, task: false, description: false, tags: false },
};
export const booking = { accountId: account.id, projectId: 'p1', taskId: 't1' };
export const day = new Date().toLocaleDateString('en-CA');

/** A fresh browser and data layer with the account; `clock` is the engine's (the service stamps with the real one). */
async function freshEngine(clock: () => number) {
  fakeBrowser.reset();
  await store.write({
    kv: { accounts: [account] },
    assignments: { [account.id]: { fetchedAt: 1, list: [{ projectId: 'p1', projectName: 'Engine', taskId: 't1', taskName: 'Build' }] } },
  });
  const mem = memoryProvider();
  const exclusive = serial();
  // Each intent a millisecond after the last: two saves in the same millisecond would tie in the outbox's order
  // (oldest change first), and which one meets the provider's refusal would be left to chance.
  let last = 0;
  const now = () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
  const handle = createService({ exclusive, now });
  const engine = createSyncEngine({ exclusive, providerFor: async () => mem.provider, pacers: createPacers(), now: clock });
  return { mem, handle, engine };
}

export type EngineRig = Awaited<ReturnType<typeof freshEngine>> & {
  /** The engine's clock (the service stamps entries with the real one): tests move it on. */
  clock: number;
};

/** The rig, made afresh before each test of the calling file: its fields are the running test's. */
export function engineRig(): EngineRig {
  const rig = { clock: 0 } as EngineRig;
  beforeEach(async () => {
    rig.clock = Date.now();
    Object.assign(rig, await freshEngine(() => rig.clock));
  });
  return rig;
}
