import { beforeEach, describe, expect, it } from 'vitest';
import { findSemantic, pageTitles, titleIn } from './semantic';

const site = { name: 'Acme Tracker', pageTitle: undefined };
const html = (s: string) => {
  document.body.innerHTML = s;
  return document.body;
};
/** happy-dom lays nothing out: hidden means the `hidden` attribute here, as the browser's checkVisibility would say. */
const visible = (el: Element) => !el.closest('[hidden]');

beforeEach(() => {
  document.head.innerHTML = '';
  document.title = '';
});

describe('titles a page gives its task', () => {
  it("trims the site's suffix by default, or applies the integration's pattern; a title not in that form names nothing", () => {
    expect(titleIn('Fix login – Acme Tracker', site)).toBe('Fix login');
    expect(titleIn('Fix login | Acme Tracker', site)).toBe('Fix login');
    expect(titleIn('Acme Tracker', site)).toBe('');
    const gh = { name: 'GitHub', pageTitle: /^(.+?) · (?:Issue|Pull Request) #\d+ · / };
    expect(titleIn('Crash on save · Issue #12 · octo/repo · GitHub', gh)).toBe('Crash on save');
    expect(titleIn('Issues · octo/repo', gh)).toBe('');
  });

  it('takes the integration’s own reading, then og:title, then document.title, once each', () => {
    document.title = 'From the tab – Acme Tracker';
    document.head.insertAdjacentHTML('beforeend', '<meta property="og:title" content="From og – Acme Tracker">');
    expect(pageTitles(document, site, '')).toEqual(['From og', 'From the tab']);
    expect(pageTitles(document, site, '  From   og ')).toEqual(['From og', 'From the tab']);
  });
});

describe('the semantic anchor', () => {
  it('is the element showing the title, the biggest of several, the deepest of nested ones', () => {
    const body = html(`<nav><a href="/t/1"><span>Fix login</span></a></nav>
      <div class="x9"><div class="q1" style="font-size:28px"><span>Fix login</span></div></div>`);
    const found = findSemantic(body, ['Fix login'], visible);
    expect(found?.anchor.className).toBe('');
    expect(found?.anchor.parentElement?.className).toBe('q1');
    expect(found).toMatchObject({ placement: 'after', title: 'Fix login' });
  });

  it('finds a title split over inline elements, and a field whose value is the title', () => {
    const body = html('<h2 class="a"><code>tea login</code> fails with SSH</h2><input value="Other">');
    expect(findSemantic(body, ['tea login fails with SSH'], visible)?.anchor.className).toBe('a');
    const input = document.querySelector('input');
    if (input) input.value = 'Edit me';
    expect(findSemantic(body, ['Edit me'], visible)?.anchor).toBe(input);
  });

  it('skips hidden elements, scripts and Stint’s own', () => {
    const body = html('<p hidden>Fix login</p><script>"Fix login"</script><stint-button><span>Fix login</span></stint-button>');
    expect(findSemantic(body, ['Fix login'], visible)).toBeNull();
  });

  it('else is the main heading: an open dialog’s first, then main’s; a heading gets the button on its line', () => {
    const body = html(`<h1>Site</h1><main><h1 id="m">Board</h1>
      <div role="dialog"><div role="heading" aria-level="1" id="d">Card</div></div></main>`);
    expect(findSemantic(body, [], visible)).toMatchObject({ anchor: { id: 'd' }, placement: 'append', title: 'Card' });
    document.querySelector('[role=dialog]')?.remove();
    expect(findSemantic(body, ['Not shown'], visible)?.anchor.id).toBe('m');
  });

  it('else an element labelled as the title; else nothing', () => {
    const body = html('<div><textarea aria-label="Card title">x</textarea></div>');
    expect(findSemantic(body, [], visible)).toMatchObject({ anchor: { localName: 'textarea' }, placement: 'after' });
    expect(findSemantic(html('<h1>Not in main</h1><div data-testid="x9">y</div>'), [], visible)).toBeNull();
  });

  it('looks inside the given root only (an added subtree), the root included', () => {
    html('<main><h1>Old</h1></main><section id="added"><h2>New title</h2></section>');
    const added = document.getElementById('added') as Element;
    expect(findSemantic(added, ['Old'], visible)).toBeNull();
    expect(findSemantic(added, ['New title'], visible)?.anchor.localName).toBe('h2');
    expect(findSemantic(added.firstElementChild as Element, ['New title'], visible)?.anchor.localName).toBe('h2');
  });
});
