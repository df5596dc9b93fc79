/** Page text as data: textContent, whitespace collapsed, bounded. Never innerHTML. */
export function textOf(el: Element | null | undefined, max = 1000): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** The first element matching one of the selector alternatives, in order. */
export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}
