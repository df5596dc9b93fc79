import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { basecamp as integration } from '../../../lib/integrations/basecamp';
import { firstMatch } from '../../../lib/integrations/text';
import { fixture } from '../../fixtures/sites/basecamp/fixture';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/sites/basecamp');
const HOSTILE = 'Fix <img src=x onerror=alert(1)> in   preview';

/** Loads a fixture page at its real URL into the happy-dom document and runs its inline scripts, as a browser would. */
function load(url: string, file: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  const parsed = new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html');
  for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
  for (const name of parsed.body.getAttributeNames()) document.body.setAttribute(name, parsed.body.getAttribute(name) ?? '');
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  for (const script of document.querySelectorAll('script')) (0, eval)(script.textContent ?? '');
}

const here = () => new URL(location.href);

describe('basecamp integration', () => {
  it.each(integration.exampleUrls)('$url → $taskId', ({ url, taskId }) => {
    document.body.innerHTML = '';
    const task = integration.task(new URL(url), document);
    expect(task?.id ?? null).toBe(taskId);
    if (task) expect(task.title).toBe('');
  });

  it('returns null for garbage URLs without throwing', () => {
    const garbage = [
      'https://3.basecamp.com/',
      'https://3.basecamp.com/5550001',
      'https://3.basecamp.com/5550001/buckets/3330001/todos/',
      'https://3.basecamp.com/5550001/buckets/3330001/todos/abc',
      'https://3.basecamp.com/abc/buckets/3330001/todos/1',
      'https://3.basecamp.com/5550001/buckets/3330001/messages/1',
      'https://3.basecamp.com/%E0%A4%A',
      `https://3.basecamp.com/${'1/'.repeat(3000)}`,
      'about:blank',
    ];
    for (const url of garbage) expect(integration.task(new URL(url), document), url).toBeNull();
  });

  it('reads a hostile title as plain text', () => {
    const page = fixture.pages.find((p) => p.taskId !== null);
    if (!page) throw new Error('fixture has no task page');
    load(page.url, page.file);
    const anchor = firstMatch(document, integration.anchor);
    if (!anchor) throw new Error('no anchor');
    anchor.textContent = HOSTILE;
    expect(integration.task(here(), document, anchor)?.title).toBe('Fix <img src=x onerror=alert(1)> in preview');
    expect(document.querySelector('img')).toBeNull();
  });

  it('lists every navigation target as a page served by the same file', () => {
    for (const page of fixture.pages) {
      if (!page.navigate) continue;
      const target = fixture.pages.find((p) => p.url === page.navigate?.toUrl);
      expect(target?.file, page.navigate.toUrl).toBe(page.file);
      expect(target?.taskId).toBe(page.navigate.taskId);
    }
  });

  describe.each(fixture.pages)('fixture $url', (page) => {
    it(`yields ${page.taskId ?? 'no task'}`, () => {
      load(page.url, page.file);
      const anchor = firstMatch(document, integration.anchor);
      if (page.taskId === null) {
        expect(anchor && integration.task(here(), document, anchor)).toBeFalsy();
        return;
      }
      if (!anchor) throw new Error(`no anchor alternative matches ${page.file}`);
      if (page.anchor) expect(anchor.matches(page.anchor)).toBe(true);
      const task = integration.task(here(), document, anchor);
      expect(task?.id).toBe(page.taskId);
      expect(task?.title).toBe(page.title);
      // The title must also be found without the anchor (the popup's "Track this page" path).
      expect(integration.task(here(), document)?.title).toBe(page.title);
    });

    if (page.navigate) {
      const nav = page.navigate;
      it(`navigates in-page to ${nav.toUrl}`, () => {
        load(page.url, page.file);
        const link = document.querySelector(nav.click);
        if (!(link instanceof HTMLElement)) throw new Error(`no element for ${nav.click}`);
        link.click();
        expect(location.href).toBe(nav.toUrl);
        const anchor = firstMatch(document, integration.anchor);
        if (!anchor) throw new Error('no anchor after navigation');
        const task = integration.task(here(), document, anchor);
        expect(task?.id).toBe(nav.taskId);
        expect(task?.title).toBe(fixture.pages.find((p) => p.url === nav.toUrl)?.title);
      });
    }
  });
});
