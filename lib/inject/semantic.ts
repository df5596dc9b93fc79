import type { Integration, Placement } from '../integrations/types';

/**
 * The semantic layer: where a task page's button goes when none of the integration's selectors matches (the
 * site shipped a new layout), found without any site class name: the element showing the task's title, else
 * the page's main heading, else an element labelled as the title. Pure DOM reads, bounded to `root`.
 */

/** What placed a task page's button, best first (DESIGN.md "Where a button goes"). */
export const LAYERS = ['selector', 'semantic', 'dock'] as const;
export type Layer = (typeof LAYERS)[number];
export const LAYER_RANK: Record<Layer, number> = { selector: 3, semantic: 2, dock: 1 };

export interface Found {
  anchor: Element;
  placement: Placement;
  /** The title this anchor shows (the matched title, or the heading's text). */
  title: string;
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The task's title in a document or og: title, as the site writes it (see Integration.pageTitle); '' if none. */
export function titleIn(text: string | null | undefined, integration: Pick<Integration, 'name' | 'pageTitle'>): string {
  const pattern = integration.pageTitle ?? new RegExp(`^(.+?) [-|·–—] ${esc(integration.name)}$`);
  return norm(pattern.exec(norm(text))?.[1]);
}

/** Titles the page gives its task, best first: the integration's own reading, og:title, then document.title. */
export function pageTitles(doc: Document, integration: Pick<Integration, 'name' | 'pageTitle'>, known: string): string[] {
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
  const all = [norm(known), titleIn(og, integration), titleIn(doc.title, integration)];
  return [...new Set(all.filter(Boolean))];
}

/** Rendered (not display:none, not visibility:hidden); where the browser cannot tell (unit tests), assumed so. */
export const isVisible = (el: Element): boolean =>
  // checkVisibilityCSS: the same option's older name (Firefox before 125).
  typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true }) : true;

const OURS = 'stint-button, stint-dock';
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'title']);
const HEADING = /^h[1-6]$/;
const isHeading = (el: Element) => HEADING.test(el.localName) || el.getAttribute('role') === 'heading';
const size = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize) || 0;

/** Visible elements inside `root` whose text (or a field's value) is exactly `title`: the deepest of each run. */
function showing(root: Element, title: string, visible: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  const fields = root.matches('input, textarea') ? [root] : root.querySelectorAll('input, textarea');
  for (const field of fields) if (norm((field as HTMLInputElement).value) === title) found.push(field);
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    // A title split over inline elements starts with one of its text nodes; anything longer is not it.
    if (data.length > title.length + 200) continue;
    const text = norm(data);
    if (!text || !title.startsWith(text)) continue;
    for (let el = node.parentElement, depth = 0; el && depth < 4; el = el.parentElement, depth++) {
      if (SKIP.has(el.localName)) break;
      const all = norm(el.textContent);
      if (all === title) {
        found.push(el);
        break;
      }
      if (all.length > title.length) break;
    }
  }
  return found.filter((el) => !el.closest(OURS) && visible(el));
}

/** Headings the page marks as its main one: in an open dialog first (a task opened over a board), then in main. */
const headingsIn = (scopes: string[], level = 1) =>
  scopes.map((s) => `${s} h${level}, ${s} [role=heading][aria-level="${level}"]`).join(', ');
const DIALOGS = ['[role=dialog]', 'dialog[open]'];
const MAINS = ['main', '[role=main]'];
/** A dialog's own title is often an h2 (the page keeps the h1); main's is its h1. */
const HEADINGS = [headingsIn(DIALOGS), headingsIn(DIALOGS, 2), headingsIn(MAINS)];
const LABELLED = '[aria-label*="title" i], [data-testid*="title" i]';

function first(root: Element, selector: string, visible: (el: Element) => boolean): Element | null {
  const list = root.matches(selector) ? [root, ...root.querySelectorAll(selector)] : root.querySelectorAll(selector);
  for (const el of list) if (!el.closest(OURS) && visible(el)) return el;
  return null;
}

/** What an anchor shows: a field's value, else its text. */
export const textAt = (el: Element): string =>
  norm(el.localName === 'input' || el.localName === 'textarea' ? (el as HTMLInputElement).value : el.textContent);

/** A heading gets the button inside, on its line; anything else (fields, editors, inline text) right after it. */
const placementFor = (el: Element): Placement => (isHeading(el) && !(el as HTMLElement).isContentEditable ? 'append' : 'after');

/** The semantic anchor inside `root` (root included) for a task the page titles `titles`, or null. */
export function findSemantic(root: Element, titles: readonly string[], visible = isVisible): Found | null {
  for (const title of titles) {
    // The biggest text wins: a title is set large, a breadcrumb or a list row repeating it is not.
    const best = showing(root, title, visible).reduce<Element | null>((a, b) => (a && size(a) >= size(b) ? a : b), null);
    if (best) return { anchor: best, placement: placementFor(best), title };
  }
  for (const selector of [...HEADINGS, LABELLED]) {
    const el = first(root, selector, visible);
    if (el) return { anchor: el, placement: placementFor(el), title: textAt(el) };
  }
  return null;
}
