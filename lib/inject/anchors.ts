import type { Integration, Placement } from '../integrations/types';
import { DOCK_TAG, HOST_TAG } from './injector';

/** Where a button goes, by selector: the helpers the injector (./injector.ts) and the pointer (./hover.ts) share. */

export function place(host: Element, anchor: Element, placement: Placement): void {
  if (placement === 'before') anchor.before(host);
  else if (placement === 'after') anchor.after(host);
  else if (placement === 'prepend') anchor.prepend(host);
  else anchor.append(host);
}

/** A selector the browser accepts (a user's override may not be one): checked once, on an empty fragment. */
export function valid(selector: string, doc: Document): boolean {
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    console.warn(`Stint: ignoring an invalid selector: ${selector}`);
    return false;
  }
}

/**
 * An integration as the injector uses it: its valid selectors, and of an integration placed from the pointer
 * (types.ts `hover`), `anchor` without the hover alternatives (those are never watched for) and `hover.anchor`
 * as one selector.
 */
export function prepared(i: Integration, doc: Document): Integration & { hovered?: { row: string; anchor: string } } {
  const anchor = i.anchor.filter((s) => valid(s, doc));
  if (!i.hover) return { ...i, anchor };
  const hover = i.hover.anchor.filter((s) => valid(s, doc));
  return {
    ...i,
    anchor: anchor.filter((s) => !hover.includes(s)),
    hovered: valid(i.hover.row, doc) && hover.length > 0 ? { row: i.hover.row, anchor: hover.join(',') } : undefined,
  };
}

/**
 * Anchors of an integration inside `root` (root included): a single-task one's first, in selector-alternative
 * order; a many-task one's all, in document order (one query for all its alternatives).
 */
export function anchorsIn(root: Element | Document, integration: Integration): Element[] {
  if (integration.multiple) {
    const all = integration.anchor.join(',');
    if (!all) return [];
    const found = [...root.querySelectorAll(all)];
    return root instanceof Element && root.matches(all) ? [root, ...found] : found;
  }
  for (const selector of integration.anchor) {
    const el = root instanceof Element && root.matches(selector) ? root : root.querySelector(selector);
    if (el) return [el];
  }
  return [];
}

/**
 * Buttons (and docks) left by a previous instance of this content script (extension updated or reloaded); another
 * site's script on the same page (a self-hosted domain) keeps its own.
 */
export function removeLeftovers(doc: Document, integrations: readonly Integration[]): void {
  const ours = new Set(integrations.map((i) => i.id));
  for (const old of doc.querySelectorAll<HTMLElement>(HOST_TAG)) {
    if (!ours.has(old.dataset.integration ?? '')) continue;
    if (old.parentElement?.localName === DOCK_TAG) old.parentElement.remove();
    old.remove();
  }
}
