/**
 * The checks every site integration gets against its own data: example URLs, fixture pages loaded into
 * happy-dom (inline scripts run, so in-page navigation is exercised), hostile titles, garbage URLs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { firstMatch } from '../../../lib/integrations/text';
import type { Integration } from '../../../lib/integrations/types';
import type { FixturePage, SiteFixture } from '../../fixtures/sites/types';

export const HOSTILE = 'Fix <img src=x onerror=alert(1)> & "quotes" <script>alert(2)</script>';

const GARBAGE = [
  'about:blank',
  'data:text/html,<h1>x</h1>',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'https://example.com/',
  'https://example.com/%E0%A4%A/%/issues/',
  'https://example.com/?workitem=1&issue=ABC-1&preview=x',
  'http://[::1]:8080/a/b/c/d/e/f/g/h',
];

type Doc = ParentNode;
const asDoc = (d: unknown) => d as Doc;

/** The folder of a site's fixtures, from a test module's URL. */
export const fixtureDir = (moduleUrl: string, site: string) => join(fileURLToPath(moduleUrl), '../../../fixtures/sites', site);

/** A fixture page as the browser would have it: the file at its real URL, inline scripts run. */
export async function loadPage(dir: string, page: Pick<FixturePage, 'url' | 'file'>) {
  const win = new Window({
    url: page.url,
    settings: {
      // The fixtures' own inline scripts (trusted, in this repository) render the pages as the sites do.
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
    },
  });
  win.document.write(readFileSync(join(dir, page.file), 'utf8'));
  await win.happyDOM.waitUntilComplete();
  return win;
}

function setText(el: Element, value: string) {
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') (el as HTMLInputElement).value = value;
  else el.textContent = value;
}

export function siteSuite(integration: Integration, fixture: SiteFixture, dir: string) {
  const opts = { title: fixture.titleSelector, notTasks: fixture.notTasks };
  const empty = () => asDoc(new Window().document);
  const task = (href: string, doc: Doc, anchor?: Element) => integration.task(new URL(href), doc, anchor);

  describe(`${integration.id}: data`, () => {
    it('has at least 4 example URLs, 2 of them not tasks, and narrow match patterns', () => {
      expect(integration.exampleUrls.length).toBeGreaterThanOrEqual(4);
      expect(integration.exampleUrls.filter((e) => e.taskId === null).length).toBeGreaterThanOrEqual(2);
      expect(integration.matches.length).toBeGreaterThan(0);
      for (const m of integration.matches) expect(m).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\/.*\*$/);
      expect(integration.anchor.length).toBeGreaterThan(0);
    });

    it.each(integration.exampleUrls)('$url → $taskId (URL only, empty document)', ({ url, taskId }) => {
      const t = task(url, empty());
      expect(t?.id ?? null).toBe(taskId);
      if (t) expect(t.title).toBe('');
    });

    it('does not throw on odd documents', () => {
      const win = new Window();
      const docs = [empty(), asDoc(win.document.createDocumentFragment()), asDoc(win.document.createElement('div'))];
      for (const { url } of integration.exampleUrls) for (const d of docs) expect(() => task(url, d)).not.toThrow();
    });

    it.each([...GARBAGE, ...(opts.notTasks ?? [])])('does not claim %s', (href) => {
      expect(() => task(href, empty())).not.toThrow();
      expect(task(href, empty())).toBeNull();
    });
  });

  describe(`${integration.id}: fixture pages`, () => {
    it('is this integration’s fixture, and every navigation target is a page of the same file', () => {
      expect(fixture.integration).toBe(integration.id);
      expect(fixture.pages.some((p) => p.taskId === null)).toBe(true);
      for (const p of fixture.pages) {
        const html = readFileSync(join(dir, p.file), 'utf8');
        expect(html).toMatch(/^<!doctype html>\s*<!--[\s\S]+?-->/i);
        if (p.taskId) expect(p.title, p.url).toBeTypeOf('string');
        if (!p.navigate) continue;
        const target = fixture.pages.find((q) => q.url === p.navigate?.toUrl);
        expect(target?.file, p.navigate.toUrl).toBe(p.file);
        expect(target?.taskId).toBe(p.navigate.taskId);
      }
    });

    it.each(fixture.pages)('$url → $taskId', async (page) => {
      const win = await loadPage(dir, page);
      const doc = asDoc(win.document);
      const anchor = firstMatch(doc, integration.anchor);
      if (page.taskId === null) {
        expect(anchor === null || task(page.url, doc, anchor) === null).toBe(true);
      } else {
        expect(anchor, 'first matching anchor alternative').not.toBeNull();
        if (page.anchor) expect(anchor).toBe(doc.querySelector(page.anchor));
        const t = task(page.url, doc, anchor ?? undefined);
        expect(t?.id).toBe(page.taskId);
        expect(t?.title).toBe(page.title);
      }
      if (page.navigate) {
        const nav = page.navigate;
        (doc.querySelector(nav.click) as HTMLElement | null)?.click();
        await win.happyDOM.waitUntilComplete();
        expect(win.location.href).toBe(nav.toUrl);
        const after = firstMatch(doc, integration.anchor);
        expect(after, 'anchor after navigation').not.toBeNull();
        expect(task(win.location.href, doc, after ?? undefined)?.id).toBe(nav.taskId);
        const target = fixture.pages.find((q) => q.url === nav.toUrl);
        expect(task(win.location.href, doc)?.title).toBe(target?.title);
      }
      await win.happyDOM.close();
    });

    it('reads a hostile title as plain text, whitespace collapsed', async () => {
      const page = fixture.pages.find((p) => p.taskId !== null);
      if (!page) throw new Error('no task page');
      const win = await loadPage(dir, page);
      const doc = asDoc(win.document);
      const el = doc.querySelector(opts.title);
      if (!el) throw new Error(`no ${opts.title}`);
      const images = doc.querySelectorAll('img').length;
      setText(el, `  ${HOSTILE.replace(' & ', ' \n\t & ')}  `);
      const t = task(page.url, doc);
      expect(t?.title).toBe(HOSTILE);
      expect(doc.querySelectorAll('img').length).toBe(images);
      expect(el.children.length).toBe(0);
      await win.happyDOM.close();
    });
  });
}
