import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/sites/github/fixture';
import { buttons } from '../support/actions';
import type { Stint } from '../support/browser';
import { openRepairs } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/** Repairs without a release: a selector override brings the button back; a site can be turned off. */

const MISSING = 'https://github.com/octo-org/hello-world/issues/99';
let stint: Stint;

let rig: Rig;
beforeAll(async () => {
  rig = await startStint({ fixtures: [fixture] });
  ({ stint } = rig);
});

afterAll(() => rig?.close());

describe('selector override and sites on/off, set in the options page', () => {
  it('a user selector makes the button appear where the site layout changed', async () => {
    const page = await stint.context.newPage();
    await page.goto(MISSING);
    await page.waitForTimeout(400);
    expect(await buttons(page).count()).toBe(0);

    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    await openRepairs(options);
    const input = options.locator('li[data-integration="github"] input.selector');
    await input.fill('nav[aria-label="Related issues"]');
    await input.press('Enter');
    await input.blur();
    await expect
      .poll(
        async () =>
          (
            await (
              await stint.worker()
            ).evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get('selectorOverrides'))
          ).selectorOverrides,
      )
      .toEqual({
        github: 'nav[aria-label="Related issues"]',
      });

    await page.reload();
    await expect.poll(() => buttons(page).count()).toBe(1);
    expect(await buttons(page).getAttribute('data-task-id')).toBe('octo-org/hello-world#99');
    expect(await page.locator('nav[aria-label="Related issues"] + stint-button').count()).toBe(1);

    // Turning GitHub off removes buttons on the next page load.
    await options.locator('li[data-integration="github"] input[type="checkbox"]').uncheck();
    await page.reload();
    await page.waitForTimeout(400);
    expect(await buttons(page).count()).toBe(0);
    await options.locator('li[data-integration="github"] input[type="checkbox"]').check();
    await Promise.all([page.close(), options.close()]);
  });

  it('refuses an invalid selector with a clear message', async () => {
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    await openRepairs(options);
    const input = options.locator('li[data-integration="gitlab"] input.selector');
    await input.fill('h1[[');
    await input.blur();
    await expect.poll(() => options.getByRole('alert').textContent()).toContain('is not a valid CSS selector');
    await options.close();
  });
});
