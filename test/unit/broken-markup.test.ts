import { describe, expect, it } from 'vitest';
import { brokenPage, renamer } from '../support/broken-markup';

const PAGE = `<!doctype html><html><head><title>T</title><style>.title{color:red} #main > h1 .num, [data-testid="x.y"]{margin:0}</style></head>
<body><!-- class="kept" --><main id="main" class="app main"><h1 class="title" data-testid="issue.title" aria-label="Issue title" role="heading">Fix <b class="x">it</b> now</h1>
<label for="q">Search</label><input id="q" aria-describedby="q-help main" data-qa="search"><a href="#main" class="skip">Skip</a><a href="/x#frag">link</a>
<div data-cy='panel' data-other="keep">.title #main</div></main><script>document.querySelector('.title')</script></body></html>`;

describe('broken variants of fixtures', () => {
  it('renames classes, ids and test ids everywhere the markup and styles carry them, the same way each time', () => {
    const r = renamer(7);
    const out = r.page(PAGE);
    const left = [...out.matchAll(/\s(?:class|id|data-testid|data-qa|data-cy)=["']([^"']*)["']/g)].flatMap((m) =>
      (m[1] ?? '').split(/[\s.]/),
    );
    expect(left.filter((n) => ['app', 'main', 'title', 'issue', 'x', 'skip', 'panel', 'search', 'q'].includes(n))).toEqual([]);
    expect(out).toContain(`class="${r.rename('app')} ${r.rename('main')}"`);
    expect(out).toContain(`id="${r.rename('main')}"`);
    expect(out).toContain(`data-testid="${r.rename('issue')}.${r.rename('title')}"`);
    expect(out).toContain(`for="${r.rename('q')}"`);
    expect(out).toContain(`aria-describedby="${r.rename('q-help')} ${r.rename('main')}"`);
    expect(out).toContain(`href="#${r.rename('main')}"`);
    expect(out).toContain(`.${r.rename('title')}{color:red}`);
    expect(out).toContain(`#${r.rename('main')} > h1 .${r.rename('num')}`);
    expect(renamer(7).page(PAGE)).toBe(out);
    expect(renamer(8).page(PAGE)).not.toBe(out);
  });

  it('keeps text, roles, ARIA labels, other attributes, comments and scripts as they are', () => {
    const out = renamer(7).page(PAGE);
    for (const kept of [
      'Fix <b',
      '>it</b> now',
      'aria-label="Issue title"',
      'role="heading"',
      'data-other="keep"',
      'href="/x#frag"',
      '<!-- class="kept" -->',
      '>.title #main</div>',
      "<script>document.querySelector('.title')</script>",
    ])
      expect(out).toContain(kept);
  });

  it("translates the page scripts' selectors to the new names, test-id prefixes and suffixes included", () => {
    const r = renamer(3);
    expect(r.selector('a.js-title:not(.x), #go-12 > [data-testid$="card-view.key"]')).toBe(
      `a.${r.rename('js-title')}:not(.${r.rename('x')}), #${r.rename('go-12')} > [data-testid$="${r.rename('card-view')}.${r.rename('key')}"]`,
    );
    expect(r.selector('[aria-label="Task Name"] textarea[data-test="a"]')).toBe(
      `[aria-label="Task Name"] textarea[data-test="${r.rename('a')}"]`,
    );
    // A name already new is left alone (a script reading it back from the markup and looking it up again).
    expect(r.rename(r.rename('x'))).toBe(r.rename('x'));
  });

  it('serves the page with a prelude first in <head>, before any page script', () => {
    const out = brokenPage(PAGE, 5);
    expect(out.indexOf('<script>(function (seed, given)')).toBe(out.indexOf('<head>') + '<head>'.length);
    expect(out).toContain('install();})(5, [');
  });
});
