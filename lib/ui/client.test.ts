import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from './client';

/** What Chrome says when the worker stopped before or while handling a message. */
const NOT_DELIVERED = 'Could not establish connection. Receiving end does not exist.';
const REPLY_LOST =
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';

afterEach(() => vi.restoreAllMocks());

describe('send', () => {
  it('tries again, with the same request id, when the worker went away', async () => {
    const seen: unknown[] = [];
    const answers = [
      () => Promise.reject(new Error(NOT_DELIVERED)),
      () => Promise.reject(new Error(REPLY_LOST)),
      async () => ({ ok: true }),
    ];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: unknown) => {
      seen.push(message);
      return (answers.shift() ?? (() => Promise.reject(new Error('extra'))))();
    }) as typeof fakeBrowser.runtime.sendMessage);
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    const ids = new Set(seen.map((m) => (m as { requestId: string }).requestId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]).toMatchObject({ type: 'timer.stop' });
  });

  it("gives the background's own refusal at once", async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: 'No timer is running.' });
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: false, error: 'No timer is running.' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('becomes a failed reply, never an exception, when the worker cannot be reached at all', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error(NOT_DELIVERED));
    const reply = await send({ type: 'timer.stop' });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('Receiving end does not exist') });
    expect(spy).toHaveBeenCalledTimes(3);
  });
});
