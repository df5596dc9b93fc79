import { describe, expect, it } from 'vitest';
import type { Task } from '../core/entry';
import { createModalRegistry, type SessionArea } from './modals';

function memoryArea(): SessionArea {
  const data: Record<string, unknown> = {};
  return {
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (values) => void Object.assign(data, structuredClone(values)),
  };
}

const task = {
  integration: 'github',
  id: 'octo/hello#1',
  title: 'Fix it',
  url: 'https://github.com/octo/hello/issues/1',
} as unknown as Task;

describe('modal registry', () => {
  it('gives the task to the frame that claims with the nonce, in the tab that opened it', async () => {
    const reg = createModalRegistry(memoryArea());
    await reg.open('n1', task, 7);
    expect(await reg.claim('n1', 8, 1)).toBeNull(); // another tab
    expect(await reg.claim('forged', 7, 1)).toBeNull();
    expect(await reg.claim('n1', 7, 3)).toEqual({ task });
    expect(await reg.isLive(7, 3)).toBe(true);
    expect(await reg.isLive(7, 4)).toBe(false);
  });

  it('answers a repeated claim from the same frame (a lost reply sent again), never another frame', async () => {
    const reg = createModalRegistry(memoryArea());
    await reg.open('n1', task, 7);
    expect(await reg.claim('n1', 7, 3)).toEqual({ task });
    expect(await reg.claim('n1', 7, 3)).toEqual({ task });
    expect(await reg.claim('n1', 7, 5)).toBeNull();
    expect(await reg.isLive(7, 5)).toBe(false);
  });

  it('keeps one opening per tab: a new opening retires the old frame', async () => {
    const reg = createModalRegistry(memoryArea());
    await reg.open('n1', task, 7);
    await reg.claim('n1', 7, 3);
    await reg.open('n2', task, 7);
    expect(await reg.isLive(7, 3)).toBe(false);
    expect(await reg.claim('n1', 7, 3)).toBeNull();
    expect(await reg.claim('n2', 7, 4)).toEqual({ task });
  });

  it('lets an unclaimed opening lapse after a minute', async () => {
    let clock = 1_000_000;
    const reg = createModalRegistry(memoryArea(), () => clock);
    await reg.open('n1', task, 7);
    clock += 61_000;
    expect(await reg.claim('n1', 7, 3)).toBeNull();
  });
});
