import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createHttpClient, DEFAULT_RETRY_AFTER_MS, type HttpClientOptions, parseRetryAfter } from './http';
import { ProviderError } from './types';

const URL_ = 'https://api.example.com/v1/things/42?token=secret';

function answer(status: number, body = '', headers: Record<string, string> = {}): typeof fetch {
  return vi.fn(async () => new Response([204, 304].includes(status) ? null : body, { status, headers })) as unknown as typeof fetch;
}

function client(fetchImpl: typeof fetch, o: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ service: 'Acme', fetch: fetchImpl, ...o });
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('request', () => {
  it('merges default and per-request headers, serializes JSON bodies and returns 2xx answers', async () => {
    const f = answer(201, '{"id":1}');
    const http = client(f, { headers: { Authorization: 'Bearer t', 'User-Agent': 'Acme test' } });
    const res = await http.send({ method: 'POST', url: URL_, body: { a: 1 }, headers: { 'X-Extra': 'yes' } });
    expect(res).toMatchObject({ status: 201, text: '{"id":1}', endpoint: 'POST /v1/things/42' });
    const [url, init] = vi.mocked(f).mock.calls[0] as [string, RequestInit];
    expect(url).toBe(URL_);
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer t',
      'User-Agent': 'Acme test',
      'X-Extra': 'yes',
      'Content-Type': 'application/json',
    });
  });

  it('parses the body with the schema', async () => {
    const http = client(answer(200, '{"id":7,"extra":true}'));
    await expect(http.json({ url: URL_ }, z.object({ id: z.number() }))).resolves.toEqual({ id: 7 });
  });
});

describe('error kinds', () => {
  const cases: Array<[number, string, Record<string, string>, string, string | RegExp]> = [
    [401, '{"error":"invalid_token"}', {}, 'auth', 'Acme says no: reconnect'],
    [402, '{"message":"Plan limit reached"}', { 'Retry-After': '3600' }, 'quota', 'Plan limit reached'],
    [403, '{"message":"You cannot edit this"}', {}, 'forbidden', 'You cannot edit this'],
    [404, '{"status":404,"error":"Not Found"}', {}, 'not-found', /HTTP 404 on GET \/v1\/things\/42/],
    [410, '', {}, 'not-found', /HTTP 410/],
    [400, '{"message":"Bad thing"}', {}, 'rejected', 'Bad thing'],
    [409, '"Conflicting entry"', {}, 'rejected', 'Conflicting entry'],
    [422, '{"message":"Project can\'t be blank, Task can\'t be blank"}', {}, 'rejected', "Project can't be blank, Task can't be blank"],
    [422, '<html><body>Oops</body></html>', {}, 'rejected', /HTTP 422/],
    [500, '<html>We are sorry</html>', {}, 'server', /HTTP 500/],
    [503, '', { 'Retry-After': '60' }, 'server', /HTTP 503/],
  ];
  it.each(cases)('HTTP %i → %s', async (status, body, headers, kind, message) => {
    const err = await failure(client(answer(status, body, headers), { authMessage: () => 'Acme says no: reconnect' }).send({ url: URL_ }));
    expect(err.kind).toBe(kind);
    expect(err.options.status).toBe(status);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect(err.message).not.toContain('secret');
  });

  it('429 waits for Retry-After: integer, fractional, HTTP date, or 15 s by default', async () => {
    const wait = async (headers: Record<string, string>, o: Partial<HttpClientOptions> = {}) => {
      const err = await failure(client(answer(429, '<html>Too Many Requests</html>', headers), o).send({ url: URL_ }));
      expect(err.kind).toBe('rate-limit');
      return err.options.retryAfterMs;
    };
    expect(await wait({ 'Retry-After': '15' })).toBe(15_000);
    expect(await wait({ 'Retry-After': '0.347' })).toBe(347);
    expect(await wait({})).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(await wait({ 'Retry-After': 'soon' })).toBe(DEFAULT_RETRY_AFTER_MS);
    const now = Date.parse('2024-05-06T09:00:00Z');
    expect(await wait({ 'Retry-After': 'Mon, 06 May 2024 09:00:30 GMT' }, { now: () => now })).toBe(30_000);
    expect(await wait({}, { defaultRetryAfterMs: 5000 })).toBe(5000);
  });

  it('5xx carries Retry-After when the server gives one', async () => {
    const err = await failure(client(answer(503, '', { 'Retry-After': '60' })).send({ url: URL_ }));
    expect(err.options.retryAfterMs).toBe(60_000);
    const plain = await failure(client(answer(502)).send({ url: URL_ }));
    expect(plain.options.retryAfterMs).toBeUndefined();
  });

  it('a custom errorMessage picks the server message', async () => {
    const http = client(answer(400, '{"errors":[{"detail":"Name is too long"}]}'), {
      errorMessage: (b) => (b as { errors?: Array<{ detail: string }> }).errors?.[0]?.detail,
    });
    expect((await failure(http.send({ url: URL_ }))).message).toBe('Name is too long');
  });
});

describe('invalid responses', () => {
  it('a 2xx body that is not JSON names the endpoint', async () => {
    const err = await failure(client(answer(200, 'not json')).json({ url: URL_ }, z.object({})));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toBe('Acme sent a response that is not JSON to GET /v1/things/42.');
  });

  it('an empty 2xx body is not JSON either', async () => {
    const err = await failure(client(answer(200, '')).json({ url: URL_ }, z.object({})));
    expect(err.kind).toBe('invalid-response');
  });

  it('a schema mismatch names the endpoint and the field', async () => {
    const err = await failure(
      client(answer(200, '{"user":{"id":"x"}}')).json({ method: 'PATCH', url: URL_ }, z.object({ user: z.object({ id: z.number() }) })),
    );
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain('PATCH /v1/things/42');
    expect(err.message).toContain('user.id');
  });
});

describe('redirects', () => {
  it('never follows one: the request says so, and a redirect answer is refused with a clear message', async () => {
    let seen: RequestInit | undefined;
    const f = vi.fn(async (_url: string, init?: RequestInit) => {
      seen = init;
      return { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' } as unknown as Response;
    }) as unknown as typeof fetch;
    const err = await failure(client(f).send({ url: URL_ }));
    expect(seen?.redirect).toBe('manual');
    expect(err.message).toBe(
      'Acme answered GET /v1/things/42 with a redirect; Stint does not send your credentials on to another address.',
    );
  });
});

describe('network failures', () => {
  it('a rejected fetch is a network error', async () => {
    const f = vi.fn(async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const err = await failure(client(f).send({ url: URL_ }));
    expect(err.kind).toBe('network');
    expect(err.message).toBe('Could not reach Acme (GET /v1/things/42): fetch failed.');
  });

  it('a body that breaks off is a network error', async () => {
    const f = vi.fn(async () => {
      const body = new ReadableStream({
        start(c) {
          c.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { status: 200 });
    }) as unknown as typeof fetch;
    expect((await failure(client(f).send({ url: URL_ }))).kind).toBe('network');
  });

  it('times out even when the fetch ignores its signal', async () => {
    const f = vi.fn(() => new Promise<Response>(() => {})) as unknown as typeof fetch;
    const err = await failure(client(f, { timeoutMs: 20 }).send({ url: URL_ }));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/did not answer within/);
  });

  it('passes an abort signal that fires on timeout', async () => {
    let seen: AbortSignal | undefined;
    const f = vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          seen = init.signal ?? undefined;
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    ) as unknown as typeof fetch;
    const err = await failure(client(f, { timeoutMs: 20 }).send({ url: URL_ }));
    expect(err.kind).toBe('network');
    expect(seen?.aborted).toBe(true);
  });

  it("the caller's signal cancels the request", async () => {
    const f = vi.fn(() => new Promise<Response>(() => {})) as unknown as typeof fetch;
    const controller = new AbortController();
    const pending = client(f).send({ url: URL_, signal: controller.signal });
    controller.abort();
    const err = await failure(pending);
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/cancelled/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates, falls back otherwise', () => {
    expect(parseRetryAfter('2', 1)).toBe(2000);
    expect(parseRetryAfter(' 1.5 ', 1)).toBe(1500);
    expect(parseRetryAfter(null, 99)).toBe(99);
    expect(parseRetryAfter('-3', 99)).toBe(99);
    expect(parseRetryAfter('Mon, 06 May 2024 08:59:00 GMT', 99, Date.parse('2024-05-06T09:00:00Z'))).toBe(0);
  });
});
