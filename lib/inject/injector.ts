import type { Integration, Placement, TaskInfo } from '../integrations/types';
import { anchorsIn, place, prepared, removeLeftovers } from './anchors';
import type { startHover } from './hover';
import { findSemantic, type Layer, pageTitles, LAYER_RANK as RANK } from './semantic';
import { readTask as readTaskOf, taskAt as taskAtOf } from './tasks';

/**
 * The single observer behind every button on a page. One MutationObserver for all integrations and anchors;
 * per mutation batch it checks the buttons it placed are still attached, rescans the page only when the URL
 * changed (in-page navigation), and otherwise looks only at the nodes that were added (never a whole-document
 * query per batch). Once every integration of the page is single-task and has its button at one of its own
 * selectors — the usual state of a task page — it stops watching the page and watches only what can take the
 * button away: the anchor's parent's child list (the anchor or the button leaving) and the button's box (a
 * ResizeObserver: a button taken out of the page, with any of its ancestors, has no box any more). Churn
 * elsewhere — a feed, an editor, toasts in <body>, banners in an ancestor — then costs nothing, and the button
 * leaving brings the page-wide watch back, with one look at the whole page. A button without a box (in a hidden
 * panel) gives no such signal: its anchor's whole ancestor chain is watched instead (child lists, no subtree).
 * After in-page navigation the page-wide watch stays on a moment (NAV_WATCH_MS): the site re-renders the view
 * then, and the button follows in the same microtask rather than a frame later.
 *
 * Layers (DESIGN.md "Where a button goes"): a URL a single-task integration recognises is a task page and gets
 * exactly one button: at the integration's selectors; else at a semantic anchor (./semantic.ts); else, once the
 * page names the task, in a dock fixed to a viewport corner. A button placed by a lower layer moves up when a
 * better anchor appears, so the page-wide watch stays on until it sits at a selector.
 * Idempotent: one button per anchor, and one per page for single-task integrations.
 *
 * An integration placed from the pointer (types.ts `hover`: a chat's hover actions) is not watched for at all: its
 * one button follows the pointer and focus (./hover.ts). Its other anchors (an open thread's header) are watched
 * for only while the URL names a task, and the page is not watched when nothing is looked for and nothing placed.
 */

export const HOST_TAG = 'stint-button';
export const DOCK_TAG = 'stint-dock';
/** The dock waits this long for the page to render its task before showing (no flash while a view renders). */
export const DOCK_DELAY_MS = 600;
/** How long the page-wide watch stays on after in-page navigation. */
export const NAV_WATCH_MS = 1000;
/**
 * At most this many buttons on one page (markup that marks many tasks, such as a list with `data-stint-task` on
 * every row): the first ones found get a button, the rest none. 5,000 marked rows would otherwise cost 5,000
 * shadow roots; no task page a person works in shows more tasks than this at once.
 */
export const MAX_BUTTONS = 200;

export interface Mount {
  integration: Integration;
  /** The element the button sits at (for the dock: the dock itself). */
  anchor: Element;
  placement: Placement;
  host: HTMLElement;
  /** The task; of an integration that reads ids alone (`taskId`), only its id until read whole (`taskOf`). */
  task: TaskInfo;
  layer: Layer;
}

export interface InjectorOptions {
  integrations: readonly Integration[];
  /** Builds the button host for a task. */
  create(integration: Integration, task: TaskInfo, anchor: Element): HTMLElement;
  /** The task at a mounted anchor changed (in-page navigation reused the element). */
  update(host: HTMLElement, task: TaskInfo): void;
  /** Wraps a host in a dock (a `<stint-dock>` fixed to a corner of the viewport); without it, no dock. */
  dock?(integration: Integration, host: HTMLElement): HTMLElement;
  /** Integration ids whose dock the user hid. */
  noDock?: readonly string[];
  /** A task page's button was placed, moved to another layer, or given another task. */
  placed?(mount: Mount): void;
  /**
   * Places the buttons of integrations with `hover` (./hover.ts `startHover`), passed by the content scripts of
   * sites that have them, so the others do not carry it.
   */
  hover?: typeof startHover;
  signal: AbortSignal;
  doc?: Document;
  /** The page URL (tests pass their own). */
  href?: () => string;
}

/** Without ./hover.ts: no buttons from the pointer (a site whose integrations have no `hover`). */
const noHover: typeof startHover = () => ({ mounts: () => [], navigated() {} });

export function startInjector(opts: InjectorOptions) {
  const doc = opts.doc ?? document;
  const href = opts.href ?? (() => location.href);
  const mounts = new Map<Element, Mount>();
  /** The one mount of each single-task integration. */
  const byIntegration = new Map<Integration, Mount>();
  let lastHref = href();
  /** The page URL parsed, kept while the address stays (a chat's hover moves read it at every frame). */
  let parsed: { href: string; url: URL } | null = null;
  function pageUrl(): URL {
    const now = href();
    if (parsed?.href !== now) parsed = { href: now, url: new URL(now) };
    return parsed.url;
  }
  const integrations = opts.integrations.map((i) => prepared(i, doc));
  /** Single-task integrations whose button sits at one of their selectors (nothing better to look for). */
  const done = new Set<Integration>();
  /** Single-task integrations that lost their button in this batch: they get one look at the whole page. */
  const lost = new Set<Integration>();
  /** Per single-task integration: the page titles last looked for, and a dock waiting to show. */
  const titlesSeen = new Map<Integration, string>();
  const dockTimers = new Map<Integration, ReturnType<typeof setTimeout>>();
  const noDock = new Set(integrations.filter((i) => opts.noDock?.includes(i.id)));
  /** What is watched: the whole page, only what can take the mounted buttons away (see the top), or nothing. */
  let mode: 'page' | 'anchors' | 'none' | null = null;
  /** Bumped when a button comes or goes; what can take them away is watched afresh when it moved. */
  let version = 0;
  let watched = -1;
  /** Set while the view of a new URL renders (see NAV_WATCH_MS). */
  let navWatch: ReturnType<typeof setTimeout> | null = null;
  /** Integrations still looking for anchors, and all their selectors as one (null: recompute). */
  let wanted: { list: Integration[]; selector: string } | null = null;
  function looking() {
    if (!wanted) {
      // A pointer-placed integration looks (for its other anchors) only while the URL names a task (reset on navigation).
      const list = integrations.filter((i) => (i.hover ? !!i.taskId?.(pageUrl()) && !done.has(i) : i.multiple || !done.has(i)));
      wanted = { list, selector: list.flatMap((i) => i.anchor).join(',') };
    }
    return wanted;
  }

  const keyOf = (i: Integration, t: TaskInfo) => `${i.id}:${t.id}`;
  const single = (i: Integration) => byIntegration.get(i);

  const readTask = (i: Integration, url: URL, layer: Layer | null, anchor?: Element, fill = true) =>
    readTaskOf(doc, i, url, layer, anchor, fill);
  const taskAt = (i: Integration, url: URL, layer: Layer, anchor: Element) => taskAtOf(doc, i, url, layer, anchor);

  function changed(i: Integration) {
    version++;
    // A many-task integration is always looking (but a pointer-placed one, whose anchor is the URL's task's).
    if (i.multiple && !i.hover) return;
    wanted = null;
    clearTimeout(dockTimers.get(i));
    dockTimers.delete(i);
    const placed = i.hover ? [...mounts.values()].some((m) => m.integration === i) : single(i)?.layer === 'selector';
    if (placed) done.add(i);
    else done.delete(i);
  }

  /**
   * Buttons of many-task pages taken away in the batch being handled, for the next anchor of their integration:
   * a chat's hover actions move from message to message as the pointer does, and one button follows them rather
   * than one being built and dropped per message.
   */
  const spare = new Map<Integration, HTMLElement[]>();

  function unmount(m: Mount) {
    if (m.layer === 'dock') m.anchor.remove();
    m.host.remove();
    if (m.integration.multiple) spare.set(m.integration, [...(spare.get(m.integration) ?? []), m.host]);
    mounts.delete(m.anchor);
    if (byIntegration.get(m.integration) === m) byIntegration.delete(m.integration);
    if (!m.integration.multiple) lost.add(m.integration);
    changed(m.integration);
  }

  function mount(i: Integration, anchor: Element, url: URL, layer: Layer, placement: Placement) {
    if (mounts.has(anchor)) return;
    const current = single(i);
    if (i.multiple && mounts.size >= MAX_BUTTONS) return; // a task page's own button is never capped
    if (current && RANK[current.layer] >= RANK[layer]) return;
    if (layer === 'dock' && (!opts.dock || noDock.has(i))) return;
    const task = taskAt(i, url, layer, anchor) ?? current?.task;
    if (!task) return;
    let host: HTMLElement;
    const reused = i.multiple ? spare.get(i)?.pop() : undefined;
    if (reused) {
      host = reused;
      opts.update(host, task);
    } else if (current) {
      // A better anchor appeared: the same button moves there (its state and focus go with it).
      host = current.host;
      mounts.delete(current.anchor);
      if (current.layer === 'dock') current.anchor.remove();
      opts.update(host, task);
    } else host = opts.create(i, task, anchor);
    host.dataset.layer = layer;
    if (layer === 'dock' && opts.dock) {
      anchor = opts.dock(i, host);
      doc.documentElement.append(anchor);
    } else place(host, anchor, placement);
    const m: Mount = { integration: i, anchor, placement, host, task, layer };
    mounts.set(anchor, m);
    if (!i.multiple) byIntegration.set(i, m);
    lost.delete(i);
    changed(i);
    if (!i.multiple) opts.placed?.(m);
  }

  /**
   * Below the selectors, for a single-task integration whose URL is a task: the semantic layer inside `roots`
   * (the whole page when the page's titles changed), else a dock once the page names the task.
   */
  function fallback(i: Integration, url: URL, roots: readonly (Element | Document)[]) {
    const current = single(i);
    if (current && current.layer !== 'dock') return;
    const task = readTask(i, url, null, undefined, false);
    if (!task) return;
    const titles = pageTitles(doc, i, task.title);
    const seen = titles.join('\n');
    if (titlesSeen.get(i) !== seen) {
      titlesSeen.set(i, seen);
      roots = [doc];
    }
    for (const root of roots) {
      const el = root.nodeType === 9 ? (root as Document).body : (root as Element);
      const found = el && findSemantic(el, titles);
      if (found) return mount(i, found.anchor, url, 'semantic', found.placement);
    }
    // A page that names no task yet (an app shell's "Jira" over a skeleton) is still loading: no dock.
    if (current || titles.length === 0 || noDock.has(i) || dockTimers.has(i)) return;
    dockTimers.set(
      i,
      setTimeout(() => {
        dockTimers.delete(i);
        const now = pageUrl();
        const task = single(i) ? null : readTask(i, now, null, undefined, false);
        if (task && pageTitles(doc, i, task.title).length > 0) mount(i, doc.documentElement, now, 'dock', 'append');
        rewatch();
      }, DOCK_DELAY_MS),
    );
  }

  function scan(roots: readonly (Element | Document)[], list: readonly Integration[] = integrations, semantic = roots) {
    const url = pageUrl();
    for (const integration of list) {
      for (const root of roots) {
        for (const anchor of anchorsIn(root, integration)) mount(integration, anchor, url, 'selector', integration.placement);
      }
      if (!integration.multiple) fallback(integration, url, semantic);
    }
  }

  /** Drops buttons whose anchor left the page; puts back buttons (and docks) the host app wiped. */
  function checkAttached() {
    for (const m of [...mounts.values()]) {
      if (m.layer === 'dock' && !m.anchor.isConnected) doc.documentElement.append(m.anchor);
      else if (!m.anchor.isConnected) unmount(m);
      else if (!m.host.isConnected) place(m.host, m.anchor, m.placement);
    }
  }

  /** After in-page navigation: re-read every mounted task from the new URL, then look at the whole page once. */
  function navigated() {
    const url = pageUrl();
    titlesSeen.clear();
    for (const m of [...mounts.values()]) {
      const task = readTask(m.integration, url, m.layer, m.anchor);
      if (!task) unmount(m);
      else if (keyOf(m.integration, task) !== keyOf(m.integration, m.task)) {
        // A semantic anchor belonged to the old task's view; the new one is looked for afresh.
        if (m.layer === 'semantic') {
          unmount(m);
          continue;
        }
        m.task = task;
        opts.update(m.host, task);
        if (!m.integration.multiple) opts.placed?.(m);
      }
    }
    pointer.navigated();
    lost.clear();
    wanted = null;
    scan([doc]);
    clearTimeout(navWatch ?? undefined);
    navWatch = setTimeout(() => {
      navWatch = null;
      rewatch();
    }, NAV_WATCH_MS);
  }

  /** Picks what to observe after the buttons changed (see the comment at the top). */
  function rewatch() {
    for (let i = 0; i < 3; i++) {
      const idle = looking().list.length === 0 && !navWatch;
      const want = !idle ? 'page' : mounts.size > 0 ? 'anchors' : 'none';
      if (want === mode && (want !== 'anchors' || watched === version)) return;
      const from = mode;
      observer.disconnect();
      sizes?.disconnect();
      mode = want;
      watched = version;
      if (want === 'anchors') {
        for (const m of mounts.values()) {
          if (m.anchor.parentNode) observer.observe(m.anchor.parentNode, { childList: true });
          const box = m.host.getBoundingClientRect();
          if (sizes && (box.width > 0 || box.height > 0)) sizes.observe(m.host);
          else for (let n: Node | null = m.anchor; n; n = n.parentNode) observer.observe(n, { childList: true });
        }
        return;
      }
      if (want === 'none') return;
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      // Anchors may have appeared anywhere while only the chains (or nothing) were watched.
      if (from === 'anchors' || from === 'none') scan([doc]);
    }
  }

  function onBatch(records: MutationRecord[]) {
    batch(records);
    spare.clear();
    rewatch();
  }

  /**
   * The observer's callback. What it queued while the batch was handled is Stint's own doing (no page script runs
   * meanwhile): the buttons it placed or took away, which a batch skips anyway. Dropped, so a chat whose hover
   * actions move at every frame costs one callback per frame, not two.
   */
  function onRecords(records: MutationRecord[]) {
    onBatch(records);
    observer.takeRecords();
  }

  function batch(records: MutationRecord[]) {
    lost.clear();
    checkAttached();
    const now = href();
    if (now !== lastHref) {
      lastHref = now;
      navigated();
      return;
    }
    if (lost.size > 0) scan([doc], [...lost]);
    const { list, selector } = looking();
    // Added elements are looked at for a semantic anchor only while a task page has no button at a selector.
    const semantic = list.some((i) => !i.multiple);
    if (!selector && !semantic) return;
    const hits: Element[] = [];
    const added: Element[] = [];
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1 || !node.isConnected) continue;
        const el = node as Element;
        if (el.localName === HOST_TAG || el.localName === DOCK_TAG) continue;
        if (semantic) added.push(el);
        // One native check per added element; only a hit is looked at integration by integration.
        if (selector && (el.matches(selector) || el.querySelector(selector))) hits.push(el);
      }
    }
    // Pages of many tasks (a chat's virtualised list) add rows all the time: nothing hit, nothing more to do.
    if (hits.length > 0 || semantic) scan(hits, list, added);
  }

  removeLeftovers(doc, integrations);

  const observer = new MutationObserver(onRecords);
  // Its first report (the box as observed) and any later resize are harmless: a batch with nothing added.
  const sizes = typeof ResizeObserver === 'function' ? new ResizeObserver(() => onBatch([])) : null;
  // Pointer-placed buttons: their own events and bookkeeping (./hover.ts), placed by the row's task id.
  const pointer = (opts.hover ?? noHover)({
    integrations,
    doc,
    signal: opts.signal,
    taskAt: (i, anchor) => taskAt(i, pageUrl(), 'selector', anchor),
    create: opts.create,
    update: opts.update,
  });
  scan([doc]);
  rewatch();

  const onLocation = () => onBatch([]);
  opts.signal.addEventListener('abort', () => {
    observer.disconnect();
    sizes?.disconnect();
    clearTimeout(navWatch ?? undefined);
    for (const timer of dockTimers.values()) clearTimeout(timer);
    for (const m of [...mounts.values()]) unmount(m);
  });

  return {
    /** Call on any navigation signal (wxt:locationchange, popstate, the site's own events). */
    locationChanged: onLocation,
    mounts: () => [...mounts.values(), ...pointer.mounts()],
    /** The task a button stands for, read again now (the title may have rendered since it was placed). */
    taskOf(host: HTMLElement): TaskInfo | null {
      const m = [...mounts.values(), ...pointer.mounts()].find((x) => x.host === host);
      return m ? readTask(m.integration, pageUrl(), m.layer, m.anchor) : null;
    },
    /** The user hid this site's dock: it goes, and this page shows no other. */
    hideDock(integration: string) {
      for (const i of integrations) {
        if (i.id !== integration) continue;
        noDock.add(i);
        const m = single(i);
        if (m?.layer === 'dock') unmount(m);
      }
      lost.clear();
      rewatch();
    },
  };
}
