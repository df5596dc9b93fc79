import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../emulators/types';

/**
 * One loopback HTTPS server that answers for real hostnames (github.com, api.harvestapp.com…): Chromium is
 * started with --host-resolver-rules mapping every host here, so the production build runs unchanged.
 * Pages are fixtures registered by URL; API hosts are served by emulators.
 */

export interface Page {
  html: string;
  status?: number;
}

/** A throwaway self-signed certificate (Chromium runs with --ignore-certificate-errors). */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'stint-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=stint-test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hostOf = (req: IncomingMessage) => (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();

export class HostsServer {
  private server: Server | null = null;
  private pages = new Map<string, Page>();
  private emulators: Emulator[] = [];
  /** Every request seen, for assertions that nothing left for an unexpected host. */
  readonly log: { host: string; method: string; path: string; credentials: string }[] = [];
  port = 0;

  /** Serves `html` at a URL (host + path + query; the fragment is never sent). */
  page(url: string, html: string, status = 200): this {
    const u = new URL(url);
    this.pages.set(`${u.hostname}${u.pathname}${u.search}`, { html, status });
    return this;
  }

  emulator(emu: Emulator): this {
    this.emulators.push(emu);
    return this;
  }

  /**
   * Makes `host` answer everything the way an attacker's server would: any preflight allowed (any origin, method
   * and header), any request answered `{}`, so a browser would hand it whatever credentials a request carries.
   */
  permissive(host: string): this {
    this.open.add(host);
    return this;
  }
  private open = new Set<string>();

  /** Whether a page or an emulator answers for `host` (the Firefox proxy tunnels only these). */
  serves(host: string): boolean {
    const h = host.toLowerCase();
    if (this.open.has(h) || this.emulators.some((e) => e.hosts.includes(h))) return true;
    for (const key of this.pages.keys()) if (key.startsWith(`${h}/`)) return true;
    return false;
  }

  private handle = (req: IncomingMessage, res: ServerResponse) => {
    const host = hostOf(req);
    const u = new URL(req.url ?? '/', 'https://x');
    // What credentials came with it (Authorization, Clockify's and Toggl's key headers): where secrets went.
    const credentials = [req.headers.authorization, req.headers['x-api-key']].filter(Boolean).join(' ');
    this.log.push({ host, method: req.method ?? 'GET', path: u.pathname + u.search, credentials });
    if (this.open.has(host)) {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
        'content-type': 'application/json',
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-methods': req.headers['access-control-request-method'] ?? '*',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      });
      return void res.end(req.method === 'OPTIONS' ? undefined : '{}');
    }
    const emu = this.emulators.find((e) => e.hosts.includes(host));
    if (emu) return void emu.handle(req, res);
    const page = this.pages.get(`${host}${u.pathname}${u.search}`) ?? this.pages.get(`${host}${u.pathname}`);
    if (page) {
      res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(page.html);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`No fixture for ${host}${u.pathname}`);
  };

  async start(): Promise<this> {
    const server = createServer(selfSignedCert(), this.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
