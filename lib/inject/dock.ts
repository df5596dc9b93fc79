import { t } from '../i18n';
import { DOCK_TAG } from './injector';

/**
 * The dock: the last layer of a task page's button, when the page names its task but shows nowhere to put it.
 * A `<stint-dock>` fixed to a corner of the viewport holding the usual `<stint-button>` (same contract, one per
 * task) and a button hiding the dock on this site. Appended last to <html>, so it is last in the tab order.
 * It takes the first corner where it covers none of the page's controls, and looks again after the window is
 * resized or a scroll ends (events, no polling).
 */

const CSS = `
:host { all: initial; position: fixed; z-index: 2147483646; display: flex; align-items: center; gap: 2px;
  padding: 3px; border-radius: 16px; background: #fff; box-shadow: 0 1px 4px #0004; }
:host([data-corner$="right"]) { right: 12px; } :host([data-corner$="left"]) { left: 12px; }
:host([data-corner^="bottom"]) { bottom: 12px; } :host([data-corner^="top"]) { top: 12px; }
button { all: unset; box-sizing: border-box; width: 24px; height: 24px; border-radius: 12px; text-align: center;
  font: 16px/22px system-ui, sans-serif; cursor: pointer; color: #59636e; }
button:hover { background: #eef1f4; }
button:focus-visible { outline: 2px solid #2f6feb; outline-offset: 1px; }
@media (prefers-color-scheme: dark) { :host { background: #161b22; box-shadow: 0 1px 4px #000a; } button { color: #9198a1; }
  button:hover { background: #2b3138; } }
`;

const CORNERS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
/** What a person can click or type into; a container merely focusable by script (tabindex -1) is not. */
const CONTROL =
  'a[href], button, input, select, textarea, summary, label, [role=button], [role=link], [role=tab], [role=menuitem], [role=textbox], [contenteditable=""], [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

/** How many probe points of the dock's box land on one of the page's controls (what is on top there). */
function covered(dock: HTMLElement): number {
  const r = dock.getBoundingClientRect();
  const xs = [r.left + 2, r.left + r.width / 2, r.right - 2];
  const ys = [r.top + 2, r.top + r.height / 2, r.bottom - 2];
  let hits = 0;
  for (const x of xs) {
    for (const y of ys) {
      const top = dock.ownerDocument.elementsFromPoint(x, y).find((el) => el !== dock && !dock.contains(el));
      if (top?.closest(CONTROL)) hits++;
    }
  }
  return hits;
}

/** Moves the dock to the first corner where it covers no control (else the one covering fewest). */
export function settle(dock: HTMLElement): void {
  let best: { corner: string; hits: number } | null = null;
  for (const corner of CORNERS) {
    dock.dataset.corner = corner;
    const hits = covered(dock);
    if (hits === 0) return;
    if (!best || hits < best.hits) best = { corner, hits };
  }
  if (best) dock.dataset.corner = best.corner;
}

export function createDock(host: HTMLElement, onHide: () => void, signal: AbortSignal): HTMLElement {
  const dock = document.createElement(DOCK_TAG);
  const root = dock.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const hide = document.createElement('button');
  hide.type = 'button';
  hide.textContent = '×';
  hide.setAttribute('aria-label', t('dock_hide'));
  hide.title = t('dock_hide');
  hide.addEventListener('click', (event) => {
    // A page script cannot hide it either.
    if (event.isTrusted) onHide();
  });
  root.append(style, document.createElement('slot'), hide);
  dock.dataset.corner = CORNERS[0];
  dock.append(host);
  // Placed once it is in the page (the injector appends it before this microtask runs), and again when what lies under it may have changed.
  const gone = new AbortController();
  const stop = () => gone.abort();
  signal.addEventListener('abort', stop, { once: true });
  const again = () => (dock.isConnected ? settle(dock) : stop());
  queueMicrotask(again);
  for (const type of ['resize', 'scrollend']) window.addEventListener(type, again, { capture: true, passive: true, signal: gone.signal });
  return dock;
}
