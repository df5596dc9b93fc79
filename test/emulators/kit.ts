import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Small HTTP + fault-injection kit shared by the Clockify and Toggl emulators.
 */

/** Which requests a planned fault applies to. `path` matches the raw pathname or the API path. */
export interface RequestMatch {
  method?: string;
  path?: string | RegExp;
}

export interface FailOptions extends RequestMatch {
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A reply produced by a route: `json` (serialised, `null` allowed) or `text`, or neither (empty). */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

type Plan =
  | { kind: 'fail'; left: number; match: RequestMatch; reply: Reply }
  | { kind: 'drop' | 'commitThenDrop'; left: number; match: RequestMatch };

export type DownMode = false | 'drop' | 'unavailable';

export function matchesRequest(match: RequestMatch, method: string, paths: readonly string[]): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  const p = match.path;
  if (p === undefined) return true;
  return paths.some((candidate) => (typeof p === 'string' ? candidate === p : p.test(candidate)));
}

export class Faults {
  latencyMs = 0;
  down: DownMode = false;
  private plans: Plan[] = [];

  constructor(private readonly defaultFail: () => Reply) {}

  /** The next `n` matching requests answer an error (default: the provider's 500). */
  failNext(n = 1, options: FailOptions = {}): void {
    const base = this.defaultFail();
    const status = options.status ?? base.status;
    const headers = { ...options.headers };
    let reply: Reply;
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'text/plain; charset=utf-8';
      reply = { status, text: options.body, headers };
    } else {
      reply = { ...base, status, headers: { ...base.headers, ...headers } };
    }
    this.plans.push({ kind: 'fail', left: n, match: { method: options.method, path: options.path }, reply });
  }

  /** The next `n` matching requests have their connection destroyed before anything happens. */
  dropNext(n = 1, match: RequestMatch = {}): void {
    this.plans.push({ kind: 'drop', left: n, match });
  }

  /** The next `n` matching requests are fully applied, then the connection is destroyed unanswered. */
  commitThenDropNext(n = 1, match: RequestMatch = {}): void {
    this.plans.push({ kind: 'commitThenDrop', left: n, match });
  }

  /** Consumes one use of the first plan matching this request. */
  take(method: string, paths: readonly string[]): Plan | undefined {
    const plan = this.plans.find((p) => p.left > 0 && matchesRequest(p.match, method, paths));
    if (!plan) return undefined;
    plan.left -= 1;
    this.plans = this.plans.filter((p) => p.left > 0);
    return plan;
  }

  pending(): number {
    return this.plans.reduce((sum, p) => sum + p.left, 0);
  }

  clear(): void {
    this.plans = [];
    this.latencyMs = 0;
    this.down = false;
  }
}

export interface RequestRecord {
  method: string;
  path: string;
  host: string;
  status: number | 'dropped';
}

/** Request counters keyed by `METHOD /raw/path` plus a full log. */
export class RequestLog {
  readonly records: RequestRecord[] = [];
  private readonly counts = new Map<string, number>();

  record(method: string, path: string, host: string): RequestRecord {
    const rec: RequestRecord = { method, path, host, status: 'dropped' };
    this.records.push(rec);
    const key = `${method} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return rec;
  }

  /** Count by exact key (`'GET /api/v1/user'`) or by a match on method/path. */
  count(match: string | RequestMatch = {}): number {
    if (typeof match === 'string') return this.counts.get(match) ?? 0;
    return this.records.filter((r) => matchesRequest(match, r.method, [r.path])).length;
  }

  byKey(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.records.length = 0;
    this.counts.clear();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) break;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Destroys the connection without an answer (the client sees a reset / "socket hang up"). */
export function dropConnection(req: IncomingMessage, res: ServerResponse): void {
  res.socket?.destroy();
  req.socket.destroy();
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body = '';
  if ('json' in reply) {
    body = JSON.stringify(reply.json === undefined ? null : reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.text !== undefined) {
    body = reply.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** Host header without port, lower-cased; '' when absent. */
export function hostOf(req: IncomingMessage): string {
  const raw = req.headers.host ?? '';
  return raw.replace(/:\d+$/, '').toLowerCase();
}

/** Parses 'true'/'false'; anything else is undefined. */
export function boolParam(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
