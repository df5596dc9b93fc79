import http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { type Loopback, startLoopback } from './harvest/loopback';
import type { Emulator } from './types';

/**
 * What the Clockify and Toggl emulators' own tests share (clockify.test.ts, toggl.test.ts): the emulator on a
 * loopback server for the test file, and raw requests to it on fresh connections.
 */

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  json: any;
}

let lb: Loopback | undefined;

/** Serves `emu` on loopback from before the file's first test to after its last. */
export function serveEmulator(emu: Emulator): void {
  beforeAll(async () => {
    lb = await startLoopback(emu);
  });
  afterAll(() => lb?.close());
}

/**
 * One request to the served emulator on a fresh connection, with JSON content type and `headers` (a `host` among
 * them is sent as is: fetch cannot set it; without one, Node sends 127.0.0.1:<port>). `body` is sent as JSON unless
 * it is a string. The answer's text, and its JSON where it parses.
 */
export function request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Res> {
  if (!lb) throw new Error('no emulator served: call serveEmulator() at the top of the test file');
  const port = Number(new URL(lb.base).port);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const all = { 'content-type': 'application/json', ...headers };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: all, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => {
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
