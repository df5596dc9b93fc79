import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { HOSTILE_TITLE, hostileBoard, hostileIssue } from '../fixtures/hostile/pages';
import { buttons, modal } from '../support/actions';
import { BUILD_DIR, launchStint, type Stint } from '../support/browser';
import { HostsServer } from '../support/hosts-server';

/**
 * Security and bad input, production build in real Chromium (DESIGN.md "Security"):
 * - hostile task pages: markup in task text never runs, `javascript:` / `data:` links are never used, page
 *   scripts cannot press the button (untrusted events), cannot close the modal or read it, and spoofed
 *   Harvest-Platform events start nothing;
 * - message fuzz from the real content-script world (the isolated world, reached through CDP), the modal frame
 *   and modal.html in a tab: every malformed or out-of-bounds intent is refused with a reason and changes nothing;
 * - secrets: a linked token is nowhere a content script (or the page) can read; unlinking wipes it;
 * - permissions: the manifest asks for nothing broad and nothing unused.
 */

const HOSTILE_URL = 'https://github.com/evil-org/hostile/issues/66';
const HOSTILE_TASK = 'evil-org/hostile#66';

let server: HostsServer;
let board: Server;
let boardUrl: string;
let stint: Stint;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  server = await new HostsServer().start();
  server.emulator(emu);
  server.page(HOSTILE_URL, hostileIssue());
  // Generic markup is honoured on local development servers only: a plain HTTP server on loopback.
  board = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(hostileBoard());
  });
  await new Promise<void>((resolve) => board.listen(0, '127.0.0.1', resolve));
  boardUrl = `http://localhost:${(board.address() as AddressInfo).port}/board`;
  stint = await launchStint({ port: server.port });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
  if (board) {
    board.closeAllConnections();
    await new Promise<void>((resolve) => board.close(() => resolve()));
  }
});

/** Nodes that would mean page text became markup: injected handlers, the fixture's images, script links. */
const INJECTED = '[onerror], [onload], img[src="x"], iframe[srcdoc], a[href^="javascript:"], a[href^="data:"]';
const pwned = (target: Page | Frame) => target.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);

/** Everything in storage.local, read by the service worker. */
async function dumpLocal(): Promise<Record<string, unknown>> {
  const worker = await stint.worker();
  return worker.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get(null));
}

/** storage.local minus what the background rewrites on its own (connection status, checked-at times). */
async function stableState(): Promise<Record<string, unknown>> {
  const { status: _status, ...rest } = await dumpLocal();
  return rest;
}

const modalFrameEl = (page: Page) => page.locator('iframe[title="Stint timer"]');

/** The modal's frame (an extension page, at the dynamic web-accessible URL). */
async function modalFrame(page: Page): Promise<Frame> {
  await modal(page)
    .getByRole('button', { name: /Start timer|Save entry/ })
    .waitFor();
  const frame = page.frames().find((f) => f.url().includes('/modal.html'));
  if (!frame) throw new Error('modal frame not found');
  return frame;
}

async function openModalFor(page: Page, host: ReturnType<typeof buttons>) {
  await host.getByRole('button').click(); // Playwright's click is a trusted (browser-input) event
  return modalFrame(page);
}

async function saveInModal(page: Page, time: string) {
  await modal(page).locator('input[name="time"]').fill(time);
  await modal(page).getByRole('button', { name: 'Save entry' }).click();
  await expect.poll(() => modalFrameEl(page).count()).toBe(0);
}

interface StoredEntry {
  id: string;
  notes: string;
  task: { id: string; title: string; url: string } | null;
}
const entries = async () => ((await dumpLocal()).entries ?? []) as StoredEntry[];
const timer = async () => (await dumpLocal()).timer ?? null;

/**
 * Evaluates in the content script's own isolated world on a page (not the page's world): found through CDP as
 * the execution context Chrome names after the extension. `fn` must be self-contained.
 */
async function contentScriptWorld(page: Page) {
  const cdp = await stint.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const ours = contexts.filter((c) => c.origin === `chrome-extension://${stint.extensionId}` && c.auxData?.type === 'isolated').pop();
  if (!ours) throw new Error(`no content-script world on ${page.url()}`);
  return {
    async evaluate<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
      const res = await cdp.send('Runtime.evaluate', {
        expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
        contextId: ours.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (res.exceptionDetails)
        throw new Error(`content-script world: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
      return res.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}

describe('hostile task pages', () => {
  it('keeps markup and script in a task title as text: page, modal and popup', async () => {
    const page = await stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await expect.poll(() => buttons(page).count()).toBe(1);
    expect(await buttons(page).getAttribute('data-task-id')).toBe(HOSTILE_TASK);

    const frame = await openModalFor(page, buttons(page));
    expect(await modal(page).locator('body').textContent()).toContain(HOSTILE_TITLE);
    expect(await modal(page).locator(INJECTED).count()).toBe(0);
    expect(await modal(page).locator('textarea[name="notes"]').inputValue()).toContain('<img src=x');
    expect(await pwned(frame)).toBeNull();
    await saveInModal(page, '0:05');

    const saved = (await entries()).find((e) => e.task?.id === HOSTILE_TASK);
    expect(saved?.task).toMatchObject({ title: HOSTILE_TITLE, url: HOSTILE_URL });

    const popup = await stint.popup();
    await expect.poll(() => popup.locator('body').textContent()).toContain(HOSTILE_TITLE);
    expect(await popup.locator(INJECTED).count()).toBe(0);
    // The entry links back to the task page, with the page's own address.
    expect(await popup.locator(`a[href="${HOSTILE_URL}"]`).count()).toBeGreaterThan(0);
    expect(await pwned(popup)).toBeNull();
    expect(await pwned(page)).toBeNull();
    await Promise.all([page.close(), popup.close()]);
  });

  it('never uses javascript: or data: links from page markup, and keeps generic-markup titles as text', async () => {
    const page = await stint.context.newPage();
    await page.goto(boardUrl);
    await expect.poll(() => buttons(page).count()).toBe(3);
    const before = (await entries()).length;
    for (const [anchor, taskId, title] of [
      ['#card-js', 'HOST-1', `<img src=x onerror="window.__pwned='stint-title'"> Card one`],
      ['#card-data', 'HOST-2', 'Card two'],
      ['#harvest-item', 'HP-1', `<img src=x onerror="window.__pwned='harvest-name'"> Harvest item`],
    ] as const) {
      const host = page.locator(`${anchor} > stint-button`);
      expect(await host.getAttribute('data-task-id')).toBe(taskId);
      await openModalFor(page, host);
      expect(await modal(page).locator('body').textContent()).toContain(title);
      expect(await modal(page).locator(INJECTED).count()).toBe(0);
      await saveInModal(page, '0:10');
      const saved = (await entries()).find((e) => e.task?.id === taskId);
      // The link falls back to the page itself: never the script or data URL the markup offered.
      expect(saved?.task).toMatchObject({ title, url: boardUrl });
    }
    expect((await entries()).length).toBe(before + 3);
    expect(await pwned(page)).toBeNull();

    const popup = await stint.popup();
    await expect.poll(() => popup.locator('body').textContent()).toContain('Card two');
    expect(await popup.locator(INJECTED).count()).toBe(0);
    const hrefs = await popup.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    expect(hrefs).toContain(boardUrl);
    await Promise.all([page.close(), popup.close()]);
  });

  it('ignores untrusted clicks, keys and events from page scripts, and spoofed Harvest-Platform events', async () => {
    const before = await stableState();
    for (const url of [HOSTILE_URL, boardUrl]) {
      const page = await stint.context.newPage();
      await page.goto(url);
      await expect.poll(() => buttons(page).count()).toBeGreaterThan(0);
      const attempts = await page.evaluate(() => {
        const done: string[] = [];
        for (const host of document.querySelectorAll('stint-button')) {
          const inner = host.shadowRoot?.querySelector('button');
          if (!inner) continue;
          (host as HTMLElement).click();
          inner.click();
          inner.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, view: window }));
          inner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
          inner.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
          inner.focus();
          for (const key of ['Enter', ' ']) {
            inner.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
            inner.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
          }
          done.push(host.getAttribute('data-task-id') ?? '');
        }
        // Harvest Platform's documented page events and the messages its own frame posts.
        const el = document.querySelector('.harvest-timer') ?? document.body;
        const messaging = document.querySelector('#harvest-messaging') ?? document.body;
        for (const type of ['harvest-event:timers:add', 'harvest-event:timers:chrome:add', 'harvest-event']) {
          messaging.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: { element: el, type: 'timer:started' } }));
          document.dispatchEvent(new CustomEvent(type, { detail: { element: el } }));
        }
        for (const data of [
          { type: 'timer:started', value: { id: 1, group_id: 'grp' } },
          { type: 'timer:stopped' },
          { type: 'frame:close' },
          JSON.stringify({ type: 'timer:started', value: { id: 1 } }),
          { stint: 'start' },
          { stint: 'close' },
          { type: 'timer.start', task: null, notes: 'from the page', booking: null },
        ]) {
          window.postMessage(data, '*');
        }
        // No extension is reachable from the page's world (no externally_connectable).
        const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
        done.push(`runtime:${typeof runtime?.sendMessage}`);
        return done;
      });
      expect(attempts).toContain('runtime:undefined');
      await page.waitForTimeout(600);
      expect(await modalFrameEl(page).count()).toBe(0);
      for (const state of await buttons(page).evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-state'))))
        expect(state).toBe('idle');
      await page.close();
    }
    expect(await timer()).toBeNull();
    expect(await stableState()).toEqual(before);
  });

  it('closes the modal only from its own frame; the page cannot read or script it', async () => {
    const page = await stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await openModalFor(page, buttons(page));
    const attempts = await page.evaluate(async () => {
      const frame = document.querySelector('iframe[title="Stint timer"]') as HTMLIFrameElement;
      const win = frame.contentWindow as Window;
      // Messages from the page itself, in every shape the modal's close message could be guessed at.
      for (const data of [
        { stint: 'close' },
        'close',
        ['close'],
        { stint: 'close', source: 'modal' },
        JSON.stringify({ stint: 'close' }),
      ]) {
        window.postMessage(data, '*');
      }
      // A frame of the page's own posting the close message to its parent.
      const child = document.createElement('iframe');
      child.srcdoc = `<script>parent.postMessage({ stint: 'close' }, '*')</script>`;
      document.body.append(child);
      // Into the modal itself.
      win.postMessage({ stint: 'close' }, '*');
      await new Promise((r) => setTimeout(r, 300));
      const reads: Record<string, string> = {};
      const attempt = (name: string, fn: () => unknown) => {
        try {
          reads[name] = `read: ${String(fn())}`;
        } catch (err) {
          reads[name] = `refused: ${(err as Error).name}`;
        }
      };
      attempt('contentDocument', () => frame.contentDocument?.body?.innerHTML ?? 'null');
      attempt('document', () => win.document.body.innerHTML);
      attempt('location', () => win.location.href);
      attempt('localStorage', () => win.localStorage.length);
      attempt('chrome', () => JSON.stringify(Object.keys((win as unknown as { chrome: object }).chrome)));
      return reads;
    });
    expect(attempts).toEqual({
      contentDocument: 'read: null',
      document: 'refused: SecurityError',
      location: 'refused: SecurityError',
      localStorage: 'refused: SecurityError',
      chrome: 'refused: SecurityError',
    });
    expect(await modalFrameEl(page).count()).toBe(1);
    await modal(page).getByRole('button', { name: 'Start timer' }).waitFor();

    // Our own frame closes it.
    await modal(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => modalFrameEl(page).count()).toBe(0);
    // The only thing our frame ever told the page is that it closes.
    const seen = await page.evaluate(() => (window as unknown as { __seen: { origin: string; data: string }[] }).__seen);
    const fromUs = seen.filter((m) => m.origin.startsWith('chrome-extension://'));
    expect(fromUs.length).toBeGreaterThan(0);
    for (const m of fromUs) expect(JSON.parse(m.data)).toEqual({ stint: 'close' });
    expect(await timer()).toBeNull();
    await page.close();
  });

  it('is not closed by a synthetic message event that names the modal’s window as its source', async () => {
    // The page can read the frame's WindowProxy and dispatch a MessageEvent with `source` set to it; the content
    // script's listener sees that event too. Only a real (trusted) message from our frame may close the modal.
    const page = await stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await openModalFor(page, buttons(page));
    await page.evaluate(() => {
      const frame = document.querySelector('iframe[title="Stint timer"]') as HTMLIFrameElement;
      const source = frame.contentWindow as Window;
      window.dispatchEvent(new MessageEvent('message', { data: { stint: 'close' }, source, origin: new URL(frame.src).origin }));
    });
    await page.waitForTimeout(300);
    expect(await modalFrameEl(page).count()).toBe(1);
    await page.close();
  });
});

/** What content-script contexts try: refused intents of every kind. `{{…}}` placeholders are filled in. */
function fuzzCases(ids: { entryId: string; accountId: string; remoteAccountId: string; token: string }): [string, string][] {
  const task = { integration: 'github', id: 'o/r#1', title: 't', url: 'https://github.com/o/r/issues/1' };
  const today = new Date().toLocaleDateString('en-CA');
  const cases: [string, unknown][] = [
    ['unknown type', { type: 'tokens.get' }],
    ['no type', {}],
    ['null', null],
    ['number', 42],
    ['bare string', 'timer.start'],
    ['array', [{ type: 'timer.stop' }]],
    ['type that cannot become text', { type: { toString: 0 } }],
    ['wrong field types', { type: 'timer.start', task: 'x', notes: 1 }],
    ['javascript: task link', { type: 'timer.start', task: { ...task, url: 'javascript:alert(1)' }, notes: '', booking: null }],
    ['data: task link', { type: 'timer.start', task: { ...task, url: 'data:text/html,<script>1</script>' }, notes: '', booking: null }],
    ['file: task link', { type: 'timer.start', task: { ...task, url: 'file:///etc/passwd' }, notes: '', booking: null }],
    ['task without id', { type: 'timer.start', task: { ...task, id: '' }, notes: '', booking: null }],
    ['unreadable time', { type: 'entry.save', task: null, notes: '', time: 'soon', day: today, booking: null }],
    ['25 hours', { type: 'entry.save', task: null, notes: '', time: '25h', day: today, booking: null }],
    ['day not a date', { type: 'entry.save', task: null, notes: '', time: '1:00', day: '01/02/2026', booking: null }],
    ['unknown account', { type: 'timer.start', task: null, notes: '', booking: { accountId: 'harvest:999', projectId: '1', taskId: '1' } }],
    [
      'project not assigned',
      { type: 'timer.start', task: null, notes: '', booking: { accountId: ids.accountId, projectId: '999999', taskId: '1' } },
    ],
    ['stop with nothing running', { type: 'timer.stop' }],
    ['stop another task', { type: 'timer.stop', taskKey: 'github:o/r#1' }],
    ['update with nothing running', { type: 'timer.update', notes: 'x' }],
    // Page-only and account intents: valid for the popup and options page, never for a web page.
    ['delete an entry', { type: 'entry.delete', id: ids.entryId }],
    ['rewrite an entry', { type: 'entry.update', id: ids.entryId, notes: 'pwned' }],
    ['continue an entry', { type: 'entry.continue', id: ids.entryId }],
    ['probe a token', { type: 'harvest.accounts', token: ids.token }],
    ['link an account', { type: 'account.link', provider: 'harvest', token: ids.token, remoteAccountId: ids.remoteAccountId }],
    ['unlink the account', { type: 'account.unlink', id: ids.accountId }],
    ['change the default account', { type: 'account.default', id: 'local' }],
    ['refresh projects', { type: 'account.refresh', id: ids.accountId }],
    ['sync now', { type: 'sync.now' }],
    ['OAuth sign-in', { type: 'account.signin', provider: 'harvest' }],
  ];
  const json: [string, string][] = cases.map(([label, value]) => [label, JSON.stringify(value)]);
  // Own `__proto__` / `constructor` keys, as JSON.parse makes them (an object literal would set the prototype).
  json.push(['own __proto__ carrying the missing fields', '{"__proto__":{"task":null,"notes":"","booking":null},"type":"timer.start"}']);
  json.push([
    'constructor.prototype pollution',
    '{"type":"timer.stop","constructor":{"prototype":{"polluted":true}},"taskKey":{"__proto__":1}}',
  ]);
  json.push(['__proto__ type', '{"type":"__proto__","__proto__":{"type":"timer.start"}}']);
  return json;
}

type FuzzResult = { label: string; reply?: { ok: boolean; error?: unknown } | null; threw?: string };

/** Runs in a content-script context (self-contained): sends every case, plus ones too big to pass in as text. */
async function sendFuzz(cases: [string, string][]): Promise<FuzzResult[]> {
  const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
  const task = { integration: 'github', id: 'o/r#1', title: 't', url: 'https://github.com/o/r/issues/1' };
  const messages: [string, unknown][] = cases.map(([label, text]) => [label, JSON.parse(text)]);
  messages.push(['1 MB type', { type: 'x'.repeat(1_000_000) }]);
  messages.push(['2 MB title', { type: 'timer.start', task: { ...task, title: 't'.repeat(2_000_000) }, notes: '', booking: null }]);
  messages.push(['notes over the limit', { type: 'timer.start', task: null, notes: 'n'.repeat(5001), booking: null }]);
  messages.push(['100 000 keys', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))]);
  messages.push(['deep nesting', JSON.parse(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)]);
  messages.push(['function field', { type: 'timer.start', task: null, notes: () => 1, booking: null }]);
  const out: FuzzResult[] = [];
  for (const [label, message] of messages) {
    try {
      const reply = (await runtime.sendMessage(message)) as FuzzResult['reply'];
      out.push({ label, reply: reply ?? null });
    } catch (err) {
      out.push({ label, threw: String(err) });
    }
  }
  return out;
}

function expectAllRefused(results: FuzzResult[], where: string) {
  expect(results.length).toBeGreaterThan(30);
  for (const r of results) {
    const what = `${where}: ${r.label} → ${JSON.stringify(r).slice(0, 300)}`;
    // Only messages Chrome itself cannot send (nesting too deep to serialize) may fail before reaching Stint.
    if (r.threw !== undefined) {
      expect(r.label, what).toBe('deep nesting');
      continue;
    }
    expect(r.reply?.ok, what).toBe(false);
    expect(typeof r.reply?.error, what).toBe('string');
    expect(String(r.reply?.error).length, what).toBeGreaterThan(0);
    // A refusal names the problem; it does not echo megabytes back.
    expect(String(r.reply?.error).length, what).toBeLessThan(500);
  }
}

describe('message fuzz from content-script contexts, with Harvest linked', () => {
  let ids: Parameters<typeof fuzzCases>[0];

  beforeAll(async () => {
    // Linked the way the options page links (its own UI is covered by harvest.test.ts).
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    const linked = await options.evaluate(
      ([token, remoteAccountId]) =>
        (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({
          type: 'account.link',
          provider: 'harvest',
          token,
          remoteAccountId,
        }),
      [demo.token, String(demo.accountId)],
    );
    expect(linked).toMatchObject({ ok: true });
    // An entry for the page-only intents to aim at, saved the legitimate way (an extension page).
    const saved = await options.evaluate(
      (day) =>
        (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({
          type: 'entry.save',
          task: null,
          notes: 'target of the fuzz',
          time: '0:15',
          day,
          booking: null,
        }),
      new Date().toLocaleDateString('en-CA'),
    );
    expect(saved).toEqual({ ok: true });
    await options.close();
    const entryId = (await entries()).find((e) => e.notes === 'target of the fuzz')?.id;
    if (!entryId) throw new Error('the target entry was not saved');
    ids = { entryId, accountId: `harvest:${demo.accountId}`, remoteAccountId: String(demo.accountId), token: demo.token };
  });

  async function fuzzFrom(where: string, run: (cases: [string, string][]) => Promise<FuzzResult[]>) {
    const before = await stableState();
    const results = await run(fuzzCases(ids));
    expectAllRefused(results, where);
    await new Promise((r) => setTimeout(r, 300));
    expect(await stableState()).toEqual(before);
    // Nothing reached the background's prototypes.
    const worker = await stint.worker();
    expect(
      await worker.evaluate(() => ({
        keys: Object.keys(Object.prototype),
        polluted: ({} as Record<string, unknown>).polluted ?? null,
        task: ({} as Record<string, unknown>).task ?? null,
      })),
    ).toEqual({ keys: [], polluted: null, task: null });
    return results;
  }

  it('the content script world on a task page', async () => {
    const page = await stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await buttons(page).waitFor();
    const world = await contentScriptWorld(page);
    const results = await fuzzFrom('content script', (cases) => world.evaluate(sendFuzz, cases));
    expect(results.find((r) => r.label === 'unlink the account')?.reply?.error).toBe(
      'Rejected: "account.unlink" is not allowed from a web page.',
    );
    await world.detach();
    await page.close();
  });

  it('the in-page modal frame (an extension page with a content script’s rights)', async () => {
    const page = await stint.context.newPage();
    await page.goto(HOSTILE_URL);
    const frame = await openModalFor(page, buttons(page));
    await fuzzFrom('modal frame', (cases) => frame.evaluate(sendFuzz, cases));
    await page.close();
  });

  it('modal.html opened in a tab of its own', async () => {
    const page = await stint.context.newPage();
    await page.goto(`chrome-extension://${stint.extensionId}/modal.html`);
    await page.getByRole('button', { name: 'Start timer' }).waitFor();
    await fuzzFrom('modal.html tab', (cases) => page.evaluate(sendFuzz, cases));
    await page.close();
  });
});

describe('secrets', () => {
  const token = () => demo.token;

  /** What a context can see of Stint's storage (self-contained: runs in any world). */
  async function probe(secret: string) {
    const c = (globalThis as unknown as { chrome?: typeof browser }).chrome;
    const local = c?.storage?.local ? JSON.stringify(await c.storage.local.get(null)) : '';
    let session: string;
    try {
      session = `read: ${JSON.stringify(await (c as typeof browser).storage.session.get(null))}`;
    } catch (err) {
      session = `refused: ${String(err)}`;
    }
    let databases: string[];
    try {
      databases = (await indexedDB.databases()).map((d) => d.name ?? '');
    } catch (err) {
      databases = [`refused: ${String(err)}`];
    }
    return { localHasToken: local.includes(secret), localLength: local.length, session, databases };
  }

  /** Tries to read Stint's secrets database from an extension-origin context (self-contained). */
  async function readSecretsDb(): Promise<string> {
    try {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('stint-secrets');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (!db.objectStoreNames.contains('secrets')) return 'read: no secrets store';
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('secrets').objectStore('secrets').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      return `read: ${JSON.stringify(all)}`;
    } catch (err) {
      return `refused: ${String(err)}`;
    }
  }

  it('a linked token is not in storage.local, and no content-script context can reach it', async () => {
    const local = JSON.stringify(await dumpLocal());
    expect(local).toContain(`harvest:${demo.accountId}`); // linked (by the previous suite)
    expect(local).not.toContain(token());

    const page = await stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await buttons(page).waitFor();

    // (a) The content script's own world: storage.local without the token, storage.session refused,
    // IndexedDB of the page's origin (where a content script's indexedDB points) without Stint's secrets.
    const world = await contentScriptWorld(page);
    const cs = await world.evaluate(probe, token());
    expect(cs.localLength).toBeGreaterThan(2);
    expect(cs.localHasToken).toBe(false);
    expect(cs.session).toMatch(/^refused: .*not allowed/i);
    expect(cs.databases).not.toContain('stint-secrets');
    await world.detach();

    // (b) The page's own world.
    const pageSide = await page.evaluate(
      async (secret) => ({
        databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
        storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
        html: document.documentElement.outerHTML.includes(secret),
      }),
      token(),
    );
    expect(pageSide.databases).not.toContain('stint-secrets');
    expect(pageSide.storage).not.toContain(token());
    expect(pageSide.html).toBe(false);

    // (c) The modal frame: its URL (which the page can read) and what it can read of storage.local.
    const frame = await openModalFor(page, buttons(page));
    expect(await modalFrameEl(page).getAttribute('src')).not.toContain(token());
    const inModal = await frame.evaluate(probe, token());
    expect(inModal.localHasToken).toBe(false);
    // storage.session holds OAuth access tokens only; with a personal token linked it is empty or out of reach.
    expect(inModal.session).toMatch(/^refused: |^read: \{\}$/);
    // The frame is our own page, but embedded in the task page Chrome gives it no access to Stint's IndexedDB.
    expect(await frame.evaluate(readSecretsDb)).not.toContain(token());
    await page.close();

    // (d) The token only ever went to Harvest: no request to any other host carried it in its URL.
    const elsewhere = server.log.filter((r) => r.host !== 'api.harvestapp.com' && r.host !== 'id.getharvest.com');
    expect(elsewhere.filter((r) => r.path.includes(token()))).toEqual([]);
    expect(emu.log.filter({}).every((r) => r.token === null || r.token === token())).toBe(true);
  });

  it('unlinking wipes the stored secret', async () => {
    const worker = await stint.worker();
    const secretCount = () =>
      worker.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const req = indexedDB.open('stint-secrets');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('secrets')) return resolve(0);
              const count = db.transaction('secrets').objectStore('secrets').count();
              count.onsuccess = () => {
                resolve(count.result);
                db.close();
              };
            };
          }),
      );
    expect(await secretCount()).toBe(1);
    const options = await stint.context.newPage();
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    const reply = await options.evaluate(
      (id) => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({ type: 'account.unlink', id }),
      `harvest:${demo.accountId}`,
    );
    expect(reply).toEqual({ ok: true });
    expect(await secretCount()).toBe(0);
    const session = await worker.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.session.get(null));
    expect(JSON.stringify(session)).not.toContain(demo.token);
    const after = (await dumpLocal()) as {
      accounts?: { id: string }[];
      assignments?: Record<string, unknown>;
      outbox?: Record<string, { accountId: string }>;
    };
    const id = `harvest:${demo.accountId}`;
    expect((after.accounts ?? []).map((a) => a.id)).not.toContain(id);
    expect(Object.keys(after.assignments ?? {})).not.toContain(id);
    expect(Object.values(after.outbox ?? {}).filter((r) => r.accountId === id)).toEqual([]);
    expect(JSON.stringify(after)).not.toContain(demo.token);
    await options.close();
  });
});

describe('permissions (the manifest of the build under test)', () => {
  const manifest = JSON.parse(readFileSync(join(BUILD_DIR, 'manifest.json'), 'utf8')) as {
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
    optional_host_permissions?: string[];
    content_scripts?: { matches: string[] }[];
    web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
    externally_connectable?: unknown;
    content_security_policy?: unknown;
  };
  const builtJs = (() => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.js')) files.push(readFileSync(path, 'utf8'));
      }
    };
    walk(BUILD_DIR);
    return files.join('\n');
  })();

  /**
   * Every API permission Stint may ask for, why, and the calls in the built code that show it is used. A new
   * permission fails here until it is added with its reason; a permission nothing calls fails too.
   */
  const ALLOWED: Record<string, { why: string; used: RegExp }> = {
    storage: { why: 'timer, entries, outbox and settings (local); OAuth access tokens (session)', used: /\.storage\.(local|session)\b/ },
    alarms: { why: 'sync retries and the minute poll outlive a stopped service worker', used: /\.alarms\.create\b/ },
    identity: { why: 'Harvest OAuth sign-in (launchWebAuthFlow)', used: /\.identity\.launchWebAuthFlow\b/ },
    contextMenus: { why: '"Start timer for this page" in the page context menu', used: /\.contextMenus\.create\b/ },
    activeTab: { why: '"Track this page" reads the active tab when the popup opens', used: /\.tabs\.query\b/ },
    scripting: { why: 'buttons on self-hosted domains the user adds (content scripts registered at runtime)', used: /\.scripting\.\w+/ },
  };

  /** The tracker APIs the background calls, and nothing else, are host permissions. */
  const API_HOSTS = new Set([
    'https://api.harvestapp.com/*',
    'https://id.getharvest.com/*',
    'https://api.clockify.me/*',
    'https://*.clockify.me/*',
    'https://api.track.toggl.com/*',
  ]);

  /** A match pattern naming a site: no <all_urls>, no `*` host, no wildcard over a public suffix (`*.com`). */
  const specific = (pattern: string) => {
    const m = /^(https?|\*):\/\/([^/]+)\//.exec(pattern);
    if (!m?.[2]) return false;
    const host = m[2];
    if (host === '*') return false;
    if (host.startsWith('*.')) return host.slice(2).includes('.');
    return !host.includes('*');
  };

  it('asks for no API permission without a reason, and none that nothing uses', () => {
    const problems: string[] = [];
    for (const p of [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])]) {
      const allowed = ALLOWED[p];
      if (!allowed) problems.push(`"${p}" is not in the allow-list of test/e2e/security.test.ts (add it with its reason)`);
      else if (!allowed.used.test(builtJs)) problems.push(`"${p}" is declared but no built script uses it (${allowed.why})`);
    }
    expect(problems).toEqual([]);
  });

  it('has host access only to the trackers’ APIs, and content scripts only on named sites', () => {
    for (const p of manifest.host_permissions ?? []) expect(API_HOSTS.has(p), `host permission ${p}`).toBe(true);
    const scriptMatches = (manifest.content_scripts ?? []).flatMap((c) => c.matches);
    expect(scriptMatches.length).toBeGreaterThan(0);
    for (const p of scriptMatches) expect(specific(p), `content script match ${p}`).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('exposes only the modal to pages, at an unguessable address when any site may frame it', () => {
    for (const w of manifest.web_accessible_resources ?? []) {
      expect(w.resources).toEqual(['modal.html']);
      expect(w.matches).not.toContain('<all_urls>');
      // Framable on every site (self-hosted task pages included) only behind Chrome's per-session dynamic URL:
      // exposing a page grants no access to sites, but a fixed chrome-extension:// address would fingerprint
      // Stint's users and let any site frame the modal.
      if (!w.matches.every(specific)) expect(w.use_dynamic_url, `modal.html is web-accessible on ${w.matches.join(' ')}`).toBe(true);
    }
  });

  it('asks for any other site only at runtime, and no web page can message the extension', () => {
    // Self-hosted domains: broad optional host permissions are fine as long as each is requested for one origin
    // at the moment the user adds it (permissions.request); never granted at install.
    if ((manifest.optional_host_permissions ?? []).length > 0) {
      expect(/\.permissions\.request\b/.test(builtJs), 'optional host permissions declared but never requested').toBe(true);
    }
    expect(manifest.externally_connectable).toBeUndefined();
    expect(JSON.stringify(manifest.content_security_policy ?? {})).not.toMatch(/unsafe-eval|https?:/);
  });
});
