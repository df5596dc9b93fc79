import type { SyncRecord } from '../core/schemas';
import * as store from '../state/store';

/** A change to one outbox record, applied to whatever the record has become; `null` drops it. */
export type Change = (r: SyncRecord) => SyncRecord | null;

interface Pending {
  key: string;
  change: Change;
  done: () => void;
  fail: (err: unknown) => void;
}

/**
 * How long a result may wait for company before it is written. Writes touch only the records they name, but each is
 * a transaction: sharing them keeps `flush_500_ratio` (the bench's 500-entry flush) at Harvest's pace.
 */
const LINGER_MS = 250;

/**
 * Group commit of outbox changes: every change queued while a write is under way goes out with the next one, in
 * a single read-modify-write under the state lock. `commit` writes as soon as it can (a create's attempt, which
 * must be durable before its request leaves); `later` waits up to LINGER_MS to share a write (a result: until it
 * is written, its create stays journaled as attempted and is reconciled, never resent, should the worker die).
 * Either resolves once its change is in storage, so a flush of hundreds of records writes the outbox a few dozen
 * times instead of twice per record.
 */
export function createCommitter(exclusive: <T>(task: () => Promise<T>) => Promise<T>) {
  let queue: Pending[] = [];
  let urgent = false;
  let draining = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** One write of everything queued. */
  async function drain(): Promise<void> {
    const batch = queue;
    queue = [];
    urgent = false;
    try {
      await exclusive(async () => {
        // Only the records the batch names are read and written: a result costs the same whatever the backlog.
        const next = await store.outboxRecords([...new Set(batch.map((p) => p.key))]);
        const dropped = new Set<string>();
        for (const { key, change } of batch) {
          const current = next[key];
          if (!current) continue; // dropped meanwhile (unlinked account, or done)
          const changed = change(current);
          if (changed) next[key] = changed;
          else {
            delete next[key];
            dropped.add(key);
          }
        }
        await store.write({ outbox: next, deleteOutbox: [...dropped] });
      });
      for (const p of batch) p.done();
    } catch (err) {
      for (const p of batch) p.fail(err);
    }
    draining = false;
    schedule();
  }

  function schedule(): void {
    if (draining || queue.length === 0) return;
    if (urgent) {
      if (timer) clearTimeout(timer);
      timer = null;
      draining = true;
      void drain();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        urgent = true;
        schedule();
      }, LINGER_MS);
    }
  }

  function enqueue(key: string, change: Change, soon: boolean): Promise<void> {
    return new Promise<void>((done, fail) => {
      queue.push({ key, change, done, fail });
      urgent ||= soon;
      schedule();
    });
  }

  return {
    /** Applies `change` to the record `key` (if it still exists) with the next write; resolves once it is durable. */
    commit: (key: string, change: Change): Promise<void> => enqueue(key, change, true),
    /** The same, allowed to wait a little for other changes to share the write. */
    later: (key: string, change: Change): Promise<void> => enqueue(key, change, false),
  };
}
