/**
 * A plain-HTTP loopback server around one emulator, for unit tests that want real sockets (dropped
 * connections, latency) without the shared HTTPS host router. Requests are dispatched by path, since fetch
 * cannot set the Host header. Always `await close()` (it also drops keep-alive connections).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../types';

export interface Loopback {
  /** e.g. "http://127.0.0.1:43123" */
  base: string;
  close(): Promise<void>;
}

export async function startLoopback(emulator: Emulator): Promise<Loopback> {
  const server = createServer((req, res) => {
    Promise.resolve(emulator.handle(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
