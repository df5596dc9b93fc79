import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { assertPrerequisites, BUILD_DIR, CHROMIUM, chromiumArgs, extensionIdOf } from '../../scripts/chromium.mjs';

/**
 * Real Chromium with the production build loaded unpacked (shared/TESTING.md). Every host name resolves to
 * the loopback test server, so nothing leaves the machine.
 */

export { assertPrerequisites, BUILD_DIR, CHROMIUM };

export interface Stint {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  popup(): Promise<Page>;
  /** Stops the extension's service worker the way Chrome does when it is idle (CDP). */
  killWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function launchStint(opts: { port: number; headless?: boolean; profileDir?: string }): Promise<Stint> {
  assertPrerequisites();
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'stint-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ignoreHTTPSErrors: true,
    // Every host name resolves to the loopback test server; localhost stays itself.
    args: chromiumArgs({ resolverRules: `MAP * 127.0.0.1:${opts.port}, EXCLUDE localhost` }),
  });
  const extensionId = await extensionIdOf(context);

  async function worker(): Promise<Worker> {
    const live = context.serviceWorkers().find((w) => w.url().includes(extensionId));
    if (live) return live;
    // Wake it: opening an extension page starts the worker on demand.
    const page = await context.newPage();
    const waiting = context.waitForEvent('serviceworker', { timeout: 30_000 });
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const w = context.serviceWorkers().find((x) => x.url().includes(extensionId)) ?? (await waiting);
    await page.close();
    return w;
  }

  return {
    context,
    extensionId,
    worker,
    async popup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async killWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const running = async () => {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
        return targetInfos.some((t) => t.type === 'service_worker' && t.url.includes(extensionId));
      };
      if (!(await running())) throw new Error('No running Stint service worker to stop');
      // Target.closeTarget does not stop a service worker; the ServiceWorker domain does, as Chrome's idle timer would.
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (let i = 0; i < 100 && (await running()); i++) await new Promise((r) => setTimeout(r, 50));
      if (await running()) throw new Error('The Stint service worker did not stop');
      await cdp.detach();
    },
    async close() {
      await context.close();
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
