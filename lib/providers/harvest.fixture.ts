import { createHarvestEmulator, type DemoSeed, type HarvestEmulatorOptions } from '../../test/emulators/harvest';
import { at, DAY } from './common.fixture';
import { createHarvestProvider } from './harvest';
import type { EntryInput } from './types';

/**
 * What the Harvest client's tests share (harvest.test.ts, harvest-errors.test.ts): a client over an in-process
 * emulator in the test machine's time zone, entry inputs, and readers of what was sent.
 */

// `at`: local wall-clock time on DAY (the emulated user's time zone is set to the test machine's).
export { at, DAY, failure } from './common.fixture';

const LOCAL_TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;
export const TASK = { id: '42', groupId: 'stint-time/stint', url: 'https://github.com/stint-time/stint/issues/42', integration: 'github' };

export function setup(
  o: { timestamp?: boolean; clock?: '12h' | '24h'; emu?: HarvestEmulatorOptions; fetch?: typeof fetch; timeoutMs?: number } = {},
) {
  const emu = createHarvestEmulator({ now: at(10), rateLimit: false, ...o.emu });
  const demo = emu.seedDemo({ timestamp: o.timestamp, clock: o.clock });
  const user = emu.store.users.get(demo.userId);
  if (user) user.timezone = LOCAL_TZ;
  const provider = createHarvestProvider({
    token: demo.token,
    accountId: String(demo.accountId),
    fetch: o.fetch ?? emu.fetch,
    now: () => emu.clock.now(),
    timeoutMs: o.timeoutMs,
  });
  return { emu, demo, provider };
}

export function input(demo: DemoSeed, o: Partial<EntryInput> = {}): EntryInput {
  const [projectId, taskId] = [String(demo.projects.difference.id), String(demo.taskIds.programming)];
  const base = { localId: 'local-1', projectId, taskId, notes: '#42 Fix the difference engine', day: DAY, task: TASK };
  return { ...base, startedAt: null, endedAt: null, durationMs: 0, running: false, ...o };
}

export type Setup = ReturnType<typeof setup>;
export const lastBody = (emu: Setup['emu'], method: string, path: string | RegExp) =>
  JSON.parse(emu.log.filter({ method, path }).at(-1)?.body ?? '{}');
