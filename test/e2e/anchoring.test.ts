import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture as github } from '../fixtures/sites/github/fixture';
import { buttons, modal, stored } from '../support/actions';
import { brokenPage } from '../support/broken-markup';
import type { Stint } from '../support/browser';
import { fixtureHtml } from '../support/fixtures';
import { type Rig, startStint } from '../support/rig';

/**
 * The last layer and site health, in real Chromium with the production build: a GitHub issue whose view Stint
 * cannot see (rendered in a closed shadow root, as some web-component apps do) but whose tab title names it
 * gets the corner dock — one button, reachable with the keyboard, off the page's own controls, hidden per site
 * and shown again from options. Visits placed by fallback show in options with the selector repair one click
 * away. Screenshots of the dock and the health panel (light, dark) go to docs/, checked with axe-core.
 */

const DOCK_URL = 'https://github.com/octo-org/hello-world/issues/21';
const TITLE = 'Render the board in a canvas';
const BROKEN_URL = 'https://github.com/octo-org/hello-world/issues/12';
const ISSUE_URL = 'https://github.com/octo-org/hello-world/issues/13';
const DOCS = resolve('docs');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A task page whose view lives in a closed shadow root; a chat button sits in the bottom-right corner. */
const DOCK_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${TITLE} · Issue #21 · octo-org/hello-world</title>
  <style>:root{color-scheme:light dark} body{font:15px/1.5 system-ui,sans-serif;margin:0;background:Canvas;color:CanvasText}
  header{padding:10px 16px;border-bottom:1px solid #8886} .chat{position:fixed;right:12px;bottom:12px;padding:8px 14px;
  border-radius:18px;border:0;background:#0969da;color:#fff;font:inherit}</style>
</head>
<body>
  <header><a href="/octo-org/hello-world/issues">Issues</a></header>
  <div id="app"></div>
  <button class="chat" type="button">Chat with us</button>
  <script>
    const root = document.getElementById('app').attachShadow({ mode: 'closed' });
    root.innerHTML = '<style>main{padding:16px} h1{font-weight:400}</style><main><h1>${TITLE} <span>#21</span></h1>' +
      '<p>The board renders thousands of cards; drawing them in a canvas keeps scrolling smooth.</p><button type="button">Subscribe</button></main>';
  </script>
</body>
</html>`;

let rig: Rig;
let stint: Stint;

beforeAll(async () => {
  rig = await startStint({
    pages: {
      [DOCK_URL]: DOCK_PAGE,
      [BROKEN_URL]: brokenPage(fixtureHtml(github, 'issue.html'), 13),
      [ISSUE_URL]: fixtureHtml(github, 'issue.html'),
    },
  });
  ({ stint } = rig);
  mkdirSync(DOCS, { recursive: true });
});

afterAll(() => rig?.close());

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const { violations } = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as { violations: Violation[] };
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const dock = (page: Page) => page.locator('stint-dock');

async function openDocked(): Promise<Page> {
  const page = await stint.context.newPage();
  await page.setViewportSize({ width: 900, height: 560 });
  await page.goto(DOCK_URL);
  await expect.poll(() => buttons(page).getAttribute('data-layer'), { timeout: 5000 }).toBe('dock');
  return page;
}

describe('the dock', () => {
  it('shows one button naming the task, off the page’s controls, reachable with the keyboard; a click starts the timer', async () => {
    const page = await openDocked();
    try {
      expect(await buttons(page).count()).toBe(1);
      expect(await page.locator('stint-dock > stint-button').getAttribute('data-task-id')).toBe('octo-org/hello-world#21');
      const button = buttons(page).getByRole('button');
      expect(await button.getAttribute('aria-label')).toBe('Start timer: hello-world#21');
      expect(await button.textContent()).toBe('▶ hello-world#21');
      // The chat button owns the bottom-right corner: the dock takes the next free one, and the chat stays clickable.
      expect(await dock(page).getAttribute('data-corner')).toBe('bottom-left');
      await page.getByRole('button', { name: 'Chat with us' }).click({ timeout: 2000 });

      // Keyboard: the dock comes after the page's own controls.
      await page.getByRole('button', { name: 'Chat with us' }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('stint-button');
      await page.keyboard.press('Enter');
      await modal(page).getByRole('button', { name: 'Start timer' }).click();
      await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
      expect(await button.getAttribute('aria-label')).toBe('Stop timer: hello-world#21');
      const timer = await stored<{ task: { integration: string; id: string; title: string } }>(await stint.worker(), 'timer');
      // The id from the URL, the title from the tab's title with GitHub's suffix trimmed.
      expect(timer.task).toMatchObject({ integration: 'github', id: 'octo-org/hello-world#21', title: TITLE });
      await button.click();
      await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    } finally {
      await page.close();
    }
  });

  it.each(['light', 'dark'] as const)('passes axe and is pictured in docs/ (%s)', async (scheme) => {
    const page = await stint.context.newPage();
    await page.setViewportSize({ width: 900, height: 560 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(DOCK_URL);
    try {
      await expect.poll(() => buttons(page).getAttribute('data-layer'), { timeout: 5000 }).toBe('dock');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(DOCS, `dock-${scheme}.png`) });
    } finally {
      await page.close();
    }
  });

  it('hides on this site when dismissed (remembered), and comes back from options', async () => {
    const page = await openDocked();
    try {
      await dock(page).getByRole('button', { name: 'Hide this corner button on this site' }).click();
      expect(await dock(page).count()).toBe(0);
      expect(await buttons(page).count()).toBe(0);
      await expect.poll(async () => stored(await stint.worker(), 'dockHidden')).toEqual(['github']);
      await page.reload();
      await page.waitForTimeout(1500);
      expect(await buttons(page).count()).toBe(0);

      const options = await stint.context.newPage();
      await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
      const row = options.locator('li[data-integration="github"]');
      await row.getByText('Corner button hidden on this site.').waitFor();
      await row.getByRole('button', { name: 'Show the corner button again on GitHub' }).click();
      await expect.poll(async () => stored(await stint.worker(), 'dockHidden')).toEqual([]);
      await options.close();
      await page.reload();
      await expect.poll(() => buttons(page).getAttribute('data-layer'), { timeout: 5000 }).toBe('dock');
    } finally {
      await page.close();
    }
  });
});

describe('the watch on a placed button', () => {
  it('follows a re-render of the view that took the button with it, with no navigation (its box is watched)', async () => {
    const page = await stint.context.newPage();
    try {
      await page.goto(ISSUE_URL);
      await expect.poll(() => buttons(page).getAttribute('data-layer')).toBe('selector');
      const old = await buttons(page).elementHandle();
      // Past the page-wide watch after loading: only the anchor's parent and the button's box are watched now.
      await page.waitForTimeout(1500);
      for (let i = 0; i < 20; i++) await page.evaluate(() => document.body.append(document.createElement('div')));
      await page.evaluate(() => (window as unknown as { render(): void }).render());
      await expect.poll(() => old?.evaluate((e) => e.isConnected)).toBe(false);
      await expect.poll(() => page.locator('[data-testid="issue-title"] + stint-button').count()).toBe(1);
      expect(await buttons(page).count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});

describe('site health in options', () => {
  const visits = async () => (await stored<Record<string, string[]>>(await stint.worker(), 'anchorHealth'))?.github ?? [];

  it('counts which layer placed the button on each visit, and warns when fallbacks took over', async () => {
    const before = (await visits()).length;
    for (let i = 1; i <= 3; i++) {
      const page = await stint.context.newPage();
      await page.goto(BROKEN_URL);
      await expect.poll(() => buttons(page).getAttribute('data-layer'), { timeout: 5000 }).toBe('semantic');
      // One report per visit, a few seconds in (time for a better anchor to render).
      await expect.poll(async () => (await visits()).length, { timeout: 8000 }).toBe(Math.min(10, before + i));
      await page.close();
    }
    expect((await visits()).slice(-3)).toEqual(['semantic', 'semantic', 'semantic']);
    // Only layers are kept: no address, no task.
    expect(JSON.stringify(await stored(await stint.worker(), 'anchorHealth'))).not.toMatch(/octo|http|#12/);

    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    const row = options.locator('li[data-integration="github"]');
    await expect
      .poll(() => row.locator('.health-warning').textContent())
      .toMatch(/^GitHub: placed by fallback on the last \d+ visits — the site’s layout may have changed\./);
    await row.getByRole('button', { name: 'Repair the position of the button on GitHub' }).click();
    expect(await options.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Button position override for GitHub (CSS selector)',
    );
    await options.close();
  });

  it.each(['light', 'dark'] as const)('passes axe and is pictured in docs/ (%s)', async (scheme) => {
    const options = await stint.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    try {
      await options.locator('li[data-integration="github"] .health-warning').waitFor();
      expect(await seriousViolations(options)).toEqual([]);
      // The Sites list's first rows: GitHub's health and the selector repair next to it.
      const rows = options.locator('section[aria-labelledby="sites"] ul.sites > li');
      await rows.first().scrollIntoViewIfNeeded();
      const top = await rows.first().boundingBox();
      const bottom = await rows.nth(2).boundingBox();
      if (!top || !bottom) throw new Error('Sites list not rendered');
      const clip = { x: top.x - 8, y: top.y - 8, width: top.width + 16, height: bottom.y + bottom.height - top.y + 16 };
      await options.screenshot({ path: join(DOCS, `site-health-${scheme}.png`), clip });
    } finally {
      await options.close();
    }
  });
});
