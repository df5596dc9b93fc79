/**
 * Fault injection and the request log. Rules are consumed in the order they were added; the first rule whose
 * matcher fits a request is used (and counted down). All of it is test-controlled and cleared by `reset()`.
 */
import type { HostKind } from './http';

/** `path`: exact pathname, a pattern with `:id` / `*` segments ("/v2/time_entries/:id/stop"), or a RegExp. */
export interface Match {
  method?: string;
  path?: string | RegExp;
  host?: HostKind;
}

export type FaultRule =
  | {
      kind: 'status';
      status: number;
      body?: string;
      contentType?: string;
      headers?: Record<string, string>;
      remaining: number;
      match: Match;
    }
  | { kind: 'drop'; remaining: number; match: Match }
  | { kind: 'commitThenDrop'; remaining: number; match: Match }
  | { kind: 'rateLimit'; retryAfterSec: number; remaining: number; match: Match };

export type Outcome = number | 'dropped' | 'committed-then-dropped';

export interface LoggedRequest {
  seq: number;
  /** Emulator clock time (epoch ms) when received. */
  at: number;
  /** Real time (Date.now()) when received, for pacing assertions under a frozen clock. */
  realAt: number;
  method: string;
  host: HostKind;
  path: string;
  query: string;
  token: string | null;
  body: string;
  outcome: Outcome;
  /** Which fault answered, if any. */
  fault: FaultRule['kind'] | 'down' | null;
}

function pathMatches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) return pattern.test(path);
  if (!pattern.includes(':') && !pattern.includes('*')) return pattern === path;
  const re = pattern
    .split('/')
    .map((seg) => (seg === '*' ? '[^/]*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${re}$`).test(path);
}

export function matches(m: Match, method: string, host: HostKind, path: string): boolean {
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.host && m.host !== host) return false;
  return pathMatches(m.path, path);
}

export class Faults {
  latencyMs = 0;
  /** 'drop' = destroy every socket; 503 = answer every request 503. Applies to both hosts unless `downHost`. */
  down: false | 'drop' | 503 = false;
  downHost: HostKind | null = null;
  rules: FaultRule[] = [];

  /** Fixed latency added before every answer (and before every drop). */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /** The next `count` matching requests answer `status` (default 500) without touching state. */
  failNext(count = 1, o: Match & { status?: number; body?: string; contentType?: string; headers?: Record<string, string> } = {}): void {
    const { status = 500, body, contentType, headers, ...match } = o;
    this.rules.push({ kind: 'status', status, body, contentType, headers, remaining: count, match });
  }

  /** The next `count` matching requests get their socket destroyed before anything is applied. */
  dropNext(count = 1, match: Match = {}): void {
    this.rules.push({ kind: 'drop', remaining: count, match });
  }

  /** The next `count` matching requests are applied (state changes!) and then the socket is destroyed unanswered. */
  commitThenDrop(count = 1, match: Match = {}): void {
    this.rules.push({ kind: 'commitThenDrop', remaining: count, match });
  }

  /** The next `count` matching requests answer 429 with `Retry-After: retryAfterSec`, regardless of the real limit. */
  rateLimitStorm(count: number, o: Match & { retryAfterSec?: number } = {}): void {
    const { retryAfterSec = 15, ...match } = o;
    this.rules.push({ kind: 'rateLimit', retryAfterSec, remaining: count, match });
  }

  /** Full outage: every request dropped ('drop') or answered 503. `false` ends it. */
  setDown(mode: false | 'drop' | 503, host?: HostKind): void {
    this.down = mode;
    this.downHost = host ?? null;
  }

  take(method: string, host: HostKind, path: string): FaultRule | null {
    const i = this.rules.findIndex((r) => r.remaining > 0 && matches(r.match, method, host, path));
    if (i < 0) return null;
    const rule = this.rules[i] as FaultRule;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(i, 1);
    return rule;
  }

  /** Rules not yet used up. */
  pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }

  clear(): void {
    this.latencyMs = 0;
    this.down = false;
    this.downHost = null;
    this.rules = [];
  }
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged = { seq: this.entries.length + 1, ...entry };
    this.entries.push(logged);
    return logged;
  }

  /** Requests received matching `m` (all outcomes, including dropped and faulted ones). */
  filter(m: Match = {}): LoggedRequest[] {
    return this.entries.filter((e) => matches(m, e.method, e.host, e.path));
  }

  count(m: Match = {}): number {
    return this.filter(m).length;
  }

  /** "METHOD /path" → count, with numeric path segments replaced by ":id". */
  byRoute(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) {
      const key = `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
