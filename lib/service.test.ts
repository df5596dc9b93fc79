import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createService, serial } from './service';
import { readEntries, readTimer } from './storage';

const task = { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1' };

beforeEach(() => fakeBrowser.reset());

describe('service', () => {
  it('persists a start and a stop', async () => {
    let now = 1_000_000;
    const handle = createService({ now: () => now });
    expect(await handle({ type: 'timer.start', task, notes: '' }, 'content-script')).toEqual({ ok: true });
    expect((await readTimer())?.task).toEqual(task);
    now += 90_000;
    expect(await handle({ type: 'timer.stop' }, 'content-script')).toEqual({ ok: true });
    expect(await readTimer()).toBeNull();
    expect((await readEntries()).map((e) => e.durationMs)).toEqual([90_000]);
  });

  it('never interleaves concurrent intents: two starts leave one timer and one stopped entry', async () => {
    const handle = createService();
    await Promise.all([
      handle({ type: 'timer.start', task, notes: 'a' }, 'content-script'),
      handle({ type: 'timer.start', task: { ...task, id: 'o/r#2' }, notes: 'b' }, 'content-script'),
    ]);
    expect((await readTimer())?.notes).toBe('b');
    expect((await readEntries()).map((e) => e.notes)).toEqual(['a']);
  });

  it('changes nothing for a rejected message', async () => {
    const handle = createService();
    expect(await handle({ type: 'entry.delete', id: 'x' }, 'content-script')).toMatchObject({ ok: false });
    expect(await handle({ type: 'timer.start', task, notes: '' }, 'foreign')).toMatchObject({ ok: false });
    expect(await readTimer()).toBeNull();
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
});
