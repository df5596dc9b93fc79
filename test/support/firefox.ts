import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import type { HostsServer } from './hosts-server';
import { HostsProxy } from './proxy';
import { inWorker } from './state';

/**
 * Debian's Firefox ESR with the production Firefox build installed as a temporary add-on, driven by
 * puppeteer-core over WebDriver BiDi (shared/TESTING.md). Real host names reach the loopback hosts server through
 * a local CONNECT proxy (test/support/proxy.ts) set in Firefox's own preferences; every other host is refused.
 */

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD_DIR = resolve(process.env.STINT_FIREFOX_BUILD_DIR ?? '.output/firefox-mv3');
export const GECKO_ID = 'stint@stint.dev';
/** Fixed before launch (extensions.webextensions.uuids) so the extension's pages have a known address. */
export const UUID = '0f5b7e0c-6a55-4c1e-9d8e-5717e57f1e57';
export const ORIGIN = `moz-extension://${UUID}`;
/** Firefox's widget id for the extension's toolbar button (its id with every other character as _). */
const WIDGET = GECKO_ID.replace(/[^a-z0-9_-]/gi, '_');

/** A missing browser, build or package is an error with the fix, never a skip. */
export function assertFirefoxPrerequisites(buildDir = FIREFOX_BUILD_DIR, archive?: string): void {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  if (archive) {
    if (!existsSync(archive)) throw new Error(`No package at ${archive}: run npm run zip`);
    return;
  }
  const manifest = join(buildDir, 'manifest.json');
  if (!existsSync(manifest)) throw new Error(`No Firefox build in ${buildDir}: run npm run build`);
  if (!JSON.parse(readFileSync(manifest, 'utf8')).browser_specific_settings?.gecko)
    throw new Error(`${buildDir} is not a Firefox build (no browser_specific_settings.gecko)`);
}

type Reply = { ok: boolean; error?: string; data?: unknown };
type BidiSend = (method: string, params: object) => Promise<{ result: Record<string, unknown> }>;

export interface FirefoxStint {
  browser: Browser;
  proxy: HostsProxy;
  /** A new tab (web pages). */
  newPage(): Promise<Page>;
  /** A new tab showing one of the extension's pages, e.g. 'popup.html', once its document has loaded. */
  extensionPage(path: string): Promise<Page>;
  /** One item of Stint's data layer (the extension origin's IndexedDB, test/support/state.ts). */
  stored<T = unknown>(key: string): Promise<T>;
  /** Seeds the data layer. */
  writeStored(values: Record<string, unknown>): Promise<void>;
  /** runtime.sendMessage from an extension page, as the popup or options would (setup steps). */
  send(message: unknown): Promise<Reply>;
  /** Evaluates an expression in the browser window's chrome (Firefox's own UI: prompts, toolbar). */
  chrome<T = unknown>(expression: string): Promise<T>;
  /** Stint's toolbar button, pinned to the toolbar as a user would: the icon it shows (1x) and its badge. */
  toolbarButton(): Promise<{ icon: string; badge: string }>;
  /** Firefox's state of the event page: starting, running, suspending or stopped. */
  backgroundState(): Promise<string>;
  close(): Promise<void>;
}

/** Installs the build folder (a temporary add-on, like about:debugging), or `archive`: a zip as the store gets it. */
export async function launchFirefoxStint(opts: {
  server: HostsServer;
  buildDir?: string;
  archive?: string;
  /** More Firefox preferences (e.g. a shorter event-page idle timeout). */
  prefs?: Record<string, string | number | boolean>;
}): Promise<FirefoxStint> {
  const buildDir = opts.buildDir ?? FIREFOX_BUILD_DIR;
  assertFirefoxPrerequisites(buildDir, opts.archive);
  const { server } = opts;
  const proxy = await new HostsProxy(
    () => server.port,
    (host) => server.serves(host),
  ).start();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      // WebDriver BiDi refuses to navigate to moz-extension: pages and to reach Firefox's own UI without it.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.share_proxy_settings': false,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        ...opts.prefs,
      },
    });
  } catch (err) {
    await proxy.stop();
    throw err;
  }
  // Raw WebDriver BiDi commands (Firefox's chrome scope, archive installs) through puppeteer's own connection.
  const bidi: BidiSend = (method, params) => (browser as unknown as { connection: { send: BidiSend } }).connection.send(method, params);

  try {
    const id = opts.archive
      ? ((await bidi('webExtension.install', { extensionData: { type: 'archivePath', path: opts.archive } })).result.extension as string)
      : await browser.installExtension(buildDir);
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
  } catch (err) {
    await browser.close();
    await proxy.stop();
    throw err;
  }

  async function extensionPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    const url = `${ORIGIN}/${path}`;
    // WebDriver BiDi reports no load events for extension documents (Firefox bug 1755014), so the navigation
    // promise never settles: it is left pending (it rejects when the tab closes) and the document is polled.
    void page.goto(url, { timeout: 0 }).catch(() => undefined);
    for (let i = 0; i < 400; i++) {
      const ready = await page.evaluate(() => document.readyState === 'complete' && location.href).catch(() => false);
      if (ready === url) return page;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${url} did not load`);
  }

  async function chrome<T>(expression: string): Promise<T> {
    const tree = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    const contexts = tree.result.contexts as { context: string; url: string }[];
    const window = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!window) throw new Error('no browser window');
    // The value comes back as JSON text: BiDi's own serialization of objects is verbose.
    const wrapped = `(async () => JSON.stringify(await (${expression})) ?? 'null')()`;
    const out = await bidi('script.evaluate', { expression: wrapped, target: { context: window.context }, awaitPromise: true });
    const result = out.result as { type: string; result?: { value?: string }; exceptionDetails?: { text: string } };
    if (result.type === 'exception') throw new Error(`chrome: ${result.exceptionDetails?.text}`);
    return JSON.parse(result.result?.value ?? 'null') as T;
  }

  let control: Promise<Page> | null = null;
  const inExtension = () => {
    control ??= extensionPage('options.html');
    return control;
  };

  return {
    browser,
    proxy,
    newPage: () => browser.newPage(),
    extensionPage,
    async stored<T>(key: string) {
      const page = await inExtension();
      return (await page.evaluate(inWorker, { mode: 'read' as const, keys: [key] }))[key] as T;
    },
    async writeStored(values) {
      const page = await inExtension();
      await page.evaluate(inWorker, { mode: 'write' as const, values });
    },
    async send(message) {
      const page = await inExtension();
      return (await page.evaluate(
        (m) =>
          (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }).browser.runtime.sendMessage(m),
        message,
      )) as Reply;
    },
    chrome,
    backgroundState: () => chrome<string>(`WebExtensionPolicy.getByID('${GECKO_ID}').extension.backgroundState`),
    toolbarButton() {
      return chrome(`(() => {
        CustomizableUI.addWidgetToArea('${WIDGET}-browser-action', CustomizableUI.AREA_NAVBAR);
        const button = document.getElementById('${WIDGET}-BAP');
        const image = button.style.getPropertyValue('--webextension-toolbar-image');
        return { icon: /url\\("([^"]+)"\\) 1dppx/.exec(image)?.[1] ?? image, badge: button.getAttribute('badge') ?? '' };
      })()`);
    },
    async close() {
      await browser.close().catch(() => undefined);
      await proxy.stop();
    },
  };
}

/** The centre of an element matched in a frame or page, in that frame's viewport coordinates. */
export async function centreOf(frame: Page | Frame, selector: string, text?: string): Promise<{ x: number; y: number }> {
  const point = await frame.evaluate(
    (sel, txt) => {
      const el = [...document.querySelectorAll(sel)].find((e) => txt === null || e.textContent?.trim() === txt);
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' }); // a user scrolls to what they click
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    },
    selector,
    text ?? null,
  );
  if (!point) throw new Error(`no ${selector}${text ? ` "${text}"` : ''} to click`);
  return point;
}
