import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startLoopback } from '../../test/emulators/harvest/loopback';
import { createTogglEmulator, type TogglDemo } from '../../test/emulators/toggl';
import { atMinute } from '../core/time';
import { createTogglProvider, type TogglConfig } from './toggl';
import { type EntryInput, ProviderError } from './types';

/**
 * What the Toggl client's tests share (toggl.test.ts, toggl-errors.test.ts, toggl-tags.test.ts): the emulator
 * behind a loopback server, a clock, the requests sent, a client, entry inputs. A test file calls `useToggl()`
 * once; each file gets its own copy of this module (vitest isolates test files).
 */

export const DAY = '2024-05-06';
/** Local wall-clock time on DAY. */
export const at = (h: number, m = 0) => atMinute(DAY, h * 60 + m);
export let clock = at(10);
export const setClock = (ms: number): void => {
  clock = ms;
};
// Limits off; the limit tests switch them on.
export const emu = createTogglEmulator({ now: () => clock, leakyBucket: false, quota: false });
let loop: Awaited<ReturnType<typeof startLoopback>>;
export let demo: TogglDemo;
/** Every request the provider sent: method, URL, headers, JSON body. */
export let sent: { method: string; url: string; headers: Headers; body: unknown }[] = [];
export const clearSent = (): void => {
  sent = [];
};

/** Sends api.track.toggl.com requests to the loopback emulator, recording them. */
export const viaLoop: typeof fetch = (input, init) => {
  const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers), body });
  return fetch(String(input).replace('https://api.track.toggl.com', loop.base), init);
};

/** The loopback server for the file's tests; before each, the emulator reset to its demo with limits off, the clock to 10:00, no request sent. */
export function useToggl(): void {
  beforeAll(async () => {
    loop = await startLoopback(emu);
  });
  afterAll(() => loop.close());
  beforeEach(() => {
    clock = at(10);
    emu.reset();
    emu.setQuota(false);
    emu.setLeakyBucket(false);
    demo = emu.seedDemo();
    sent = [];
  });
}

export const provider = (o: Partial<TogglConfig> = {}) =>
  createTogglProvider({ apiToken: demo.token, workspaceId: String(demo.workspace.id), fetch: viaLoop, now: () => clock, ...o });

export function input(o: Partial<EntryInput> = {}): EntryInput {
  const ids = { projectId: String(demo.projects.website.id), taskId: String(demo.tasks.build.id) };
  return {
    localId: 'local-1',
    ...ids,
    notes: '#42 Fix the header',
    day: DAY,
    startedAt: null,
    endedAt: null,
    durationMs: 0,
    running: false,
    ...o,
  };
}
export const stopped = (from: number, to: number, o: Partial<EntryInput> = {}) =>
  input({ startedAt: from, endedAt: to, durationMs: to - from, ...o });

export async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}
export const lastSent = (method: string) => sent.filter((r) => r.method === method).at(-1);
