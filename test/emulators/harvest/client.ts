import { beforeEach, expect } from 'vitest';
import { serveOnLoopback } from '../serve';
import { createHarvestEmulator, type DemoSeed } from './index';

/**
 * What the Harvest emulator's own tests share (test/emulators/harvest*.test.ts): one emulator served on loopback
 * per test file, reset and reseeded with the demo before each test, and a client that calls it as Stint does.
 */

export const emu = createHarvestEmulator({ now: '2024-05-06T09:00:00Z' });
// Live binding: set by the hook below, read by the tests.
export let demo: DemoSeed;
let served: (() => string) | undefined;
/** The emulator's loopback address while the file's tests run. */
export const base = (): string => {
  if (!served) throw new Error('call serveHarvest() at the top of the test file');
  return served();
};

/** Replaces the seed the client calls with (a test that reseeds the emulator itself). */
export function setDemo(seed: DemoSeed): void {
  demo = seed;
}

/** Registers the file's hooks: serve on loopback for the file, reset and reseed before each test. */
export function serveHarvest(): void {
  served = serveOnLoopback(emu);
  beforeEach(() => {
    emu.reset();
    demo = emu.seedDemo();
  });
}

// biome-ignore lint/suspicious/noExplicitAny: loosely typed response JSON in assertions
export type Json = Record<string, any>;
export const UA = 'Stint tests (tests@example.com)';

export function call(path: string, init: { method?: string; body?: unknown; token?: string; account?: number | null } = {}) {
  const headers: Record<string, string> = { 'User-Agent': UA, Authorization: `Bearer ${init.token ?? demo.token}` };
  if (init.account !== null) headers['Harvest-Account-Id'] = String(init.account ?? demo.accountId);
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(base() + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
export async function ok(path: string, init: Parameters<typeof call>[1] = {}): Promise<Json> {
  const res = await call(path, init);
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Json;
}
export const timer = (o: Json = {}) => ({
  project_id: demo.projects.difference.id,
  task_id: demo.taskIds.programming,
  spent_date: '2024-05-06',
  ...o,
});
export const INVALID = {
  error: 'invalid_token',
  error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};
