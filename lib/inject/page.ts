import { browser } from 'wxt/browser';
import { type Task, taskKey } from '../core/entry';
import { formatDuration } from '../core/time';
import type { Integration, TaskInfo } from '../integrations/types';
import { IDLE_KEY, type IdleProjection, RUNNING_KEY, type RunningProjection } from '../protocol/projection';
import { send } from '../ui/client';
import { createButton, renderButton, setTask } from './button';
import { createDock } from './dock';
import type { startHover } from './hover';
import { startInjector } from './injector';
import { type ModalHandle, openModal } from './modal-frame';
import { reportShown } from './seen';
import { visitReporter } from './visits';

/**
 * Everything a content script does on a task page: place buttons (one observer), reflect the running timer
 * from storage (every tab agrees), open the modal on a trusted click, stop on a trusted click while running.
 */

export interface PageContext {
  signal: AbortSignal;
  /** Integration ids whose dock the user hid. */
  noDock?: readonly string[];
  /** The pointer placement (./hover.ts), for a site with integrations placed from the pointer (types.ts `hover`). */
  hover?: typeof startHover;
  /** Called on each in-page navigation signal. */
  onLocationChange(listener: () => void): void;
}

export function runPage(integrations: readonly Integration[], ctx: PageContext): void {
  if (integrations.length === 0) return;
  /** The running timer's task key and start: all a button needs (lib/state/projection.ts). */
  let timer: RunningProjection | null = null;
  /** An idle question open about the running timer (its task key and idle time): the button says so and asks. */
  let idle: IdleProjection | null = null;
  const pending = new Set<HTMLElement>();
  let modal: ModalHandle | null = null;
  const hosts = new Map<HTMLElement, { integration: Integration; task: TaskInfo; anchor: Element }>();

  const toTask = (integration: Integration, info: TaskInfo): Task => ({ integration: integration.id, ...info });
  const runningKey = () => timer?.key ?? null;

  function render(host: HTMLElement) {
    const meta = hosts.get(host);
    if (!meta) return;
    const running = runningKey() === `${meta.integration.id}:${meta.task.id}`;
    const state = pending.has(host) ? 'pending' : running ? 'running' : 'idle';
    const asks = running && idle?.key === timer?.key ? Math.round((idle?.idleMs ?? 0) / 60_000) : null;
    renderButton(host, state, running && timer ? formatDuration(Math.max(0, Date.now() - timer.startedAt)) : '', asks);
  }
  const renderAll = () => {
    for (const host of hosts.keys())
      if (host.isConnected) render(host);
      else hosts.delete(host);
  };

  async function onClick(host: HTMLElement, event: MouseEvent) {
    if (!event.isTrusted) return; // page scripts cannot start or stop timers
    const meta = hosts.get(host);
    if (!meta || pending.has(host)) return;
    // Re-read the task now: the title may have rendered (or changed) since the button was placed (or was never
    // read: a many-task page's button knows its task's id alone, types.ts `taskId`).
    const fresh = injector.taskOf(host) ?? (meta.task.url ? meta.task : null);
    if (!fresh) return;
    const task = toTask(meta.integration, fresh);
    // An idle question open about this timer: the modal asks it (keep, discard, stop), the click does not stop.
    if (runningKey() === taskKey(task) && idle?.key !== taskKey(task)) {
      pending.add(host);
      render(host);
      try {
        await send({ type: 'timer.stop', taskKey: taskKey(task) });
      } finally {
        pending.delete(host);
        render(host);
      }
      return;
    }
    modal?.close();
    modal = openModal(task, host);
  }

  /** A button placed by its task's id alone gets the whole task (its tooltip names the title). */
  function named(host: HTMLElement) {
    const meta = hosts.get(host);
    const fresh = injector.taskOf(host);
    if (!meta || fresh?.id !== meta.task.id) return;
    meta.task = fresh;
    setTask(host, fresh);
  }

  // Site health: which layer placed the button, once per visit (the background keeps the last few per site).
  const send = (message: object) => void browser.runtime.sendMessage(message).catch(() => undefined);
  const visits = visitReporter((integration, layer) => send({ type: 'anchor.placed', integration, layer }));
  window.addEventListener('pagehide', visits.flush, { signal: ctx.signal });

  const injector = startInjector({
    integrations,
    signal: ctx.signal,
    noDock: ctx.noDock,
    hover: ctx.hover,
    dock: (integration, host) =>
      createDock(
        host,
        () => {
          injector.hideDock(integration.id);
          send({ type: 'dock.hide', integration: integration.id });
        },
        ctx.signal,
      ),
    placed(m) {
      render(m.host);
      visits.placed(m.integration.id, m.task.id, m.layer);
    },
    create(integration, task, anchor) {
      const host = createButton(integration.id, task, (h, e) => void onClick(h, e));
      hosts.set(host, { integration, task, anchor });
      // Placed by its task's id alone: the title its tooltip names is read when the pointer comes to it.
      if (integration.taskId) host.addEventListener('pointerenter', () => named(host), { signal: ctx.signal });
      render(host);
      return host;
    },
    update(host, task) {
      const meta = hosts.get(host);
      if (meta) meta.task = task;
      else {
        // A button back on the page after a while off it (a chat's, once the pointer returns), forgotten meanwhile.
        const integration = integrations.find((i) => i.id === host.dataset.integration);
        if (integration) hosts.set(host, { integration, task, anchor: host.parentElement ?? host });
      }
      setTask(host, task);
      render(host);
    },
  });
  // On-device suggestions (opt-in): the page's own task (not a list's), while shown.
  const pageTask = (): Task | null => {
    const url = new URL(location.href);
    for (const i of integrations) {
      const info = i.multiple ? null : i.task(url, document);
      if (info) return toTask(i, info);
    }
    return null;
  };
  const shown = reportShown(pageTask, ctx.signal);
  ctx.onLocationChange(() =>
    setTimeout(() => {
      injector.locationChanged();
      shown.update();
    }, 0),
  );

  // Timer state: read once, then follow every change made anywhere (other tabs, popup, background sync).
  void browser.storage.local.get([RUNNING_KEY, IDLE_KEY]).then((got) => {
    timer = running(got[RUNNING_KEY]);
    idle = idleOf(got[IDLE_KEY]);
    renderAll();
  });
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(RUNNING_KEY in changes || IDLE_KEY in changes)) return;
    if (RUNNING_KEY in changes) timer = running(changes[RUNNING_KEY]?.newValue);
    if (IDLE_KEY in changes) idle = idleOf(changes[IDLE_KEY]?.newValue);
    renderAll();
  };
  browser.storage.onChanged.addListener(onStorage);
  // Each second only the running task's buttons change (their elapsed time); the others are left alone.
  const tick = setInterval(() => {
    if (!timer) return;
    for (const [host, meta] of hosts) if (`${meta.integration.id}:${meta.task.id}` === timer.key && host.isConnected) render(host);
  }, 1000);
  ctx.signal.addEventListener('abort', () => {
    browser.storage.onChanged.removeListener(onStorage);
    clearInterval(tick);
    modal?.close();
  });
}

/** The projection as read back (any page's content script can write storage.local): anything malformed is "none". */
function running(value: unknown): RunningProjection | null {
  const v = value as Partial<RunningProjection> | null | undefined;
  return typeof v?.key === 'string' && typeof v.startedAt === 'number' ? { key: v.key, startedAt: v.startedAt } : null;
}

function idleOf(value: unknown): IdleProjection | null {
  const v = value as Partial<IdleProjection> | null | undefined;
  return typeof v?.key === 'string' && typeof v.idleMs === 'number' ? { key: v.key, idleMs: v.idleMs } : null;
}
