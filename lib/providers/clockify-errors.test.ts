// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../../test/emulators/clockify';
import { startLoopback } from '../../test/emulators/harvest/loopback';
import { clockifyAuthMessage, listClockifyWorkspaces } from './clockify';
import { at, clock, demo, emu, failure, loopFetch, provider, stopped, useClockify } from './clockify.fixture';

/** What the Clockify client makes of refusals and failures: each an error of the right kind, Clockify's message kept. */
useClockify();

describe('errors', () => {
  it("required fields: Clockify's 400 message verbatim as 'rejected'", async () => {
    emu.updateWorkspaceSettings(demo.workspace.id, { forceDescription: true });
    const err = await failure(provider().create(stopped(at(8), at(9), { notes: '' })));
    expect([err.kind, err.message, err.options.status]).toEqual(['rejected', 'Description is required', 400]);
  });

  it('bad or revoked key → auth', async () => {
    expect((await failure(provider({ apiKey: 'nope' }).identity())).message).toBe(clockifyAuthMessage());
    emu.revokeKey(demo.apiKey);
    expect((await failure(provider().running())).kind).toBe('auth');
  });

  it("locked workspace → forbidden with Clockify's message", async () => {
    emu.blockWorkspace(demo.workspace.id, { message: 'Workspace is locked' });
    const err = await failure(provider().create(stopped(at(8), at(9))));
    expect([err.kind, err.message]).toEqual(['forbidden', 'Workspace is locked']);
  });

  it('429 → rate-limit with retryAfterMs (Retry-After, else 15 s)', async () => {
    emu.failNext(1, { status: 429, headers: { 'Retry-After': '3' } });
    expect((await failure(provider().running())).options.retryAfterMs).toBe(3000);
    const limited = createClockifyEmulator({ now: () => clock, rateLimit: { requests: 1, windowMs: 1000 } });
    const key = limited.seedDemo().apiKey;
    const local = await startLoopback(limited);
    try {
      const viaLocal = loopFetch(() => local.base);
      const err = await failure(listClockifyWorkspaces(key, { fetch: viaLocal })); // GET /user passes, /workspaces is limited
      expect([err.kind, err.options.retryAfterMs]).toEqual(['rate-limit', 15_000]);
    } finally {
      await local.close();
    }
  });

  it('5xx → server; a body that is not JSON or not the documented shape → invalid-response', async () => {
    emu.failNext(1, { status: 503 });
    expect((await failure(provider().running())).kind).toBe('server');
    emu.failNext(1, { path: '/v1/user', status: 200, body: '<html>maintenance</html>', contentType: 'text/html' });
    expect((await failure(provider().running())).kind).toBe('invalid-response');
    emu.failNext(1, { path: /\/projects$/, status: 200, body: '[{"id":1}]', contentType: 'application/json' });
    const err = await failure(provider().assignments());
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toMatch(/projects/);
  });
});
