import { storage } from 'wxt/utils/storage';
import { parseMessage, type Reply, type SenderKind } from './messages';
import { items, readEntries, readTimer } from './storage';
import { applyIntent } from './tracker';

/** Runs tasks one after another: intents never interleave their read-modify-write of storage. */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

const newId = () => crypto.randomUUID();

/** The background's message handler: validate, apply under a lock, persist durably, answer. */
export function createService(now: () => number = Date.now) {
  const exclusive = serial();
  return async function handle(raw: unknown, kind: SenderKind): Promise<Reply> {
    const parsed = parseMessage(raw, kind);
    if (!parsed.ok) return parsed;
    return exclusive(async () => {
      const state = { timer: await readTimer(), entries: await readEntries() };
      const outcome = applyIntent(state, parsed.message, { now: now(), newId });
      if (!outcome.ok) return outcome;
      // One storage write for both items: a worker killed mid-way leaves the old state or the new, never half.
      await storage.setItems([
        { item: items.timer, value: outcome.state.timer },
        { item: items.entries, value: outcome.state.entries },
      ]);
      return { ok: true };
    });
  };
}
