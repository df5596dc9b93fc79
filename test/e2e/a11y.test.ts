import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumArgs, extensionIdOf, welcomePage } from '../../scripts/chromium.mjs';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { linkHarvestByToken, modal, openModal, writeStored } from '../support/actions';
import { axe, modalFrame, serious } from '../support/axe';
import { assertPrerequisites, launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';

/**
 * Accessibility and languages in real Chromium: axe-core finds no serious or critical violation on the popup,
 * the options page and the in-page modal, light and dark (screenshots of each go to docs/); and with Chromium
 * started in French, no raw message key and no English string shows anywhere.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
const DOCS = resolve('docs');
const LOCALES = resolve('public/_locales');
type Messages = Record<string, { message: string }>;
const en: Messages = JSON.parse(readFileSync(join(LOCALES, 'en', 'messages.json'), 'utf8'));
const fr: Messages = JSON.parse(readFileSync(join(LOCALES, 'fr', 'messages.json'), 'utf8'));

let server: HostsServer;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  server = await new HostsServer().start();
  server.emulator(emu);
  serveFixtures(server, [fixture]);
  mkdirSync(DOCS, { recursive: true });
});

afterAll(async () => {
  await server?.stop();
});

describe('axe-core and screenshots, light and dark', () => {
  let stint: Stint;
  beforeAll(async () => {
    stint = await launchStint({ port: server.port });
    await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
    // A day with work in it, so the popup shows today's entries, totals and the week.
    const now = new Date();
    const day = (offset: number) => {
      const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const base = { startedAt: null, endedAt: null, running: false, booking: null, createdAt: 1, updatedAt: 1 };
    const task = {
      integration: 'github',
      id: 'octo-org/hello-world#13',
      title: 'Dark mode for settings',
      url: 'https://github.com/octo-org/hello-world/issues/13',
      groupId: 'octo-org/hello-world',
    };
    await writeStored(await stint.worker(), {
      entries: [
        { ...base, id: 'a1', task, notes: '#13 Dark mode for settings', day: day(0), durationMs: 75 * 60_000 },
        { ...base, id: 'a2', task, notes: 'Review with design', day: day(0), durationMs: 20 * 60_000 },
        { ...base, id: 'a3', task: null, notes: 'Team meeting', day: day(0), durationMs: 30 * 60_000 },
        { ...base, id: 'a4', task: null, notes: 'Planning', day: day(1), durationMs: 150 * 60_000 },
        { ...base, id: 'a5', task: null, notes: 'Support', day: day(2), durationMs: 200 * 60_000 },
      ],
    });
    const page = await stint.context.newPage();
    await page.goto(ISSUE_12);
    await openModal(page);
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    await page.locator('stint-button[data-state="running"]').waitFor();
    await page.close();
  });
  afterAll(async () => {
    await stint?.close();
  });

  it.each(['light', 'dark'] as const)('popup (%s)', async (scheme) => {
    const popup = await stint.context.newPage();
    // The popup's real width (main.popup is 360 px; Chrome sizes the popup window to it).
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${stint.extensionId}/popup.html`);
    await popup.locator('.running').waitFor();
    await popup.locator('.today li[data-entry-id]').first().waitFor();
    expect(serious(await axe(popup))).toEqual([]);
    await popup.screenshot({ path: join(DOCS, `popup-${scheme}.png`), fullPage: true });
    await popup.close();
  });

  it.each(['light', 'dark'] as const)('options (%s)', async (scheme) => {
    const options = await stint.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
    await options.locator(`li.account[data-account-id="harvest:${demo.accountId}"]`).waitFor();
    expect(serious(await axe(options))).toEqual([]);
    await options.screenshot({ path: join(DOCS, `options-${scheme}.png`), fullPage: true });
    await options.close();
  });

  it.each(['light', 'dark'] as const)('welcome page, demo form open (%s)', async (scheme) => {
    const welcome = await stint.context.newPage();
    await welcome.setViewportSize({ width: 900, height: 900 });
    await welcome.emulateMedia({ colorScheme: scheme });
    await welcome.goto(`chrome-extension://${stint.extensionId}/welcome.html`);
    await welcome.getByRole('heading', { name: 'Welcome to Stint', level: 1 }).waitFor();
    expect(serious(await axe(welcome))).toEqual([]);
    await welcome.getByRole('button', { name: 'Harvest', exact: true }).click();
    await welcome.getByLabel('Personal Access Token').waitFor();
    expect(serious(await axe(welcome))).toEqual([]);
    await welcome.screenshot({ path: join(DOCS, `welcome-${scheme}.png`), fullPage: true });
    await welcome.close();
  });

  it.each(['light', 'dark'] as const)('modal on a task page, picker open (%s)', async (scheme) => {
    const page = await stint.context.newPage();
    await page.setViewportSize({ width: 1000, height: 720 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('https://github.com/octo-org/hello-world/issues/13');
    await openModal(page);
    expect(serious(await axe(modalFrame(page)))).toEqual([]);
    await modal(page).getByRole('combobox').fill('engine');
    await modal(page).locator('[role="option"]').first().waitFor();
    expect(serious(await axe(modalFrame(page)))).toEqual([]);
    await page.screenshot({ path: join(DOCS, `modal-${scheme}.png`) });
    await page.close();
  });
});

describe('French', () => {
  let context: BrowserContext;
  let profile: string;
  let id: string;
  beforeAll(async () => {
    assertPrerequisites();
    profile = mkdtempSync(join(tmpdir(), 'stint-fr-'));
    // Chromium on Linux takes its UI language from the environment; --lang and the page locale go along.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      locale: 'fr-FR',
      env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
      args: [...chromiumArgs({ resolverRules: `MAP * 127.0.0.1:${server.port}, EXCLUDE localhost` }), '--lang=fr'],
    });
    id = await extensionIdOf(context);
    await welcomePage(context, id);
  });
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /**
   * Every English phrase that French translates (the pieces around placeholders, at least 5 characters), less
   * those French uses too ("minutes", product names).
   */
  const frenchText = Object.values(fr)
    .map((m) => m.message)
    .join('\n');
  const english = Object.keys(en)
    .filter((k) => en[k]?.message !== fr[k]?.message)
    .flatMap((k) => (en[k]?.message ?? '').split(/\$[A-Z0-9_]+\$/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 5 && !/^[\d\s:.,\-()/—]+$/.test(s) && !frenchText.includes(s));
  const asWords = (s: string) => new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
  const keys = Object.keys(en).filter((k) => k.includes('_'));

  /** All text a person can see or hear in a document: rendered text, labels, titles, placeholders. */
  const visible = (target: Page | Frame) =>
    target.evaluate(() => {
      const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((el) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
      );
      return [document.title, document.body.innerText, ...attrs].join('\n');
    });

  function expectFrench(text: string, where: string) {
    expect(
      keys.filter((k) => new RegExp(`\\b${k}\\b`).test(text)),
      `${where}: raw message keys`,
    ).toEqual([]);
    expect(
      english.filter((s) => asWords(s).test(text)),
      `${where}: English strings`,
    ).toEqual([]);
  }

  it('the extension runs in French', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    expect(
      await page.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage()),
    ).toMatch(/^fr/);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^fr/);
    await page.close();
  });

  it('popup, with a running timer, the form and today, shows only French', async () => {
    const page = await context.newPage();
    await page.goto(ISSUE_12);
    // The page's button speaks French too (the content script's strings come from the same locale files).
    await expect.poll(() => page.locator('stint-button').getByRole('button').getAttribute('aria-label')).toBe('Démarrer le minuteur');
    await page.locator('stint-button').getByRole('button').click();
    const frame = page.frameLocator('iframe[title="Minuteur Stint"]');
    await frame.getByRole('button', { name: 'Démarrer le minuteur' }).click();
    await expect.poll(() => page.locator('stint-button').getAttribute('data-state')).toBe('running');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await popup.locator('.running').waitFor();
    await popup.getByRole('button', { name: 'Modifier les notes ou le projet' }).click();
    await popup.getByRole('button', { name: 'Suivre cette page' }).click();
    await popup.locator('.track-page').waitFor();
    expectFrench(await visible(popup), 'popup');
    await popup.locator('.running').getByRole('button', { name: 'Arrêter', exact: true }).click();
    await expect.poll(() => popup.getByTestId('announcer').textContent()).toContain('Minuteur arrêté');
    await popup
      .locator('.today li[data-entry-id]')
      .first()
      .getByRole('button', { name: /^Modifier/ })
      .click();
    expectFrench(await visible(popup), 'popup after stop, editing');
    await Promise.all([page.close(), popup.close()]);
  });

  it('options show only French', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    await page.getByRole('heading', { name: 'Options de Stint' }).waitFor();
    await page.locator('fieldset.chooser').getByRole('button', { name: 'Clockify', exact: true }).click();
    await page.locator('select[name="clockify-region"]').selectOption('custom');
    await page.getByRole('button', { name: 'Réparer un site' }).click();
    expectFrench(await visible(page), 'options');
    await page.close();
  });

  it('the welcome page shows only French, its demo form and link form too', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/welcome.html`);
    await page.getByRole('heading', { name: 'Bienvenue dans Stint', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Suivre le temps' }).click();
    await page.getByRole('button', { name: 'Harvest', exact: true }).click();
    await page.locator('.demo-form').waitFor();
    expectFrench(await visible(page), 'welcome');
    await page.close();
  });

  it('the modal shows only French, its time errors too', async () => {
    const page = await context.newPage();
    await page.goto('https://github.com/octo-org/hello-world/issues/13');
    await page.locator('stint-button').getByRole('button').click();
    const frame = page.frameLocator('iframe[title="Minuteur Stint"]');
    await frame.locator('input[name="time"]').fill('n’importe');
    await frame.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
    await expect.poll(() => frame.getByRole('alert').textContent()).toContain('Formats acceptés');
    expectFrench(await visible(modalFrame(page)), 'modal');
    await page.close();
  });
});
