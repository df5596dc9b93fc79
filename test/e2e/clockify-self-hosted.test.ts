import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { stored } from '../support/actions';
import { launchStint, rememberGrant, type Stint } from '../support/browser';
import { HostsServer } from '../support/hosts-server';
import { chooseTracker, sendFrom } from '../support/options';

/**
 * A self-hosted Clockify base URL (production build in real Chromium, the Clockify emulator answering on a
 * company host): the options page asks for exactly that origin and says where the key will go; refused, the key
 * goes nowhere, and the background refuses it too when asked directly. Allowed (Chrome's prompt cannot be clicked
 * by automation, so the grant is recorded in the profile, as test/e2e/self-hosted.test.ts does), it links there.
 */

const HOST = 'clockify.example.com';
const BASE = `https://${HOST}/api/v1`;
const clockify = createClockifyEmulator({ extraHosts: [HOST] });
const demo = clockify.seedDemo();
let server: HostsServer;
let stint: Stint;
let profile: string;

beforeAll(async () => {
  server = await new HostsServer().start();
  server.emulator(clockify);
  profile = mkdtempSync(join(tmpdir(), 'stint-clockify-'));
  stint = await launchStint({ port: server.port, profileDir: profile });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
});

async function fillForm(options: Page) {
  await chooseTracker(options, 'Clockify');
  const form = options.locator('section[data-provider="clockify"]');
  await form.locator('input[name="clockify-token"]').fill(demo.apiKey);
  await form.locator('select[name="clockify-region"]').selectOption('custom');
  await form.locator('input[name="clockify-url"]').fill(BASE);
  return form;
}

describe('a self-hosted Clockify', () => {
  it('asks for exactly that origin, says where the key goes, and sends nothing when refused', async () => {
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    // Stands in for the user answering "Deny" in Chrome's prompt; it records what Stint asked for.
    await options.evaluate(() => {
      const w = window as unknown as { asked: unknown[]; chrome: { permissions: { request(p: unknown): Promise<boolean> } } };
      w.asked = [];
      w.chrome.permissions.request = async (p: unknown) => {
        w.asked.push(p);
        return false;
      };
    });
    const form = await fillForm(options);
    await form.getByText(`Your API key will be sent to ${HOST}, and nowhere else.`).waitFor();
    await form.getByRole('button', { name: 'Find workspaces' }).click();
    await form.getByText(`Stint needs your permission to reach ${HOST}`).waitFor();
    expect(await options.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([{ origins: [`https://${HOST}/*`] }]);

    // Asked directly, the background refuses too: no permission, no request.
    const reply = await sendFrom(options, { type: 'workspaces.list', provider: 'clockify', token: demo.apiKey, baseUrl: BASE });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/no permission to reach clockify\.example\.com/) });
    expect(server.log.filter((r) => r.host === HOST)).toEqual([]);
    await options.close();
  });

  it('once allowed, links the workspace there, and the key went only to that host', async () => {
    const id = stint.extensionId;
    await stint.close();
    rememberGrant(profile, id, `https://${HOST}`);
    stint = await launchStint({ port: server.port, profileDir: profile });
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    const form = await fillForm(options);
    await form.getByRole('button', { name: 'Find workspaces' }).click();
    await form.getByRole('button', { name: 'Link account' }).click();
    await form.getByText('Clockify is linked.').waitFor();
    const accounts = await stored<Array<{ id: string; baseUrl?: string }>>(await stint.worker(), 'accounts');
    expect(accounts).toEqual([expect.objectContaining({ id: `clockify:${demo.workspace.id}`, baseUrl: BASE })]);
    const keyed = server.log.filter((r) => r.credentials.includes(demo.apiKey));
    expect(keyed.length).toBeGreaterThan(0);
    expect(keyed.every((r) => r.host === HOST)).toBe(true);
  });
});
