import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/sites/github/fixture';
import { type FirefoxStint, launchFirefoxStint, ORIGIN } from '../support/firefox';
import { buttonCount, buttonState, clickIn, clickTaskButton, openModal } from '../support/firefox-actions';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';

/** The Local backend in real Firefox: a GitHub issue at its real address, the modal, the popup. */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let server: HostsServer;
let stint: FirefoxStint;

beforeAll(async () => {
  server = await new HostsServer().start();
  serveFixtures(server, [fixture]);
  stint = await launchFirefoxStint({ server });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
});

describe('Firefox ESR, production build, Local backend', () => {
  it('shows its icon in the toolbar', async () => {
    expect(await stint.toolbarButton()).toEqual({ icon: `${ORIGIN}/icons/stint-16.png`, badge: '' });
  });

  it('places one button on a GitHub issue at its real address, with the task from the URL', async () => {
    const page = await stint.newPage();
    await page.goto(ISSUE_12);
    await expect.poll(() => buttonCount(page)).toBe(1);
    const host = await page.evaluate(() => {
      const el = document.querySelector('stint-button');
      return {
        integration: el?.getAttribute('data-integration'),
        task: el?.getAttribute('data-task-id'),
        next: !!document.querySelector('h1 > bdi[data-testid="issue-title"] + stint-button'),
      };
    });
    expect(host).toEqual({ integration: 'github', task: 'octo-org/hello-world#12', next: true });
    expect(await buttonState(page)).toBe('idle');
    // github.com reached the loopback server through the proxy; no other host did.
    expect(stint.proxy.tunnelled).toContain('github.com');
    expect(stint.proxy.tunnelled.every((h) => server.serves(h))).toBe(true);
    await page.close();
  });

  it('starts a timer from the modal, the popup shows it running, and the button stops it into an entry', async () => {
    const page = await stint.newPage();
    await page.goto(ISSUE_12);
    await expect.poll(() => buttonCount(page)).toBe(1);
    const frame = await openModal(page);
    await clickIn(page, frame, 'button[type="submit"]', 'Start timer');
    await expect.poll(() => buttonState(page)).toBe('running');
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('iframe[title="Stint timer"]').length)).toBe(0);
    // The toolbar shows it too: the running icon and the elapsed time.
    await expect
      .poll(() => stint.toolbarButton())
      .toEqual({ icon: `${ORIGIN}/icons/stint-running-16.png`, badge: expect.stringMatching(/^0:0\d$/) });

    const popup = await stint.extensionPage('popup.html');
    await popup.waitForSelector('.running');
    expect(await popup.$eval('.running-title', (e) => e.textContent)).toContain('Crash when saving');
    expect(await popup.$eval('[data-testid="elapsed"]', (e) => e.textContent)).toMatch(/^0:00:0\d$/);

    await clickTaskButton(page);
    await expect.poll(() => buttonState(page)).toBe('idle');
    await expect.poll(() => popup.evaluate(() => document.querySelectorAll('.running').length)).toBe(0);
    await expect.poll(() => stint.toolbarButton()).toEqual({ icon: `${ORIGIN}/icons/stint-16.png`, badge: '' });
    await popup.waitForSelector('.entries li a');
    expect(await popup.$eval('.entries li a', (a) => [a.textContent, a.getAttribute('href')])).toEqual([
      expect.stringContaining('Crash when saving <img'),
      ISSUE_12,
    ]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('starts from the popup page too: Stop in the popup turns the page button idle', async () => {
    const page = await stint.newPage();
    await page.goto(ISSUE_12);
    const frame = await openModal(page);
    await clickIn(page, frame, 'button[type="submit"]', 'Start timer');
    await expect.poll(() => buttonState(page)).toBe('running');
    const popup = await stint.extensionPage('popup.html');
    await popup.waitForSelector('.running button.stop');
    await clickIn(popup, popup, '.running button.stop');
    await expect.poll(() => buttonState(page)).toBe('idle');
    await Promise.all([page.close(), popup.close()]);
  });
});
