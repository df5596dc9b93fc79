import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttons } from '../support/actions';
import { launchStint, rememberGrant, type Stint } from '../support/browser';
import { fixtureHtml, loadFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';

/**
 * A self-hosted GitLab added in the options page gets buttons once its origin is granted, and loses them when
 * removed. Chrome's permission prompt is browser UI that no automation can click (CDP has no target for it;
 * Playwright #32755), so the test records the user's "Allow" where Chrome keeps it — the profile's granted
 * permissions — before the session; the extension build and every other step are the real ones.
 */

const ORIGIN = 'https://git.example.com';
const ISSUE = `${ORIGIN}/acme-corp/platform/api-gateway/-/issues/42`;
let server: HostsServer;
let stint: Stint;
let profile: string;

beforeAll(async () => {
  const [gitlab] = (await loadFixtures()).filter((f) => f.integration === 'gitlab');
  if (!gitlab) throw new Error('gitlab fixture missing');
  server = await new HostsServer().start();
  server.page(ISSUE, fixtureHtml(gitlab, 'issue.html'));
  profile = mkdtempSync(join(tmpdir(), 'stint-selfhosted-'));
  const first = await launchStint({ port: server.port, profileDir: profile });
  const id = first.extensionId;
  await first.close();
  rememberGrant(profile, id, ORIGIN);
  stint = await launchStint({ port: server.port, profileDir: profile });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
});

describe('self-hosted domains', () => {
  it('no button before the domain is added', async () => {
    const page = await stint.context.newPage();
    await page.goto(ISSUE);
    await page.waitForTimeout(400);
    expect(await buttons(page).count()).toBe(0);
    await page.close();
  });

  it('adding the domain in options registers Stint there; removing it drops the script and the permission', async () => {
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    await options.locator('select[name="site-kind"]').selectOption('gitlab');
    await options.locator('input[name="site-origin"]').fill('git.example.com');
    await options.getByRole('button', { name: 'Add domain' }).click();
    await options.locator(`li[data-origin="${ORIGIN}"]`).waitFor();

    const page = await stint.context.newPage();
    await page.goto(ISSUE);
    await expect.poll(() => buttons(page).count()).toBe(1);
    expect(await buttons(page).getAttribute('data-task-id')).toBe('acme-corp/platform/api-gateway#42');
    expect(await buttons(page).getAttribute('data-integration')).toBe('gitlab');
    await buttons(page).getByRole('button').click();
    await page.frameLocator('iframe[title="Stint timer"]').getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');

    await options.bringToFront();
    await options.locator(`li[data-origin="${ORIGIN}"]`).getByRole('button', { name: 'Remove' }).click();
    await options.locator(`li[data-origin="${ORIGIN}"]`).waitFor({ state: 'detached' });
    const worker = await stint.worker();
    const granted = () =>
      worker.evaluate(
        (o) => (globalThis as unknown as { chrome: typeof browser }).chrome.permissions.contains({ origins: [`${o}/*`] }),
        ORIGIN,
      );
    await expect.poll(granted).toBe(false);
    await page.reload();
    await page.waitForTimeout(400);
    expect(await buttons(page).count()).toBe(0);
    await Promise.all([page.close(), options.close()]);
  });
});
