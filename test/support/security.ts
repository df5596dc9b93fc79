import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { hostileBoard, hostileIssue } from '../fixtures/hostile/pages';
import { buttons, modal } from './actions';
import { launchStint, type Stint } from './browser';
import { HostsServer } from './hosts-server';
import { readState } from './state';

/**
 * The rig of the security suites (test/e2e/security-*.test.ts): the production build in real Chromium, the
 * Harvest emulator, a hostile GitHub issue at its real hostname and a hostile generic-markup board on a plain
 * loopback server (generic markup is honoured on local development servers only).
 */

export const HOSTILE_URL = 'https://github.com/evil-org/hostile/issues/66';
export const HOSTILE_TASK = 'evil-org/hostile#66';

/** Nodes that would mean page text became markup: injected handlers, the fixture's images, script links. */
export const INJECTED = '[onerror], [onload], img[src="x"], iframe[srcdoc], a[href^="javascript:"], a[href^="data:"]';
export const pwned = (target: Page | Frame) => target.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
export const modalFrameEl = (page: Page) => page.locator('iframe[title="Stint timer"]');

export interface StoredEntry {
  id: string;
  notes: string;
  task: { id: string; title: string; url: string } | null;
}

export interface SecurityRig {
  server: HostsServer;
  stint: Stint;
  emu: HarvestEmulator;
  demo: DemoSeed;
  boardUrl: string;
}

/** Starts the rig before the file's tests and stops everything it started after them. */
export function useSecurityRig(): SecurityRig {
  const rig = {} as SecurityRig;
  let board: Server | undefined;
  beforeAll(async () => {
    rig.emu = createHarvestEmulator();
    rig.demo = rig.emu.seedDemo();
    rig.server = await new HostsServer().start();
    rig.server.emulator(rig.emu);
    rig.server.page(HOSTILE_URL, hostileIssue());
    const http = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(hostileBoard());
    });
    board = http;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    rig.boardUrl = `http://localhost:${(http.address() as AddressInfo).port}/board`;
    rig.stint = await launchStint({ port: rig.server.port });
  });
  afterAll(async () => {
    await rig.stint?.close();
    await rig.server?.stop();
    const http = board;
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
  return rig;
}

/** Everything in storage.local, read by the service worker. */
export async function dumpLocal(stint: Stint): Promise<Record<string, unknown>> {
  const worker = await stint.worker();
  return worker.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get(null));
}

/** Stint's state (its data layer) minus what the background rewrites on its own (connection status, checked-at times). */
export async function stableState(stint: Stint): Promise<Record<string, unknown>> {
  // Site health counts every visit of a task page (which layer placed the button): visiting is not an attack.
  const { status: _status, anchorHealth: _health, ...rest } = await readState(await stint.worker());
  return rest;
}

export const entries = async (stint: Stint) => ((await readState(await stint.worker(), ['entries'])).entries ?? []) as StoredEntry[];
export const timer = async (stint: Stint) => (await readState(await stint.worker(), ['timer'])).timer ?? null;

/** The modal's frame (an extension page, at the dynamic web-accessible URL). */
export async function modalFrame(page: Page): Promise<Frame> {
  await modal(page)
    .getByRole('button', { name: /Start timer|Save entry/ })
    .waitFor();
  const frame = page.frames().find((f) => f.url().includes('/modal.html'));
  if (!frame) throw new Error('modal frame not found');
  return frame;
}

export async function openModalFor(page: Page, host: ReturnType<typeof buttons>) {
  await host.getByRole('button').click(); // Playwright's click is a trusted (browser-input) event
  return modalFrame(page);
}

export async function saveInModal(page: Page, time: string) {
  await modal(page).locator('input[name="time"]').fill(time);
  await modal(page).getByRole('button', { name: 'Save entry' }).click();
  await expect.poll(() => modalFrameEl(page).count()).toBe(0);
}

/** Links the demo Harvest account the way the options page does (its own UI is covered by harvest.test.ts). */
export async function linkDemoHarvest(rig: SecurityRig): Promise<void> {
  const options = await rig.stint.context.newPage();
  await options.goto(`chrome-extension://${rig.stint.extensionId}/options.html`);
  const linked = await options.evaluate(
    ([token, remoteAccountId]) =>
      (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({
        type: 'account.link',
        provider: 'harvest',
        token,
        remoteAccountId,
      }),
    [rig.demo.token, String(rig.demo.accountId)],
  );
  expect(linked).toMatchObject({ ok: true });
  await options.close();
}

/** A task page with its button up. */
export async function hostilePage(stint: Stint): Promise<Page> {
  const page = await stint.context.newPage();
  await page.goto(HOSTILE_URL);
  await buttons(page).waitFor();
  return page;
}

/**
 * Evaluates in the content script's own isolated world on a page (not the page's world): found through CDP as
 * the execution context Chrome names after the extension. `fn` must be self-contained.
 */
export async function contentScriptWorld(stint: Stint, page: Page) {
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
