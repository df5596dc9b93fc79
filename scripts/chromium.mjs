// How Stint's tests and demo start Debian's Chromium with the production build loaded (shared/TESTING.md).
// Plain JavaScript so `npm start` needs no TypeScript runner; types in chromium.d.mts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BUILD_DIR = resolve(process.env.STINT_BUILD_DIR ?? '.output/chrome-mv3');

/** A missing browser or build is an error with the fix, never a skip. */
export function assertPrerequisites() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(join(BUILD_DIR, 'manifest.json'))) throw new Error(`No build in ${BUILD_DIR}: run npm run build:chrome`);
}

/**
 * Flags for a quiet, offline-safe Chromium with the extension loaded; `resolverRules` maps hosts to loopback,
 * `extensions` loads more unpacked extensions next to Stint (the bench's trivial floor page).
 */
export function chromiumArgs({ resolverRules, extensions = [] } = {}) {
  const load = [BUILD_DIR, ...extensions].join(',');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    ...(resolverRules ? ['--ignore-certificate-errors', `--host-resolver-rules=${resolverRules}`] : []),
    `--disable-extensions-except=${load}`,
    `--load-extension=${load}`,
  ];
}

/** The extension id, from its service worker (waits for it to start). */
export async function extensionIdOf(context) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return new URL(worker.url()).host;
}

/**
 * Installing Stint on a fresh profile opens its welcome page (entrypoints/background.ts) a moment after the worker
 * starts. Waiting for it keeps it from opening over a page a test or the demo is about to use. Returns the page.
 */
export async function welcomePage(context, extensionId, timeoutMs = 30_000) {
  const url = `chrome-extension://${extensionId}/welcome.html`;
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) {
      // Asked of the page itself, not page.waitForLoadState(): when Playwright attaches to this tab (the extension
      // opened it) after its load event, it never sees that event and waitForLoadState() waits out its timeout
      // (seen once in npm test: "networkidle" fired, "load" never did).
      const loaded = page.evaluate(
        () =>
          new Promise((done) => {
            if (document.readyState === 'complete') done(true);
            else addEventListener('load', () => done(true), { once: true });
          }),
      );
      let timer;
      const late = new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`Stint's welcome page did not finish loading within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([loaded, late]).finally(() => clearTimeout(timer));
      return page;
    }
  }
  throw new Error(`Stint's welcome page did not open within ${timeoutMs} ms`);
}
