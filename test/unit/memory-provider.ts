import type { EntryInput, Provider, RemoteEntry } from '../../lib/providers/types';
import { ProviderError } from '../../lib/providers/types';

/** An in-memory tracker that can fail the way real ones do (the sync engine and provider registry unit tests). */

type Fault = 'network' | 'commit-then-drop' | 'auth' | 'rejected';

export function memoryProvider() {
  const remote = new Map<string, RemoteEntry>();
  const faults: Fault[] = [];
  const calls: string[] = [];
  let seq = 0;
  const shape = (remoteId: string, input: EntryInput, createdAt: number): RemoteEntry => ({
    remoteId,
    running: input.running,
    day: input.day,
    durationMs: input.durationMs,
    notes: input.notes,
    projectId: input.projectId,
    taskId: input.taskId,
    startedAt: input.startedAt,
    createdAt,
  });
  /** The next fault, thrown now unless it only strikes after the server did its part. */
  const fault = (): Fault | undefined => {
    const f = faults.shift();
    if (f === 'network') throw new ProviderError('network', 'Could not reach Memory.');
    if (f === 'auth') throw new ProviderError('auth', 'Memory rejected the token.');
    if (f === 'rejected') throw new ProviderError('rejected', 'Memory says this project is archived.');
    return f;
  };
  const provider: Provider = {
    identity: async () => ({ userId: 'u1', userName: 'Ada', accountId: '1', accountName: 'Memory', timestampTimers: false, clock: '24h' }),
    assignments: async () => [],
    async create(input) {
      calls.push('create');
      const f = fault();
      const r = shape(String(++seq), input, Date.now());
      remote.set(r.remoteId, r);
      if (f === 'commit-then-drop') throw new ProviderError('network', 'The connection dropped.');
      return r;
    },
    async stop(remoteId, input) {
      calls.push('stop');
      fault();
      const r = { ...(remote.get(remoteId) as RemoteEntry), running: false, durationMs: input.durationMs };
      remote.set(remoteId, r);
      return r;
    },
    async update(remoteId, input) {
      calls.push('update');
      fault();
      const old = remote.get(remoteId);
      if (!old) throw new ProviderError('not-found', 'Gone.');
      const r = shape(remoteId, input, old.createdAt);
      remote.set(remoteId, r);
      return r;
    },
    async remove(remoteId) {
      calls.push('remove');
      fault();
      remote.delete(remoteId);
    },
    running: async () => [...remote.values()].find((r) => r.running) ?? null,
    async findCreated(input, since, known) {
      calls.push('find');
      return [...remote.values()]
        .filter((r) => r.notes === input.notes && r.day === input.day && r.createdAt >= since - 60_000 && !known.has(r.remoteId))
        .sort((a, b) => a.createdAt - b.createdAt);
    },
  };
  return { provider, remote, faults, calls };
}
