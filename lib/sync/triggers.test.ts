import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTriggers } from './triggers';

describe('triggers: a change is flushed a moment after it', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const engine = () => {
    const calls: string[] = [];
    return {
      calls,
      flush: async () => {
        calls.push('flush');
      },
      poll: async () => {
        calls.push('poll');
      },
    };
  };

  it('once for the changes of the next 10 ms, never at once, and never pushed back by more changes', async () => {
    const e = engine();
    const t = createTriggers(e);
    t.changed();
    expect(e.calls).toEqual([]); // the reply to the page leaves first
    await vi.advanceTimersByTimeAsync(6);
    t.changed(); // joins the flush already due: the timer is not pushed back
    await vi.advanceTimersByTimeAsync(3);
    expect(e.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(e.calls).toEqual(['flush']);
    t.changed(); // a change after that flush gets one of its own
    await vi.advanceTimersByTimeAsync(10);
    expect(e.calls).toEqual(['flush', 'flush']);
  });

  it('waits for the background to be ready, and reports a failed flush instead of throwing', async () => {
    let ready!: () => void;
    const errors: unknown[] = [];
    const e = { ...engine(), flush: async () => Promise.reject(new Error('boom')) };
    const t = createTriggers(e, { ready: () => new Promise<void>((r) => (ready = r)), onError: (err) => errors.push(err) });
    t.changed();
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toEqual([]);
    ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('boom')]);
  });
});
