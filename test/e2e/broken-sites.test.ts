import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationById } from '../../lib/integrations';
import type { FixturePage, SiteFixture } from '../fixtures/sites/types';
import { buttons, modal, stored } from '../support/actions';
import { brokenPage, RENAMED_ATTRIBUTES, renamer } from '../support/broken-markup';
import type { Stint } from '../support/browser';
import { fixtureHtml, loadFixtures } from '../support/fixtures';
import type { HostsServer } from '../support/hosts-server';
import { type Rig, startStint } from '../support/rig';

/** A test that applies to some sites only is declared for those only (declared and skipped, it would read as a skip). */
const itIf = (applies: unknown) => (applies ? it : (_name: string, _fn: () => Promise<void>) => undefined);

/**
 * Every site after a redesign that renamed every class name, test id and id at random (test/support/broken-
 * markup.ts; text, roles and ARIA kept), in real Chromium with the production build: each task page still gets
 * exactly one button for the right task, placed by the semantic layer or the dock (or by the integration's own
 * selectors where they name only what a redesign keeps, ARIA), and its click still starts a timer. In-page
 * navigation between two tasks of a broken page: the old button goes, the new one comes.
 * BROKEN_SEED replays another renaming (default 13).
 */

const SEED = Number(process.env.BROKEN_SEED ?? 13);
const names = renamer(SEED);
const fixtures: SiteFixture[] = await loadFixtures();
let rig: Rig;
let server: HostsServer;
let stint: Stint;
/** Which layer placed each broken page's button, printed at the end (the figures of the report). */
const placedBy: string[] = [];

beforeAll(async () => {
  rig = await startStint();
  ({ server, stint } = rig);
});

afterAll(async () => {
  if (placedBy.length > 0) console.log(`Broken variants (seed ${SEED}):\n${placedBy.join('\n')}`);
  await rig?.close();
});

const ID_REFS = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant', 'headers', 'list'];

/**
 * A page as a broken variant must keep it: tags, every attribute but the renamed ones (and the id references
 * following them), text and field values, in order; Stint's own elements left out. Plus the names it carries.
 */
function facts(page: Page) {
  return page.evaluate(
    ([renamed, refs]) => {
      const parts: string[] = [];
      const carried = new Set<string>();
      const walk = (node: Node) => {
        for (const child of node.childNodes) {
          if (child.nodeType === 3) {
            const text = (child as Text).data.replace(/\s+/g, ' ').trim();
            if (text) parts.push(text);
            continue;
          }
          if (child.nodeType !== 1) continue;
          const el = child as Element;
          if (el.localName === 'stint-button' || el.localName === 'stint-dock') continue;
          const attrs = [...el.attributes].map((a) => {
            if (renamed.includes(a.name)) {
              for (const n of a.value.split(/\s+/)) if (n) carried.add(n);
              return `${a.name}=*`;
            }
            if (refs.includes(a.name) || (/^#/.test(a.value) && (a.name === 'href' || a.name === 'data-target'))) return `${a.name}=*`;
            return `${a.name}=${a.value}`;
          });
          parts.push(`<${el.localName} ${attrs.sort().join(' ')}>`);
          if (el.localName === 'input' || el.localName === 'textarea') parts.push(`value=${(el as HTMLInputElement).value}`);
          if (el.localName !== 'style') walk(el);
          parts.push(`</${el.localName}>`);
        }
      };
      walk(document.body);
      return { structure: parts.join('\n'), names: [...carried], title: document.title };
    },
    [RENAMED_ATTRIBUTES, ID_REFS] as const,
  );
}

/** A page at its URL, served as the fixture or as its broken variant, with its one button for `taskId`. */
async function open(fixture: SiteFixture, p: FixturePage, broken: boolean): Promise<Page> {
  const html = fixtureHtml(fixture, p.file);
  server.page(p.url, broken ? brokenPage(html, SEED) : html);
  const page = await stint.context.newPage();
  await page.goto(p.url);
  // The dock waits a moment for the page to render its task; a button moving up a layer stays one button.
  await expect
    .poll(async () => [await buttons(page).count(), await buttons(page).getAttribute('data-task-id')], { timeout: 5000 })
    .toEqual([1, p.taskId]);
  return page;
}

describe.each(fixtures.map((f) => [f.integration, f] as const))('%s, broken', (id, fixture) => {
  const integration = integrationById(id);
  const tasks = fixture.pages.filter((p) => p.taskId !== null);

  it.each(tasks.map((p) => [p.url, p] as const))('%s', async (_url, p) => {
    if (!integration) throw new Error(`no integration ${id}`);
    const original = await open(fixture, p, false);
    const before = await facts(original);
    await original.close();

    const page = await open(fixture, p, true);
    try {
      expect(await buttons(page).getAttribute('data-integration')).toBe(id);
      // The variant is what it claims: the same page, every class, test id and id renamed.
      const after = await facts(page);
      expect(after.structure).toBe(before.structure);
      expect(after.names.length).toBeGreaterThan(0);
      expect(after.names.filter((n) => before.names.includes(n))).toEqual([]);
      // Selectors naming only what a redesign keeps (ARIA, contenteditable) still match: they place it then.
      const survivors: string[] = [];
      for (const selector of integration.anchor) if ((await page.locator(selector).count()) > 0) survivors.push(selector);
      const expected = survivors.length > 0 ? ['selector'] : ['semantic', 'dock'];
      await expect.poll(() => buttons(page).getAttribute('data-layer'), { timeout: 3000 }).toSatisfy((l) => expected.includes(String(l)));
      await page.waitForTimeout(200);
      expect(await buttons(page).count()).toBe(1);
      placedBy.push(
        `${id} ${p.url}: ${await buttons(page).getAttribute('data-layer')}${survivors.length ? ` (${survivors.join(', ')})` : ''}`,
      );

      if (p.navigate) {
        const old = await buttons(page).elementHandle();
        const oldLayer = await buttons(page).getAttribute('data-layer');
        await page.click(names.selector(p.navigate.click));
        await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe(p.navigate.taskId);
        await page.waitForTimeout(200);
        expect(await buttons(page).count()).toBe(1);
        if (p.navigate.taskId !== p.taskId) {
          expect(await page.locator(`stint-button[data-task-id="${p.taskId}"]`).count()).toBe(0);
          // Off a semantic anchor the old button goes and the new task gets its own.
          if (oldLayer === 'semantic') expect(await old?.evaluate((e) => e.isConnected)).toBe(false);
        }
      }
    } finally {
      await page.close();
    }
  });

  const first = tasks[0];
  itIf(first && fixture.meetings)('a click on the broken page still logs the meeting on its time', async () => {
    if (!first) return;
    server.page(first.url, brokenPage(fixtureHtml(fixture, first.file), SEED));
    const page = await stint.context.newPage();
    try {
      await page.goto(first.url);
      await expect.poll(() => buttons(page).count(), { timeout: 5000 }).toBe(1);
      await page.bringToFront();
      await buttons(page).getByRole('button', { name: 'Log this meeting' }).click();
      expect(await modal(page).locator('input[name="time"]').inputValue()).toMatch(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/);
      await modal(page).getByRole('button', { name: 'Save entry' }).click();
      await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
      const entries = await stored<{ task: { integration: string; id: string; title: string } | null }[]>(await stint.worker(), 'entries');
      const saved = entries.filter((e) => e.task?.integration === id && e.task.id === first.taskId);
      expect(saved).toHaveLength(1);
      expect(saved[0]?.task?.title.length, 'a title from the page').toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  itIf(first && !fixture.meetings)('a click on the broken page still starts a timer for the task, and stops it', async () => {
    if (!first) return;
    server.page(first.url, brokenPage(fixtureHtml(fixture, first.file), SEED));
    const page = await stint.context.newPage();
    try {
      await page.goto(first.url);
      await expect.poll(() => buttons(page).count(), { timeout: 5000 }).toBe(1);
      await page.bringToFront();
      await buttons(page).getByRole('button').click();
      await modal(page).getByRole('button', { name: 'Start timer' }).click();
      await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
      const timer = await stored<{ running: boolean; task: { integration: string; id: string; title: string } }>(
        await stint.worker(),
        'timer',
      );
      expect(timer).toMatchObject({ running: true, task: { integration: id, id: first.taskId } });
      expect(timer.task.title.length, 'a title from the page').toBeGreaterThan(0);
      await buttons(page).getByRole('button').click();
      await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    } finally {
      await page.close();
    }
  });
});
