import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { assertPrerequisites, BUILD_DIR, CHROMIUM, chromiumArgs, extensionIdOf, welcomePage } from '../../scripts/chromium.mjs';

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
  /** Gets ready to stop the worker; the function it gives stops it at once (to time a stop against an action). */
  armKill(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function launchStint(opts: {
  port: number;
  headless?: boolean;
  profileDir?: string;
  /** Keep the welcome page a first install opens (the first-minutes suite walks it); others close it. */
  keepWelcome?: boolean;
  /** More unpacked extensions to load next to Stint (the bench's floor page). */
  extensions?: string[];
  /** The user's time zone (IANA): the whole browser runs in it, the extension's worker and frames included. */
  timezone?: string;
}): Promise<Stint> {
  assertPrerequisites();
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'stint-profile-'));
  const fresh = !existsSync(join(profileDir, 'Default'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ignoreHTTPSErrors: true,
    ...(opts.timezone ? { timezoneId: opts.timezone, env: { ...process.env, TZ: opts.timezone } } : {}),
    // Every host name resolves to the loopback test server; localhost stays itself.
    args: chromiumArgs({ resolverRules: `MAP * 127.0.0.1:${opts.port}, EXCLUDE localhost`, extensions: opts.extensions }),
  });
  const extensionId = await extensionIdOf(context);
  // A fresh profile is a first install: the welcome page opens. Waited for, so it never opens over a page a test
  // uses; then closed unless asked for (an open extension page re-reads the state after every change, which can wake
  // a worker a test has just stopped).
  if (fresh) {
    const welcome = await welcomePage(context, extensionId);
    if (!opts.keepWelcome) await welcome.close();
  }

  // After a stop, Playwright keeps the worker's handle; evaluating on it waits until the worker runs again,
  // which nothing triggers by itself. worker() wakes it by opening an extension page.
  let asleep = false;
  const ours = () => context.serviceWorkers().find((w) => w.url().includes(extensionId));

  async function worker(): Promise<Worker> {
    const live = ours();
    if (live && !asleep) return live;
    const page = await context.newPage();
    const waiting = live ? null : context.waitForEvent('serviceworker', { timeout: 30_000 });
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const w = ours() ?? (await waiting);
    if (!w) throw new Error('Stint service worker did not start');
    await w.evaluate(() => true);
    await page.close();
    asleep = false;
    return w;
  }

  async function armKill(): Promise<() => Promise<void>> {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    type Version = { versionId: string; scriptURL: string; runningStatus: string };
    const status = new Map<string, string>();
    // Versions asked to stop, and whether they were seen stopped since: a message in flight may start the
    // worker again at once, so "none running right now" is not the sign that the stop happened.
    const stopping = new Map<string, boolean>();
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Version[] }) => {
      for (const v of e.versions) {
        if (!v.scriptURL.includes(extensionId)) continue;
        status.set(v.versionId, v.runningStatus);
        if (v.runningStatus === 'stopped' && stopping.has(v.versionId)) stopping.set(v.versionId, true);
      }
    });
    const until = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!ok()) throw new Error(`Stint's service worker: ${what}`);
    };
    // Stop it the way Chrome's idle timer does (Target.closeTarget does not stop a service worker).
    await cdp.send('ServiceWorker.enable');
    await until(() => [...status.values()].includes('running'), 'none running to stop');
    return async () => {
      const running = [...status].filter(([, st]) => st === 'running' || st === 'starting').map(([id]) => id);
      for (const id of running) stopping.set(id, false);
      await Promise.all(running.map((versionId) => cdp.send('ServiceWorker.stopWorker', { versionId })));
      await until(() => [...stopping.values()].every(Boolean), 'did not stop');
      asleep = true;
      await cdp.detach();
    };
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
    armKill,
    async killWorker() {
      await (await armKill())();
    },
    async close() {
      await context.close();
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records in a closed profile what Chrome stores once the user allowed `origin` for the extension (an optional
 * host permission). Chrome's permission prompt is browser UI no automation can click (CDP has no target for it;
 * Playwright #32755), so tests that need a grant launch once, close, record it, and launch again.
 */
export function rememberGrant(profileDir: string, extensionId: string, origin: string): void {
  const file = join(profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const ext = prefs.extensions.settings[extensionId];
  for (const key of ['granted_permissions', 'active_permissions'])
    ext[key].explicit_host = [...(ext[key].explicit_host ?? []), `${origin}/*`];
  writeFileSync(file, JSON.stringify(prefs));
}
