import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { type FirefoxStint, launchFirefoxStint } from '../support/firefox';
import { clickIn, settled } from '../support/firefox-actions';
import { HostsServer } from '../support/hosts-server';

/**
 * Harvest OAuth sign-in in real Firefox, whose identity API differs from Chrome's: the redirect URL is
 * https://<hash>.extensions.allizom.org/…, a consent page opens in a window of its own, and a silent renewal is
 * Firefox following Harvest ID's redirect without any window.
 */

const CLIENT_ID = 'stint-test-client';
let server: HostsServer;
let stint: FirefoxStint;
let emu: HarvestEmulator;
let demo: DemoSeed;
let redirectUrl: string;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  server = await new HostsServer().start();
  server.emulator(emu);
  stint = await launchFirefoxStint({ server });
  const page = await stint.extensionPage('options.html');
  redirectUrl = await page.evaluate(() =>
    (globalThis as unknown as { browser: { identity: { getRedirectURL(p: string): string } } }).browser.identity.getRedirectURL('harvest'),
  );
  await page.close();
  emu.oauth.addClient({ clientId: CLIENT_ID, name: 'Stint', redirectUris: [redirectUrl] });
  emu.oauth.signIn(demo.identityId);
  // A build without a client id: the user (or their company) sets their own Harvest OAuth app's id.
  await stint.writeStored({ oauthClientIds: { harvest: CLIENT_ID } });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
});

type Area = { get(k: string | null): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
type Ext = { browser: { storage: { local: Area; session: Area } } };
const today = () => new Date().toLocaleDateString('en-CA');
const booking = () => ({
  accountId: `harvest:${demo.accountId}`,
  projectId: String(demo.projects.difference.id),
  taskId: String(demo.taskIds.programming),
});

describe('Harvest OAuth sign-in, real Firefox', () => {
  it("uses Firefox's redirect URL", () => {
    expect(redirectUrl).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/harvest$/);
  });

  it('signs in from options through the consent window and links the account, the token kept out of storage.local', async () => {
    emu.oauth.setMode('consent');
    const options = await stint.extensionPage('options.html');
    // "Add account": pick Harvest; its sign-in button shows because a client id is set.
    await options.waitForSelector('.add-account .chooser button');
    await clickIn(options, options, '.add-account .chooser button', 'Harvest');
    await options.waitForSelector('button.primary');
    const consent = stint.browser.waitForTarget((t) => t.url().startsWith('https://id.getharvest.com/oauth2/authorize'));
    await clickIn(options, options, 'button.primary', 'Sign in with Harvest');
    const window = (await (await consent).page()) as Page;
    await window.waitForSelector('button[value="allow"]');
    await clickIn(window, window, 'button[value="allow"]');
    const card = `li.account[data-account-id="harvest:${demo.accountId}"]`;
    await options.waitForSelector(card);
    // Linked, with its projects loaded (what a user picks from; the next test books one of them).
    await expect.poll(() => options.$eval(card, (e) => e.textContent), { timeout: 10_000 }).toMatch(/4 project\/task pairs/);
    expect(emu.oauth.issued).toHaveLength(1);
    const accounts = await stint.stored<Array<{ id: string; auth: string }>>('accounts');
    expect(accounts).toEqual([expect.objectContaining({ id: `harvest:${demo.accountId}`, auth: 'oauth' })]);
    // storage.local is what content scripts can read: the token is not there.
    const local = await options.evaluate(async () => JSON.stringify(await (globalThis as unknown as Ext).browser.storage.local.get(null)));
    expect(local).not.toContain(emu.oauth.issued[0]?.token ?? 'x');
    // The consent window closed itself once Harvest ID redirected to Firefox's redirect URL.
    await expect.poll(async () => (await stint.browser.pages()).some((p) => p.url().includes('id.getharvest.com'))).toBe(false);
    await options.close();
  });

  it('syncs with the OAuth token, and renews it without a window before it expires', async () => {
    expect(
      await stint.send({ type: 'entry.save', task: null, notes: 'With OAuth', time: '0:20', day: today(), booking: booking() }),
    ).toEqual({
      ok: true,
    });
    await settled(stint);
    expect(emu.timeEntries({ accountId: demo.accountId })).toHaveLength(1);

    // A day from expiry: the next sync renews it silently (Harvest ID remembers the grant and redirects at once).
    emu.oauth.setMode('remember');
    const pagesBefore = (await stint.browser.pages()).length;
    const options = await stint.extensionPage('options.html');
    await options.evaluate(async (key) => {
      const session = (globalThis as unknown as Ext).browser.storage.session;
      const got = (await session.get(key))[key] as { token: string };
      await session.set({ [key]: { ...got, expiresAt: Date.now() + 3600_000 } });
    }, `secret:harvest:${demo.accountId}`);
    expect(
      await stint.send({ type: 'entry.save', task: null, notes: 'After renewal', time: '0:10', day: today(), booking: booking() }),
    ).toEqual({
      ok: true,
    });
    await settled(stint);
    expect(emu.oauth.issued).toHaveLength(2);
    expect(emu.timeEntries({ accountId: demo.accountId })).toHaveLength(2);
    expect((await stint.browser.pages()).length).toBe(pagesBefore + 1); // no consent window this time
    await options.close();
  });
});
