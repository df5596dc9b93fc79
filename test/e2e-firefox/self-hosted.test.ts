import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxStint, launchFirefoxStint } from '../support/firefox';
import { buttonCount, buttonState, clickIn, openModal, typeInto } from '../support/firefox-actions';
import { fixtureHtml, loadFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';

/**
 * A self-hosted GitLab added in options: Firefox shows its own permission prompt for exactly that origin, and
 * the test answers it as the user would, with the prompt's own buttons (Firefox's UI, reached through
 * WebDriver BiDi's chrome scope). Refused: no domain, no button. Allowed: the page gets its button.
 */

const ORIGIN = 'https://git.example.com';
const ISSUE = `${ORIGIN}/acme-corp/platform/api-gateway/-/issues/42`;
let server: HostsServer;
let stint: FirefoxStint;

beforeAll(async () => {
  const [gitlab] = (await loadFixtures()).filter((f) => f.integration === 'gitlab');
  if (!gitlab) throw new Error('gitlab fixture missing');
  server = await new HostsServer().start();
  server.page(ISSUE, fixtureHtml(gitlab, 'issue.html'));
  stint = await launchFirefoxStint({ server });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
});

/** The permission prompt Firefox shows for an extension's permissions.request: who asks, and for what. */
const prompt = () =>
  stint.chrome<{ header: string; name: string; msgs: string[] } | null>(`(() => {
    for (const b of gBrowser.browsers) {
      const n = PopupNotifications.getNotification('addon-webext-permissions', b);
      if (n) return { header: n.message, name: n.options.name, msgs: n.options.customElementOptions.strings.msgs };
    }
    return null;
  })()`);

/** Clicks the prompt's main ("Allow") or secondary ("Don't allow") button. */
const answerPrompt = (allow: boolean) =>
  stint.chrome<boolean>(`(() => {
    const el = document.getElementById('addon-webext-permissions-notification');
    if (!el) return false;
    (${allow} ? el.button : el.secondaryButton).click();
    return true;
  })()`);

async function addDomain(options: Page) {
  await options.bringToFront();
  await options.select('select[name="site-kind"]', 'gitlab');
  await typeInto(options, options, 'input[name="site-origin"]', 'git.example.com');
  await clickIn(options, options, 'button[type="submit"]', 'Add domain');
  // Firefox asks, naming Stint and exactly that one domain.
  await expect.poll(prompt).toEqual({
    header: '<> requests additional settings',
    name: 'Stint — time tracking on your task pages',
    msgs: ['Access your data for sites in git.example.com domains'],
  });
}

const granted = (options: Page) =>
  options.evaluate(
    (o) =>
      (
        globalThis as unknown as { browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }
      ).browser.permissions.contains({ origins: [`${o}/*`] }),
    ORIGIN,
  );

describe('self-hosted domains, real Firefox', () => {
  it('no button before the domain is added', async () => {
    const page = await stint.newPage();
    await page.goto(ISSUE);
    await new Promise((r) => setTimeout(r, 400));
    expect(await buttonCount(page)).toBe(0);
    await page.close();
  });

  it("refusing Firefox's prompt adds nothing", async () => {
    const options = await stint.extensionPage('options.html');
    await options.waitForSelector('input[name="site-origin"]');
    await addDomain(options);
    expect(await answerPrompt(false)).toBe(true);
    await options.waitForSelector('p.error[role="alert"]');
    expect(await options.$eval('p.error[role="alert"]', (e) => e.textContent)).toBe(
      'Stint needs access to that site to add buttons there.',
    );
    expect(await granted(options)).toBe(false);
    expect(await options.$$eval(`li[data-origin="${ORIGIN}"]`, (l) => l.length)).toBe(0);
    await options.close();
  });

  it('allowing it registers Stint on that origin: the issue gets its button and starts a timer; removing drops both', async () => {
    const options = await stint.extensionPage('options.html');
    await options.waitForSelector('input[name="site-origin"]');
    await addDomain(options);
    expect(await answerPrompt(true)).toBe(true);
    await options.waitForSelector(`li[data-origin="${ORIGIN}"]`);
    expect(await granted(options)).toBe(true);

    const page = await stint.newPage();
    await page.goto(ISSUE);
    await expect.poll(() => buttonCount(page)).toBe(1);
    expect(await page.$eval('stint-button', (e) => [e.getAttribute('data-integration'), e.getAttribute('data-task-id')])).toEqual([
      'gitlab',
      'acme-corp/platform/api-gateway#42',
    ]);
    const frame = await openModal(page);
    await clickIn(page, frame, 'button[type="submit"]', 'Start timer');
    await expect.poll(() => buttonState(page)).toBe('running');

    await options.bringToFront();
    await clickIn(options, options, `li[data-origin="${ORIGIN}"] button`, 'Remove');
    await expect.poll(() => options.$$eval(`li[data-origin="${ORIGIN}"]`, (l) => l.length)).toBe(0);
    await expect.poll(() => granted(options)).toBe(false);
    await page.reload();
    await new Promise((r) => setTimeout(r, 400));
    expect(await buttonCount(page)).toBe(0);
    await Promise.all([page.close(), options.close()]);
  });
});
