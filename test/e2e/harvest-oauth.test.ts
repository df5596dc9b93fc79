import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { settled, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { sendFrom } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/** Harvest OAuth sign-in through browser.identity.launchWebAuthFlow against the emulator's authorize page. */

const CLIENT_ID = 'stint-test-client';
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;
let options: Page;

let rig: Rig;
beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  rig = await startStint({ emulators: [emu] });
  ({ stint } = rig);
  emu.oauth.addClient({ clientId: CLIENT_ID, name: 'Stint', redirectUris: [`https://${stint.extensionId}.chromiumapp.org/harvest`] });
  emu.oauth.signIn(demo.identityId);
  emu.oauth.setMode('auto');
  // A build without a client id: the user (or their company) sets their own Harvest OAuth app's id.
  await writeStored(await stint.worker(), { oauthClientIds: { harvest: CLIENT_ID } });
  options = await stint.context.newPage();
  await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
});

afterAll(() => rig?.close());

const send = (message: unknown) => sendFrom(options, message);

describe('Harvest OAuth sign-in', () => {
  it('offers "Sign in with Harvest" once a client id is set (a build without one shows only the token form)', async () => {
    await options.locator('fieldset.chooser').getByRole('button', { name: 'Harvest', exact: true }).click();
    await options.getByRole('button', { name: 'Sign in with Harvest' }).waitFor();
  });

  it('refuses a malformed redirect (the token in the query string, not the fragment) and links nothing', async () => {
    emu.oauth.setTokenIn('query');
    try {
      const reply = await send({ type: 'account.signin', provider: 'harvest' });
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/did not return an access token/) });
      expect(await stored(await stint.worker(), 'accounts')).toBeUndefined();
    } finally {
      emu.oauth.setTokenIn('fragment');
    }
  });

  it('signs in through the web-auth flow and links the account, keeping the token out of storage.local', async () => {
    expect(await send({ type: 'account.signin', provider: 'harvest' })).toMatchObject({ ok: true });
    const issued = emu.oauth.issued.slice(1); // the first went to the refused redirect above
    expect(issued).toHaveLength(1);
    const accounts = await stored<Array<{ id: string; auth: string }>>(await stint.worker(), 'accounts');
    expect(accounts).toEqual([expect.objectContaining({ id: `harvest:${demo.accountId}`, auth: 'oauth' })]);
    const local = JSON.stringify(
      await (await stint.worker()).evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get(null)),
    );
    expect(local).not.toContain(issued[0]?.token ?? 'x');
  });

  it('syncs with the OAuth token, and renews it silently before it expires', async () => {
    const worker = await stint.worker();
    const today = new Date().toLocaleDateString('en-CA');
    const booking = {
      accountId: `harvest:${demo.accountId}`,
      projectId: String(demo.projects.difference.id),
      taskId: String(demo.taskIds.programming),
    };
    expect(await send({ type: 'entry.save', task: null, notes: 'With OAuth', time: '0:20', day: today, booking })).toEqual({ ok: true });
    await settled(stint);
    expect(emu.timeEntries({ accountId: demo.accountId })).toHaveLength(1);

    // The token is a day from expiry: the next sync renews it without a window (Harvest remembers the grant).
    emu.oauth.setMode('remember');
    await worker.evaluate(async (key) => {
      const session = (globalThis as unknown as { chrome: typeof browser }).chrome.storage.session;
      const got = (await session.get(key))[key] as { token: string };
      await session.set({ [key]: { ...got, expiresAt: Date.now() + 3600_000 } });
    }, `secret:harvest:${demo.accountId}`);
    expect(await send({ type: 'entry.save', task: null, notes: 'After renewal', time: '0:10', day: today, booking })).toEqual({ ok: true });
    await settled(stint);
    expect(emu.oauth.issued).toHaveLength(3);
    expect(emu.timeEntries({ accountId: demo.accountId })).toHaveLength(2);
  });

  it('asks to reconnect when silent renewal is refused and the token expired', async () => {
    const worker = await stint.worker();
    emu.oauth.setMode('login');
    await worker.evaluate(async (key) => {
      const session = (globalThis as unknown as { chrome: typeof browser }).chrome.storage.session;
      const got = (await session.get(key))[key] as { token: string };
      await session.set({ [key]: { ...got, expiresAt: Date.now() - 1000 } });
    }, `secret:harvest:${demo.accountId}`);
    const today = new Date().toLocaleDateString('en-CA');
    const booking = {
      accountId: `harvest:${demo.accountId}`,
      projectId: String(demo.projects.difference.id),
      taskId: String(demo.taskIds.programming),
    };
    expect(await send({ type: 'entry.save', task: null, notes: 'Needs reconnect', time: '0:05', day: today, booking })).toEqual({
      ok: true,
    });
    await expect
      .poll(
        async () => (await stored<Record<string, { state: string }> | undefined>(worker, 'status'))?.[`harvest:${demo.accountId}`]?.state,
        {
          timeout: 15_000,
        },
      )
      .toBe('needs-reconnect');
  });
});
