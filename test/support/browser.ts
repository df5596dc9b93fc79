import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/**
 * Real Chromium with the production build loaded unpacked (shared/TESTING.md). Every host name resolves to
 * the loopback test server, so nothing leaves the machine.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BUILD_DIR = resolve(process.env.STINT_BUILD_DIR ?? '.output/chrome-mv3');

/** In CI a missing browser or build is a failure, never a skip. */
export function assertPrerequisites(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(BUILD_DIR, 'manifest.json'))) throw new Error(`No build in ${BUILD_DIR}: run npm run build:chrome`);
}

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
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--ignore-certificate-errors',
      `--host-resolver-rules=MAP * 127.0.0.1:${opts.port}, EXCLUDE localhost`,
      `--disable-extensions-except=${BUILD_DIR}`,
      `--load-extension=${BUILD_DIR}`,
    ],
  });
  const firstWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(firstWorker.url()).host;

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
