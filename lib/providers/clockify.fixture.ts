import http from 'node:http';
import { type ClockifyDemo, createClockifyEmulator } from '../../test/emulators/clockify';
import { type ClockifyConfig, createClockifyProvider } from './clockify';
import { clock, entryInputs, loopBase, sent, useEmulator } from './common.fixture';

/**
 * What the Clockify client's tests share (clockify.test.ts, clockify-errors.test.ts, clockify-tags.test.ts): the
 * emulator behind a loopback server, a fetch that keeps the real Host header, a client, entry inputs; the clock and
 * the requests sent come from common.fixture.ts. A test file calls `useClockify()` once.
 */

export { at, clearSent, clock, DAY, failure, lastSent, sent, setClock } from './common.fixture';

export const emu = createClockifyEmulator({ now: () => clock, rateLimit: false });
export let demo: ClockifyDemo;

/** fetch through the loopback server at `base` keeping the real Host header (regional keys work only on their host). */
export const loopFetch =
  (base: () => string): typeof fetch =>
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
      const options = {
        host: '127.0.0.1',
        port: Number(new URL(base()).port),
        method: init?.method ?? 'GET',
        path: url.pathname + url.search,
        headers: plain,
      };
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
export const hostFetch = loopFetch(loopBase);

/** The loopback server for the file's tests; before each, the emulator reset to its demo, the clock to 10:00, no request sent. */
export function useClockify(): void {
  useEmulator(emu, () => {
    emu.reset();
    demo = emu.seedDemo();
  });
}

export const provider = (o: Partial<ClockifyConfig> = {}) =>
  createClockifyProvider({ apiKey: demo.apiKey, workspaceId: demo.workspace.id, fetch: hostFetch, now: () => clock, ...o });

export const { input, stopped } = entryInputs(() => ({ projectId: demo.projects.website.id, taskId: demo.tasks.build.id }));
