import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type ClockifyDemo, createClockifyEmulator } from '../../test/emulators/clockify';
import { atMinute } from '../core/time';
import { type ClockifyConfig, createClockifyProvider } from './clockify';
import { type EntryInput, ProviderError } from './types';

/**
 * What the Clockify client's tests share (clockify.test.ts, clockify-errors.test.ts, clockify-tags.test.ts): the
 * emulator behind a loopback server, a clock, the requests sent, a client, entry inputs. A test file calls
 * `useClockify()` once; each file gets its own copy of this module (vitest isolates test files).
 */

export const DAY = '2024-05-06';
/** Local wall-clock time on DAY. */
export const at = (h: number, m = 0) => atMinute(DAY, h * 60 + m);
export let clock = at(10);
export const setClock = (ms: number): void => {
  clock = ms;
};
export const emu = createClockifyEmulator({ now: () => clock, rateLimit: false });
const server = http.createServer((req, res) => void emu.handle(req, res));
let port = 0;
export let demo: ClockifyDemo;
/** Every request the provider sent: method, URL, headers, JSON body. */
export let sent: { method: string; url: string; headers: Headers; body: unknown }[] = [];
export const clearSent = (): void => {
  sent = [];
};

/** fetch through a loopback server keeping the real Host header (regional keys work only on their host). */
export const loopFetch =
  (target: () => number): typeof fetch =>
  (input, init) =>
    new Promise((resolve, reject) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      sent.push({ method: init?.method ?? 'GET', url: url.href, headers, body: body === undefined ? undefined : JSON.parse(body) });
      const plain: Record<string, string> = { host: url.host };
      headers.forEach((v, k) => {
        plain[k] = v;
      });
      const options = { host: '127.0.0.1', port: target(), method: init?.method ?? 'GET', path: url.pathname + url.search, headers: plain };
      const req = http.request({ ...options, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
          const status = res.statusCode ?? 0;
          resolve(new Response(status === 204 ? null : new Uint8Array(Buffer.concat(chunks)), { status, headers: out }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
export const hostFetch = loopFetch(() => port);

/** The loopback server for the file's tests; before each, the emulator reset to its demo, the clock to 10:00, no request sent. */
export function useClockify(): void {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });
  beforeEach(() => {
    clock = at(10);
    emu.reset();
    demo = emu.seedDemo();
    sent = [];
  });
}

export const provider = (o: Partial<ClockifyConfig> = {}) =>
  createClockifyProvider({ apiKey: demo.apiKey, workspaceId: demo.workspace.id, fetch: hostFetch, now: () => clock, ...o });

export function input(o: Partial<EntryInput> = {}): EntryInput {
  const base = {
    localId: 'local-1',
    projectId: demo.projects.website.id,
    taskId: demo.tasks.build.id,
    notes: '#42 Fix the header',
    day: DAY,
  };
  return { ...base, startedAt: null, endedAt: null, durationMs: 0, running: false, ...o };
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
