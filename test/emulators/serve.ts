import http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { type Loopback, startLoopback } from './harvest/loopback';
import type { Emulator } from './types';

/**
 * An emulator served on a loopback server for a test file's tests (the emulators' own tests, the trackers' client
 * tests), and raw requests to it on fresh connections.
 */

/** Serves `emulator` from before the file's first test to after its last: the server's base URL while they run. */
export function serveOnLoopback(emulator: Emulator): () => string {
  let lb: Loopback | undefined;
  beforeAll(async () => {
    lb = await startLoopback(emulator);
  });
  afterAll(() => lb?.close());
  return () => {
    if (!lb) throw new Error('the loopback server is not up: ask for its address inside a test');
    return lb.base;
  };
}

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  json: any;
}

/**
 * One request to the server at `base` on a fresh connection, with JSON content type and `headers` (a `host` among
 * them is sent as is: fetch cannot set it; without one, Node sends 127.0.0.1:<port>). `body` is sent as JSON unless
 * it is a string. The answer's text, and its JSON where it parses.
 */
export function request(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Res> {
  const port = Number(new URL(base).port);
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
