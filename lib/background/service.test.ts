import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as store from '../state/store';
import { APPLIED_KEPT } from './intents';
import { createService, serial } from './service';

const task = { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1' };

beforeEach(() => fakeBrowser.reset());

describe('service', () => {
  it('persists a start and a stop', async () => {
    let now = 1_000_000;
    const handle = createService({ now: () => now });
    expect(await handle({ type: 'timer.start', task, notes: '' }, 'content-script')).toEqual({ ok: true });
    expect((await store.get('timer'))?.task).toEqual(task);
    now += 90_000;
    expect(await handle({ type: 'timer.stop' }, 'content-script')).toEqual({ ok: true });
    expect(await store.get('timer')).toBeNull();
    expect((await store.allEntries()).map((e) => e.durationMs)).toEqual([90_000]);
  });

  it('never interleaves concurrent intents: two starts leave one timer and one stopped entry', async () => {
    const handle = createService();
    await Promise.all([
      handle({ type: 'timer.start', task, notes: 'a' }, 'content-script'),
      handle({ type: 'timer.start', task: { ...task, id: 'o/r#2' }, notes: 'b' }, 'content-script'),
    ]);
    expect((await store.get('timer'))?.notes).toBe('b');
    expect((await store.allEntries()).map((e) => e.notes)).toEqual(['a']);
  });

  it('applies a timer intent once per request id: a retry whose first reply was lost is answered, not repeated', async () => {
    const handle = createService();
    const save = { type: 'entry.save', task, notes: '', time: '0:30', day: '2026-11-22' };
    const requestId = crypto.randomUUID();
    expect(await handle({ ...save, requestId }, 'content-script')).toEqual({ ok: true });
    // The worker that saved it was stopped before it could answer; a fresh one gets the same request again.
    expect(await createService()({ ...save, requestId }, 'content-script')).toEqual({ ok: true });
    expect(await store.allEntries()).toHaveLength(1);
    // Another request (another id, or none) is another intent.
    await handle({ ...save, requestId: crypto.randomUUID() }, 'content-script');
    await handle(save, 'content-script');
    await handle({ ...save, requestId: 'not-a-uuid' }, 'content-script');
    expect(await store.allEntries()).toHaveLength(4);
    // A stop retried after it was saved is "done", not "no timer running".
    const stop = { type: 'timer.stop', requestId: crypto.randomUUID() };
    await handle({ type: 'timer.start', task, notes: '' }, 'content-script');
    expect(await handle(stop, 'content-script')).toEqual({ ok: true });
    expect(await handle(stop, 'content-script')).toEqual({ ok: true });
    expect(await store.allEntries()).toHaveLength(5);
  });

  it('warns before logging the same meeting occurrence twice on a day, and logs it again when asked', async () => {
    const handle = createService();
    const start = new Date(2026, 2, 10, 9).getTime();
    const meeting = { ...task, integration: 'google-calendar', id: 'abc_20260310T130000Z', span: { start, end: start + 3_600_000 } };
    const save = { type: 'entry.save', task: meeting, notes: 'Standup', time: '9:00-10:00', day: '2026-03-10' };
    expect(await handle(save, 'content-script')).toEqual({ ok: true });
    const again = await handle(save, 'content-script');
    expect(again).toMatchObject({ ok: false, kind: 'logged' });
    expect(await store.allEntries()).toHaveLength(1);
    // Another occurrence, another day of the same one, or a task that is not a meeting: no warning.
    expect(await handle({ ...save, task: { ...meeting, id: 'abc_20260317T130000Z' } }, 'content-script')).toEqual({ ok: true });
    expect(await handle({ ...save, day: '2026-03-11' }, 'content-script')).toEqual({ ok: true });
    expect(await handle({ ...save, task }, 'content-script')).toEqual({ ok: true });
    expect(await handle({ ...save, task }, 'content-script')).toEqual({ ok: true });
    // The user saw the warning and saves anyway.
    expect(await handle({ ...save, again: true }, 'content-script')).toEqual({ ok: true });
    expect(await store.allEntries()).toHaveLength(6);
    expect((await store.allEntries()).find((e) => e.task?.id === meeting.id)?.task?.span).toEqual(meeting.span);
  });

  it('keeps the last applied request ids only', async () => {
    const handle = createService();
    const ids = Array.from({ length: APPLIED_KEPT + 5 }, () => crypto.randomUUID());
    for (const requestId of ids) await handle({ type: 'timer.start', task, notes: '', requestId }, 'content-script');
    expect(await store.get('appliedRequests')).toEqual(ids.slice(-APPLIED_KEPT).reverse());
    // An unreadable list is set aside, never fatal.
    await store.write({ kv: { appliedRequests: 'junk' as unknown as string[] } });
    expect(await handle({ type: 'timer.stop', requestId: ids[0] }, 'content-script')).toEqual({ ok: true });
    expect(await store.get('timer')).toBeNull();
  });

  it('changes nothing for a rejected message', async () => {
    const handle = createService();
    expect(await handle({ type: 'entry.delete', id: 'x' }, 'content-script')).toMatchObject({ ok: false });
    expect(await handle({ type: 'timer.start', task, notes: '' }, 'foreign')).toMatchObject({ ok: false });
    expect(await store.get('timer')).toBeNull();
  });

  it('keeps site health from content scripts: the last visits per site, layers only, concurrent reports all counted', async () => {
    const handle = createService();
    const layers = ['selector', 'semantic', 'dock', 'semantic'] as const;
    const replies = await Promise.all(
      layers.map((layer) => handle({ type: 'anchor.placed', integration: 'github', layer }, 'content-script')),
    );
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(await store.get('anchorHealth')).toEqual({ github: [...layers] });
    expect(await handle({ type: 'anchor.placed', integration: 'github', layer: 'dock', url: 'https://x' }, 'content-script')).toEqual({
      ok: true,
    });
    // Unknown keys are dropped by the schema: nothing but the layer is kept.
    expect(JSON.stringify(await store.get('anchorHealth'))).not.toContain('https://x');
    expect(await handle({ type: 'anchor.placed', integration: 'myspace', layer: 'dock' }, 'content-script')).toMatchObject({ ok: false });
  });

  it("hides a site's dock from the page, shows it again only from options", async () => {
    const handle = createService();
    expect(await handle({ type: 'dock.hide', integration: 'linear' }, 'content-script')).toEqual({ ok: true });
    expect(await handle({ type: 'dock.hide', integration: 'linear' }, 'content-script')).toEqual({ ok: true });
    expect(await store.get('dockHidden')).toEqual(['linear']);
    expect(await handle({ type: 'dock.show', integration: 'linear' }, 'content-script')).toMatchObject({ ok: false });
    expect(await handle({ type: 'dock.show', integration: 'linear' }, 'extension-page')).toEqual({ ok: true });
    expect(await store.get('dockHidden')).toEqual([]);
  });

  it('serial() runs tasks in order even when one fails', async () => {
    const run = serial();
    const order: number[] = [];
    const a = run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push(1);
    });
    const b = run(async () => {
      order.push(2);
      throw new Error('x');
    });
    const c = run(async () => order.push(3));
    await Promise.allSettled([a, b, c]);
    expect(order).toEqual([1, 2, 3]);
  });

  describe("a workspace's required fields", () => {
    const account = {
      id: 'clockify:w1',
      provider: 'clockify' as const,
      remoteAccountId: 'w1',
      accountName: 'Acme',
      userId: 'u1',
      userName: 'Ada',
      auth: 'token' as const,
      timestampTimers: true,
      clock: '24h' as const,
      addedAt: 1,
      required: { project: true, task: true, description: true, tags: false },
    };
    const pairs = [
      { projectId: 'p1', projectName: 'Website', taskId: 't1', taskName: 'Build' },
      { projectId: 'p1', projectName: 'Website', taskId: 't2', taskName: 'Test' },
      { projectId: 'p2', projectName: 'Support', taskId: '', taskName: '' },
    ];
    beforeEach(async () => {
      await store.write({ kv: { accounts: [account] } });
      await store.write({ assignments: { [account.id]: { fetchedAt: 1, list: pairs } } });
    });
    const booking = (projectId: string, taskId: string) => ({ accountId: account.id, projectId, taskId });

    it('refuses a timer or an entry that lacks them, naming what is missing', async () => {
      const handle = createService();
      const start = await handle({ type: 'timer.start', task, notes: '  ', booking: booking('p1', 't1') }, 'content-script');
      expect(start).toMatchObject({ ok: false, kind: 'required', error: expect.stringMatching(/“Acme” requires notes/) });
      const save = await handle(
        { type: 'entry.save', task, notes: 'x', time: '1:00', day: '2026-03-02', booking: booking('p2', '') },
        'content-script',
      );
      expect(save).toMatchObject({ ok: false, error: expect.stringMatching(/requires a task on every entry/) });
      expect(await store.get('timer')).toBeNull();
      expect(await store.allEntries()).toEqual([]);
    });

    it('accepts an entry that has them; a workspace requiring tags takes an entry with one of its tags', async () => {
      const handle = createService();
      expect(await handle({ type: 'timer.start', task, notes: 'Fix', booking: booking('p1', 't1') }, 'content-script')).toEqual({
        ok: true,
      });
      await store.write({ kv: { accounts: [{ ...account, required: { project: false, task: false, description: false, tags: true } }] } });
      await store.write({ assignments: { [account.id]: { fetchedAt: 1, list: pairs, tags: [{ id: 'g1', name: 'urgent' }] } } });
      const none = await handle({ type: 'timer.start', task, notes: 'Fix', booking: booking('p1', 't1') }, 'content-script');
      expect(none).toMatchObject({ ok: false, kind: 'required', error: expect.stringMatching(/requires tags on every entry/) });
      const unknown = await handle(
        { type: 'timer.start', task, notes: 'Fix', booking: booking('p1', 't1'), tags: ['nope'] },
        'content-script',
      );
      expect(unknown).toMatchObject({ ok: false, error: expect.stringMatching(/no longer in the workspace/) });
      const tagged = await handle(
        { type: 'timer.start', task, notes: 'Fix', booking: booking('p1', 't1'), tags: ['g1'] },
        'content-script',
      );
      expect(tagged).toEqual({ ok: true });
      expect((await store.get('timer'))?.tags).toEqual([{ id: 'g1', name: 'urgent' }]);
      // Remembered with the booking: the group's next entry is offered the same tags.
      expect((await store.get('lastBooking'))['*']).toMatchObject({ accountId: account.id, tagIds: ['g1'] });
    });

    it('remembers the booking per task group; the same booking again is left out of the save’s write', async () => {
      const handle = createService();
      const tick = () => new Promise((r) => setTimeout(r, 0)); // listeners hear of a write in the next task
      await tick();
      const topics: string[][] = [];
      const off = store.onChange((t) => topics.push(t));
      const inRepo = { ...task, groupId: 'o/r' };
      const save = (b: ReturnType<typeof booking>, t = inRepo) =>
        handle({ type: 'entry.save', task: t, notes: 'Fix', time: '1:00', day: '2026-03-02', booking: b }, 'content-script');
      expect(await save(booking('p1', 't1'))).toEqual({ ok: true });
      await tick();
      expect(await save(booking('p1', 't1'))).toEqual({ ok: true });
      await tick();
      // Another group (another repository) with the same booking: its own record is new.
      expect(await save(booking('p1', 't1'), { ...task, id: 'x/y#1', url: 'https://github.com/x/y/issues/1', groupId: 'x/y' })).toEqual({
        ok: true,
      });
      await tick();
      expect(await save(booking('p1', 't2'))).toEqual({ ok: true });
      await tick();
      off();
      expect(topics.map((t) => t.includes('lastBooking'))).toEqual([true, false, true, true]);
      expect(await store.get('lastBooking')).toEqual({
        '*': { accountId: account.id, projectId: 'p1', taskId: 't2' },
        'github:o/r': { accountId: account.id, projectId: 'p1', taskId: 't2' },
        'github:x/y': { accountId: account.id, projectId: 'p1', taskId: 't1' },
      });
    });

    it('refuses an edit that removes a required field, and keeps the entry as it was', async () => {
      const handle = createService();
      const save = { type: 'entry.save', task, notes: 'Fix', time: '1:00', day: '2026-03-02', booking: booking('p1', 't1') } as const;
      expect(await handle(save, 'content-script')).toEqual({ ok: true });
      const [entry] = await store.allEntries();
      const edit = await handle({ type: 'entry.update', id: entry?.id ?? '', notes: '' }, 'extension-page');
      expect(edit).toMatchObject({ ok: false, error: expect.stringMatching(/requires notes/) });
      expect((await store.allEntries())[0]?.notes).toBe('Fix');
    });

    it('reads accounts stored before required fields existed as requiring nothing', async () => {
      const { required: _, ...old } = account;
      await store.write({ kv: { accounts: [old as typeof account] } });
      const handle = createService();
      expect(await handle({ type: 'timer.start', task, notes: '', booking: booking('p2', '') }, 'content-script')).toEqual({ ok: true });
    });
  });
});
