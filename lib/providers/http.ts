/**
 * A small fetch wrapper shared by the HTTP providers (Harvest, Clockify, Toggl). It knows nothing about any
 * one API: it sends a request with a deadline, turns every failure into a ProviderError of the right kind, and
 * parses JSON bodies with a zod schema. Status mapping (see ProviderErrorKind in ./types):
 *   fetch rejected / aborted / timed out → 'network'      5xx → 'server' (+ Retry-After when given)
 *   429 → 'rate-limit' (Retry-After, default 15 s)          402 → 'quota' (+ Retry-After when given)
 *   401 → 'auth'   403 → 'forbidden'   404/410 → 'not-found'   other 4xx → 'rejected' (server message verbatim)
 *   2xx with a body that is not JSON or does not match the schema → 'invalid-response'
 */
import type { ZodType } from 'zod';
import { t } from '../i18n';
import { ProviderError } from './types';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_RETRY_AFTER_MS = 15_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  /** Shown in every message: "Harvest", "Clockify"… */
  service: string;
  fetch?: typeof fetch;
  /** Deadline for the whole exchange (headers and body), default 20 s. */
  timeoutMs?: number;
  /** Sent with every request (a request's own headers win). */
  headers?: Record<string, string>;
  /** Message of the 'auth' error (401), e.g. "Harvest rejected the access token." (made when it happens). */
  authMessage?: () => string;
  /** Wait used for a 429 without a usable Retry-After header (default 15 s). */
  defaultRetryAfterMs?: number;
  /** Picks the human-readable message out of an error body; the default reads `message`, `error_description`, `error`. */
  errorMessage?: (body: unknown) => string | undefined;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  /** Awaited before each request (the account's pacer and budget); the function it gives is called once the answer is read. */
  gate?: Gate;
  /** The quota bucket a request spends (Toggl: the user's /me quota or the workspace's); default: the tracker's only one. */
  bucketOf?: (url: URL) => string;
  /** The quota the server reports on an answer (Toggl's `X-Toggl-Quota-*` headers), if it does. */
  quotaOf?: (headers: Headers) => Quota | null;
}

/** What the server says is left of a bucket's quota. */
export interface Quota {
  remaining: number;
  resetsInMs: number;
}

/** What a gate learns about a request before it leaves: the bucket it spends (undefined: the only one). */
export interface GateRequest {
  method: HttpMethod;
  bucket?: string;
}

/** What a gate learns from the answer (none when no answer came): its status, the quota, Retry-After. */
export interface GateAnswer {
  status: number;
  quota: Quota | null;
  retryAfterMs: number | null;
}

/** Waits for a request's turn; resolves to the function that ends it. */
export type Gate = (request: GateRequest) => Promise<(answer?: GateAnswer) => void>;

export interface HttpRequest {
  method?: HttpMethod;
  url: string | URL;
  /** Serialized as JSON (Content-Type: application/json). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Cancels the request (reported as 'network'). */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** "GET /v2/users/me": names the endpoint in messages. */
  endpoint: string;
}

export interface HttpClient {
  /** Any 2xx response; everything else throws a ProviderError. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** send() + parse the body with `schema`. */
  json<T>(request: HttpRequest, schema: ZodType<T>): Promise<T>;
}

/** "GET /v2/users/me" (no query string: it may carry ids or tokens). */
export function endpointOf(method: string, url: string | URL): string {
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return `${method} ${String(url)}`;
  }
}

/**
 * Retry-After as milliseconds: delta-seconds (fractional accepted, e.g. "0.347") or an HTTP date.
 * Missing, negative or unreadable values give `fallbackMs`.
 */
export function parseRetryAfter(value: string | null | undefined, fallbackMs: number, now: number = Date.now()): number {
  const text = value?.trim() ?? '';
  if (text === '') return fallbackMs;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"); bare numbers that are not delta-seconds ("-3") are unusable.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return fallbackMs;
  return Math.max(0, at - now);
}

export function defaultErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const o = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return undefined;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The server's own words for an error answer, when it gave any (never an HTML page). */
function serverMessage(text: string, pick: (body: unknown) => string | undefined): string | undefined {
  const parsed = tryJson(text);
  if (parsed.ok) return pick(parsed.value);
  const plain = text.trim();
  if (plain === '' || plain.length > 500 || /<[a-z!/]/i.test(plain)) return undefined;
  return plain;
}

/** Maps a non-2xx answer to the ProviderError the sync engine acts on. */
export function errorFromStatus(
  res: Pick<HttpResponse, 'status' | 'headers' | 'text' | 'endpoint'>,
  o: Pick<HttpClientOptions, 'service' | 'authMessage' | 'defaultRetryAfterMs' | 'errorMessage' | 'now'>,
): ProviderError {
  const { status, endpoint } = res;
  const service = o.service;
  const said = serverMessage(res.text, o.errorMessage ?? defaultErrorMessage);
  const now = o.now?.() ?? Date.now();
  const retryHeader = res.headers.get('retry-after');
  const at = t('http_at', status, endpoint);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryHeader, o.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS, now);
    return new ProviderError('rate-limit', t('http_rate_limit', service, Math.ceil(retryAfterMs / 1000)), { status, retryAfterMs });
  }
  if (status >= 500) {
    const options = retryHeader === null ? { status } : { status, retryAfterMs: parseRetryAfter(retryHeader, 0, now) };
    return new ProviderError('server', t('http_server', service, at), options);
  }
  if (status === 401) return new ProviderError('auth', o.authMessage?.() ?? t('http_auth', service, at), { status });
  if (status === 402) {
    const options = retryHeader === null ? { status } : { status, retryAfterMs: parseRetryAfter(retryHeader, 0, now) };
    return new ProviderError('quota', said ?? t('http_quota', service, at), options);
  }
  if (status === 403) return new ProviderError('forbidden', said ?? t('http_forbidden', service, at), { status });
  if (status === 404 || status === 410) return new ProviderError('not-found', t('http_not_found', service, at), { status });
  if (status >= 400) return new ProviderError('rejected', said ?? t('http_rejected', service, at), { status });
  return new ProviderError('invalid-response', t('http_unexpected', service, at), { status });
}

/** Parses a 2xx body with `schema`; not JSON or not matching → 'invalid-response' naming the endpoint. */
export function parseJsonBody<T>(res: Pick<HttpResponse, 'status' | 'text' | 'endpoint'>, schema: ZodType<T>, service: string): T {
  const parsed = tryJson(res.text);
  if (!parsed.ok) {
    throw new ProviderError('invalid-response', t('http_not_json', service, res.endpoint), { status: res.status });
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  throw new ProviderError('invalid-response', t('http_bad_response', service, res.endpoint, issues), { status: res.status });
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (even if the fetch ignores its signal). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message || err.name : String(err));

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const service = options.service;

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const endpoint = endpointOf(method, request.url);
    // The turn is taken before the deadline starts: a wait for the rate limit is not the server being slow.
    const ended = options.gate ? await options.gate({ method, bucket: bucketOf(request.url) }) : undefined;
    const seen: { answer?: GateAnswer } = {};
    try {
      return await exchange(request, method, endpoint, seen);
    } finally {
      ended?.(seen.answer);
    }
  }

  function bucketOf(url: string | URL): string | undefined {
    try {
      return options.bucketOf?.(new URL(url));
    } catch {
      return undefined;
    }
  }

  /** The quota and Retry-After of an answer, for the gate (read from every answer, success or not). */
  function answerOf(status: number, headers: Headers): GateAnswer {
    const retry = headers.get('retry-after');
    const retryAfterMs = retry === null ? null : parseRetryAfter(retry, 0, options.now?.() ?? Date.now());
    return { status, quota: options.quotaOf?.(headers) ?? null, retryAfterMs };
  }

  async function exchange(
    request: HttpRequest,
    method: HttpMethod,
    endpoint: string,
    seen: { answer?: GateAnswer },
  ): Promise<HttpResponse> {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const headers: Record<string, string> = { ...options.headers, ...request.headers };
    if (request.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    const external = request.signal;
    const forward = () => controller.abort(external?.reason);
    if (external?.aborted) forward();
    external?.addEventListener('abort', forward, { once: true });
    try {
      // Every request here carries a secret (token, API key): a redirect is never followed, so a 307 to another
      // origin cannot deliver the key there. The browser hands back an opaque redirect, refused below.
      const init: RequestInit = { method, headers, signal: controller.signal, redirect: 'manual' };
      if (request.body !== undefined) init.body = JSON.stringify(request.body);
      const response = await untilAborted(fetchImpl(String(request.url), init), controller.signal);
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw new ProviderError('server', t('http_redirect', service, endpoint), { status: response.status });
      }
      seen.answer = answerOf(response.status, response.headers);
      const text = await untilAborted(response.text(), controller.signal);
      const res: HttpResponse = { status: response.status, headers: response.headers, text, endpoint };
      if (response.status >= 200 && response.status < 300) return res;
      throw errorFromStatus(res, options);
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (timedOut) throw new ProviderError('network', t('http_timeout', service, Math.round(timeoutMs / 1000), endpoint));
      if (external?.aborted) throw new ProviderError('network', t('http_cancelled', service, endpoint));
      throw new ProviderError('network', t('http_network', service, endpoint, reasonOf(err)));
    } finally {
      clearTimeout(timer);
      external?.removeEventListener('abort', forward);
    }
  }

  return {
    send,
    async json<T>(request: HttpRequest, schema: ZodType<T>): Promise<T> {
      return parseJsonBody(await send(request), schema, service);
    },
  };
}
