/**
 * Transport: turns a Node request (or an in-process fetch) into an EmuRequest, logs it, applies latency and
 * faults, dispatches it to the API or Harvest ID handler, and writes the answer — or destroys the socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooManyRequests } from './api';
import type { Clock } from './clock';
import type { Faults, RequestLog } from './faults';
import type { EmuRequest, EmuResponse, HostKind } from './http';

export const API_HOST = 'api.harvestapp.com';
export const ID_HOST = 'id.getharvest.com';

export interface RawRequest {
  method: string;
  /** Path + query, e.g. "/v2/time_entries?page=2". */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  encrypted?: boolean;
}

export type ProcessResult = { kind: 'response'; response: EmuResponse } | { kind: 'drop' };

export interface TransportDeps {
  clock: Clock;
  faults: Faults;
  log: RequestLog;
  origins?: { api?: string; id?: string };
  dispatch(host: HostKind, req: EmuRequest): EmuResponse;
}

const INTERNAL_ERROR_HTML =
  "<!DOCTYPE html>\n<html><head><title>We're sorry, but something went wrong (500)</title></head><body><h1>We're sorry, but something went wrong.</h1></body></html>";

function hostKind(hostHeader: string, path: string): HostKind {
  const h = hostHeader.replace(/:\d+$/, '').toLowerCase();
  if (h === API_HOST) return 'api';
  if (h === ID_HOST) return 'id';
  return path === '/v2' || path.startsWith('/v2/') ? 'api' : 'id';
}

function lowerHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createTransport(deps: TransportDeps) {
  const { clock, faults, log } = deps;
  const options = { origins: deps.origins };

  const origin = (host: HostKind, hostHeader: string, encrypted: boolean): string => {
    const configured = host === 'api' ? options.origins?.api : options.origins?.id;
    if (configured) return configured.replace(/\/+$/, '');
    const canonical = host === 'api' ? API_HOST : ID_HOST;
    if (hostHeader.replace(/:\d+$/, '').toLowerCase() === canonical || hostHeader === '') return `https://${canonical}`;
    return `${encrypted ? 'https' : 'http'}://${hostHeader}`;
  };

  async function process(raw: RawRequest): Promise<ProcessResult> {
    const headers = lowerHeaders(raw.headers);
    const url = new URL(raw.url, 'http://emulator.invalid');
    const host = hostKind(headers.host ?? '', url.pathname);
    const method = raw.method.toUpperCase();
    const req: EmuRequest = {
      method,
      host,
      url,
      headers,
      rawBody: raw.body,
      origin: origin(host, headers.host ?? '', raw.encrypted ?? false),
    };
    const auth = headers.authorization?.replace(/^Bearer\s+/i, '') ?? url.searchParams.get('access_token');
    const logged = log.add({
      at: clock.now(),
      realAt: Date.now(),
      method,
      host,
      path: url.pathname,
      query: url.search,
      token: auth ?? null,
      body: raw.body,
      outcome: 0,
      fault: null,
    });
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const respond = (response: EmuResponse): ProcessResult => {
      logged.outcome = response.status;
      return { kind: 'response', response };
    };
    if (faults.down !== false && (faults.downHost === null || faults.downHost === host)) {
      logged.fault = 'down';
      if (faults.down === 'drop') {
        logged.outcome = 'dropped';
        return { kind: 'drop' };
      }
      return respond({
        status: 503,
        headers: { 'content-type': 'text/html', 'retry-after': '60' },
        body: '<html><body><h1>Service Unavailable</h1></body></html>',
      });
    }
    const rule = faults.take(method, host, url.pathname);
    if (rule) logged.fault = rule.kind;
    if (rule?.kind === 'drop') {
      logged.outcome = 'dropped';
      return { kind: 'drop' };
    }
    if (rule?.kind === 'status') {
      return respond({
        status: rule.status,
        headers: { 'content-type': rule.contentType ?? 'text/html; charset=utf-8', ...rule.headers },
        body: rule.body ?? INTERNAL_ERROR_HTML,
      });
    }
    if (rule?.kind === 'rateLimit') return respond(tooManyRequests(String(rule.retryAfterSec)));
    let response: EmuResponse;
    try {
      response = deps.dispatch(host, req);
    } catch (err) {
      // An emulator bug must not crash the shared test server; surface it as a 500 the test can read.
      response = {
        status: 500,
        headers: { 'content-type': 'text/plain' },
        body: `harvest emulator error: ${String(err instanceof Error ? err.stack : err)}`,
      };
    }
    if (rule?.kind === 'commitThenDrop') {
      logged.outcome = 'committed-then-dropped';
      return { kind: 'drop' };
    }
    return respond(response);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const result = await process({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      encrypted: Boolean((req.socket as { encrypted?: boolean }).encrypted),
    });
    if (result.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const { status, headers, body } = result.response;
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  async function emuFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    const headers = new Headers(request?.headers);
    new Headers(init.headers).forEach((v, k) => {
      headers.set(k, v);
    });
    let body = request && !init.body ? await request.text() : '';
    if (typeof init.body === 'string') body = init.body;
    else if (init.body instanceof URLSearchParams) {
      body = init.body.toString();
      if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    } else if (init.body != null) throw new TypeError('emulator fetch: only string and URLSearchParams bodies are supported');
    if (!headers.has('user-agent')) headers.set('user-agent', 'Mozilla/5.0 (harvest-emulator in-process fetch)');
    headers.set('host', url.host);
    const raw: Record<string, string> = {};
    headers.forEach((v, k) => {
      raw[k] = v;
    });
    const result = await process({
      method: init.method ?? request?.method ?? 'GET',
      url: url.pathname + url.search,
      headers: raw,
      body,
      encrypted: url.protocol === 'https:',
    });
    if (result.kind === 'drop') throw new TypeError('fetch failed', { cause: new Error('socket hang up (emulated dropped connection)') });
    const { status, headers: h, body: text } = result.response;
    return new Response([101, 204, 205, 304].includes(status) ? null : text, { status, headers: h });
  }

  return { process, handle, fetch: emuFetch };
}
