import type { Integration, TaskInfo } from '../integrations/types';
import { place } from './anchors';
import type { Mount } from './injector';

/**
 * Buttons placed from the pointer and keyboard focus (types.ts `hover`): a chat's message shows its hover actions
 * only while hovered or focused, and while a list scrolls under a still pointer they move at every frame. Watching
 * the page for them cost a MutationObserver callback per frame however little it did. The pointer's own moves
 * (`pointermove`; `pointerdown` for a tap) and focus say where the button is wanted. The browser's boundary events
 * (`pointerover`, `mouseover`) are not listened to: while a list scrolls under a still pointer they come at every
 * frame, for actions no one is pointing at; the button joins them at the pointer's first move, before it can reach
 * them. One listener per event type on the document, capturing (a page handler cannot swallow it), passive. When the
 * row's actions are not shown yet (the site renders them after the event), that one row is watched until they
 * appear or another row is pointed at.
 */

export const POINTER_EVENTS = ['pointermove', 'pointerdown', 'focusin'] as const;

export interface HoverTarget {
  integration: Integration;
  /** The task's element, found from the event's target. */
  row: string;
  /** The anchors that show inside a hovered or focused row, as one selector. */
  anchor: string;
}

interface State extends HoverTarget {
  /** The row last pointed at or focused. */
  current: Element | null;
  /** Whether that row's actions are awaited (`watch` observes it). */
  waiting: boolean;
  watch: MutationObserver;
}

export interface PointerOptions {
  targets: readonly HoverTarget[];
  doc: Document;
  signal: AbortSignal;
  /** Puts the integration's button at `anchor` (inside a row under the pointer or focus). */
  placeAt(integration: Integration, anchor: Element): void;
  /** The element the integration's button sits in, while on the page. */
  placedIn(integration: Integration): Element | null;
}

export function followPointer(opts: PointerOptions): void {
  if (opts.targets.length === 0) return;
  const states = opts.targets.map((t) => {
    const state: State = { ...t, current: null, waiting: false, watch: new MutationObserver(() => shown(state)) };
    return state;
  });

  /** Places the button in the current row's anchor if the row shows one; false when it does not (yet). */
  function tryPlace(s: State): boolean {
    const anchor = s.current?.querySelector(s.anchor);
    if (!anchor) return false;
    if (opts.placedIn(s.integration) !== anchor) opts.placeAt(s.integration, anchor);
    return true;
  }

  function shown(s: State) {
    if (!tryPlace(s)) return;
    s.waiting = false;
    s.watch.disconnect(); // drops the records of our own insertion too
  }

  /** The row's actions are not shown yet (the site renders them after the event): that row alone is watched. */
  function wait(s: State, row: Element) {
    s.waiting = true;
    s.watch.observe(row, { childList: true, subtree: true });
  }

  function onEvent(event: Event) {
    const target = event.target as Node | null;
    if (target?.nodeType !== 1) return;
    for (const s of states) {
      const row = (target as Element).closest(s.row);
      if (!row) continue;
      if (row === s.current) {
        // The same row: nothing to do while its actions are awaited or hold the button.
        if (s.waiting) continue;
        const at = opts.placedIn(s.integration);
        if (at && row.contains(at)) continue;
      }
      s.current = row;
      if (s.waiting) {
        s.waiting = false;
        s.watch.disconnect();
      }
      if (!tryPlace(s)) wait(s, row);
    }
  }

  // What shows already (a message focused before this script ran): one look at the page, at start only.
  for (const s of states) {
    const anchor = opts.doc.querySelector(s.anchor);
    const row = anchor?.closest(s.row);
    if (anchor && row) {
      s.current = row;
      opts.placeAt(s.integration, anchor);
    }
  }
  for (const type of POINTER_EVENTS) opts.doc.addEventListener(type, onEvent, { passive: true, capture: true, signal: opts.signal });
  opts.signal.addEventListener('abort', () => {
    for (const s of states) s.watch.disconnect();
  });
}

export interface HoverOptions {
  /** The page's integrations; those with `hovered` (./anchors.ts `prepared`) are placed from the pointer. */
  integrations: readonly (Integration & { hovered?: { row: string; anchor: string } })[];
  doc: Document;
  signal: AbortSignal;
  /** The task of the row whose anchor this is (its id alone: types.ts `taskId`). */
  taskAt(integration: Integration, anchor: Element): TaskInfo | null;
  create(integration: Integration, task: TaskInfo, anchor: Element): HTMLElement;
  update(host: HTMLElement, task: TaskInfo): void;
}

/** Each pointer-placed integration's one button, moved to the row under the pointer or focus. */
export function startHover(opts: HoverOptions) {
  const hovered = new Map<Integration, Mount>();

  function placeAt(i: Integration, anchor: Element) {
    const m = hovered.get(i);
    const task = opts.taskAt(i, anchor);
    if (!task) return;
    let host: HTMLElement;
    if (m) {
      host = m.host;
      // Re-labelled when its task changed, or back from off the page (the timer may have changed meanwhile).
      if (m.task.id !== task.id || !host.isConnected) opts.update(host, task);
    } else {
      host = opts.create(i, task, anchor);
      host.dataset.layer = 'selector';
    }
    place(host, anchor, i.placement);
    hovered.set(i, { integration: i, anchor, placement: i.placement, host, task, layer: 'selector' });
  }

  followPointer({
    targets: opts.integrations.flatMap((integration) => (integration.hovered ? [{ integration, ...integration.hovered }] : [])),
    doc: opts.doc,
    signal: opts.signal,
    placeAt,
    placedIn: (i) => {
      const host = hovered.get(i)?.host;
      return host?.isConnected ? host.parentElement : null;
    },
  });
  opts.signal.addEventListener('abort', () => {
    for (const m of hovered.values()) m.host.remove();
  });

  return {
    mounts: () => [...hovered.values()],
    /** In-page navigation: each button's task read again from the new URL (gone when the URL names none). */
    navigated() {
      for (const m of [...hovered.values()]) {
        const task = m.anchor.isConnected ? opts.taskAt(m.integration, m.anchor) : null;
        if (!task) {
          m.host.remove();
          hovered.delete(m.integration);
        } else if (task.id !== m.task.id) {
          m.task = task;
          opts.update(m.host, task);
        }
      }
    },
  };
}
