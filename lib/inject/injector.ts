import type { Integration, Placement, TaskInfo } from '../integrations/types';

/**
 * The single observer behind every button on a page. One MutationObserver for all integrations and anchors;
 * per mutation batch it looks only at the nodes that were added (never a whole-document query), checks the
 * buttons it placed are still attached, and rescans the page only when the URL changed (in-page navigation).
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

  const keyOf = (i: Integration, t: TaskInfo) => `${i.id}:${t.id}`;

  function unmount(m: Mount) {
    m.host.remove();
    mounts.delete(m.anchor);
  }

  function mount(integration: Integration, anchor: Element, url: URL) {
    if (mounts.has(anchor)) return;
    if (!integration.multiple && [...mounts.values()].some((m) => m.integration === integration)) return;
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
  }

  function scan(roots: readonly (Element | Document)[]) {
    const url = new URL(href());
    for (const integration of opts.integrations) {
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

  function onBatch(records: MutationRecord[]) {
    checkAttached();
    const now = href();
    if (now !== lastHref) {
      lastHref = now;
      navigated();
      return;
    }
    const added: Element[] = [];
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType === 1 && (node as Element).localName !== HOST_TAG && node.isConnected) added.push(node as Element);
      }
    }
    if (added.length > 0) scan(added);
  }

  // Leftovers of a previous instance of this content script (extension updated or reloaded).
  for (const old of doc.querySelectorAll(HOST_TAG)) old.remove();

  const observer = new MutationObserver(onBatch);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  scan([doc]);

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
