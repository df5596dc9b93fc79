import type { Integration, Placement, TaskInfo } from '../integrations/types';

/**
 * The single observer behind every button on a page. One MutationObserver for all integrations and anchors;
 * per mutation batch it checks the buttons it placed are still attached, rescans the page only when the URL
 * changed (in-page navigation), and otherwise looks only at the nodes that were added (never a whole-document
 * query per batch). Once every integration of the page is single-task and has its button — the usual state of
 * a task page — it stops watching the page and watches only the buttons' anchors and their ancestors (child
 * lists, no subtree): a feed or editor churning elsewhere then costs nothing, and the anchor (or any ancestor)
 * leaving brings the page-wide watch back, with one look at the whole page.
 * Idempotent: one button per anchor, and one per page for single-task integrations.
 */

export const HOST_TAG = 'stint-button';

export interface Mount {
  integration: Integration;
  anchor: Element;
  host: HTMLElement;
  task: TaskInfo;
}

export interface InjectorOptions {
  integrations: readonly Integration[];
  /** Builds the button host for a task. */
  create(integration: Integration, task: TaskInfo, anchor: Element): HTMLElement;
  /** The task at a mounted anchor changed (in-page navigation reused the element). */
  update(host: HTMLElement, task: TaskInfo): void;
  signal: AbortSignal;
  doc?: Document;
  /** The page URL (tests pass their own). */
  href?: () => string;
}

export function place(host: Element, anchor: Element, placement: Placement): void {
  if (placement === 'before') anchor.before(host);
  else if (placement === 'after') anchor.after(host);
  else if (placement === 'prepend') anchor.prepend(host);
  else anchor.append(host);
}

/** A selector the browser accepts (a user's override may not be one): checked once, on an empty fragment. */
function valid(selector: string, doc: Document): boolean {
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    console.warn(`Stint: ignoring an invalid selector: ${selector}`);
    return false;
  }
}

/** Anchors of an integration inside `root` (root included), in selector-alternative order. */
function anchorsIn(root: Element | Document, integration: Integration): Element[] {
  const found: Element[] = [];
  for (const selector of integration.anchor) {
    if (root instanceof Element && root.matches(selector)) found.push(root);
    if (integration.multiple) found.push(...root.querySelectorAll(selector));
    else {
      const el = found[0] ?? root.querySelector(selector);
      if (el) return [el];
    }
  }
  return integration.multiple ? [...new Set(found)] : [];
}

export function startInjector(opts: InjectorOptions) {
  const doc = opts.doc ?? document;
  const href = opts.href ?? (() => location.href);
  const mounts = new Map<Element, Mount>();
  let lastHref = href();
  const integrations = opts.integrations.map((i) => ({ ...i, anchor: i.anchor.filter((s) => valid(s, doc)) }));
  /** Single-task integrations whose button is up. */
  const done = new Set<Integration>();
  /** What the observer watches: the whole page, or only the mounted anchors' ancestor chains. */
  let mode: 'page' | 'anchors' | null = null;
  /** Bumped when a button comes or goes; the anchor chains are re-observed when it moved. */
  let version = 0;
  let watched = -1;
  /** Integrations still looking for anchors, and all their selectors as one (null: recompute). */
  let wanted: { list: Integration[]; selector: string } | null = null;
  function looking() {
    if (!wanted) {
      const list = integrations.filter((i) => i.multiple || !done.has(i));
      wanted = { list, selector: list.flatMap((i) => i.anchor).join(',') };
    }
    return wanted;
  }

  const keyOf = (i: Integration, t: TaskInfo) => `${i.id}:${t.id}`;

  function unmount(m: Mount) {
    m.host.remove();
    mounts.delete(m.anchor);
    version++;
    if (done.delete(m.integration)) wanted = null;
  }

  function mount(integration: Integration, anchor: Element, url: URL) {
    if (mounts.has(anchor)) return;
    if (done.has(integration)) return;
    let task: TaskInfo | null = null;
    try {
      task = integration.task(url, doc, anchor);
    } catch (err) {
      console.warn(`Stint: ${integration.id} could not read this page`, err);
    }
    if (!task) return;
    const host = opts.create(integration, task, anchor);
    place(host, anchor, integration.placement);
    mounts.set(anchor, { integration, anchor, host, task });
    version++;
    if (!integration.multiple) {
      done.add(integration);
      wanted = null;
    }
  }

  function scan(roots: readonly (Element | Document)[], list: readonly Integration[] = integrations) {
    const url = new URL(href());
    for (const integration of list) {
      for (const root of roots) {
        for (const anchor of anchorsIn(root, integration)) mount(integration, anchor, url);
      }
    }
  }

  /** Drops buttons whose anchor left the page; puts back buttons the host app wiped while the anchor stayed. */
  function checkAttached() {
    for (const m of [...mounts.values()]) {
      if (!m.anchor.isConnected) unmount(m);
      else if (!m.host.isConnected) place(m.host, m.anchor, m.integration.placement);
    }
  }

  /** After in-page navigation: re-read every mounted task from the new URL, then look at the whole page once. */
  function navigated() {
    const url = new URL(href());
    for (const m of [...mounts.values()]) {
      let task: TaskInfo | null = null;
      try {
        task = m.integration.task(url, doc, m.anchor);
      } catch {
        task = null;
      }
      if (!task) unmount(m);
      else if (keyOf(m.integration, task) !== keyOf(m.integration, m.task)) {
        m.task = task;
        opts.update(m.host, task);
      }
    }
    scan([doc]);
  }

  /** Picks what to observe after the buttons changed (see the comment at the top). */
  function rewatch() {
    for (let i = 0; i < 3; i++) {
      const want = looking().list.length === 0 && mounts.size > 0 ? 'anchors' : 'page';
      if (want === mode && (want === 'page' || watched === version)) return;
      const from = mode;
      observer.disconnect();
      mode = want;
      watched = version;
      if (want === 'anchors') {
        for (const m of mounts.values()) {
          for (let n: Node | null = m.anchor; n; n = n.parentNode) observer.observe(n, { childList: true });
        }
        return;
      }
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      // Anchors may have appeared anywhere while only the chains were watched.
      if (from === 'anchors') scan([doc]);
    }
  }

  function onBatch(records: MutationRecord[]) {
    batch(records);
    rewatch();
  }

  function batch(records: MutationRecord[]) {
    checkAttached();
    const now = href();
    if (now !== lastHref) {
      lastHref = now;
      navigated();
      return;
    }
    const { list, selector } = looking();
    if (!selector) return;
    const added: Element[] = [];
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1 || !node.isConnected) continue;
        const el = node as Element;
        // One native check per added element; only a hit is looked at integration by integration.
        if (el.localName !== HOST_TAG && (el.matches(selector) || el.querySelector(selector))) added.push(el);
      }
    }
    if (added.length > 0) scan(added, list);
  }

  // Leftovers of a previous instance of this content script (extension updated or reloaded).
  for (const old of doc.querySelectorAll(HOST_TAG)) old.remove();

  const observer = new MutationObserver(onBatch);
  scan([doc]);
  rewatch();

  const onLocation = () => onBatch([]);
  opts.signal.addEventListener('abort', () => {
    observer.disconnect();
    for (const m of [...mounts.values()]) unmount(m);
  });

  return {
    /** Call on any navigation signal (wxt:locationchange, popstate, the site's own events). */
    locationChanged: onLocation,
    mounts: () => [...mounts.values()],
  };
}
