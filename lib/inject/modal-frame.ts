import { browser } from 'wxt/browser';
import type { Task } from '../core/entry';
import { t } from '../i18n';
import { send } from '../ui/client';

/**
 * The timer modal runs in an extension page inside an iframe: the host page's CSS, scripts and key handlers
 * cannot reach it. The host's focus trap still sees focus move to the iframe element, so while the modal is
 * open, focus events aimed at it are stopped before any page listener (window, capture phase).
 */

export interface ModalHandle {
  close(): void;
}

const FRAME_STYLE =
  'position:fixed;inset:0;width:100vw;height:100vh;border:0;margin:0;padding:0;z-index:2147483647;background:transparent;color-scheme:normal;';

/** Closed frames waiting for their removal (see close()); a new modal removes them first. */
const leaving = new Set<HTMLIFrameElement>();

export function openModal(task: Task, returnFocus: HTMLElement | null): ModalHandle {
  for (const old of leaving) old.remove();
  leaving.clear();
  const frame = document.createElement('iframe');
  frame.setAttribute('style', FRAME_STYLE);
  frame.setAttribute('title', t('modal_frame_title'));
  frame.setAttribute('allowtransparency', 'true');
  // No task in the URL (the page can read it): the opening is registered with the background under a nonce that
  // only this frame gets, by postMessage; the frame claims its task with it (lib/background/modals.ts).
  // Target '*': with use_dynamic_url the frame's origin is not the URL's. Whatever document is in the frame, only an
  // extension page of Stint in this tab can claim with the nonce, and only one frame can.
  frame.src = browser.runtime.getURL('/modal.html');
  const nonce = crypto.randomUUID();
  const registered = send({ type: 'modal.open', task, nonce });
  // The nonce goes to the frame when its script asks ('ready') and again when it has loaded: whichever arrives first
  // is claimed, the other is a harmless repeat (a claimed nonce is answered only to the frame that claimed it).
  // Not on load alone: one post, lost or early, would leave an empty frame over the page.
  const handNonce = () => void registered.then((r) => r.ok && frame.contentWindow?.postMessage({ stint: 'nonce', nonce }, '*'));
  frame.addEventListener('load', handNonce, { once: true });

  const guard = (event: Event) => {
    const e = event as FocusEvent;
    if (e.target === frame || e.relatedTarget === frame) event.stopImmediatePropagation();
  };
  const focusEvents = ['focusin', 'focusout', 'focus', 'blur'] as const;
  for (const type of focusEvents) window.addEventListener(type, guard, true);

  const onMessage = (event: MessageEvent) => {
    // Only our own frame may close it: a page can dispatch a synthetic MessageEvent naming the frame as its
    // source, but it cannot make that event trusted.
    if (!event.isTrusted || event.source !== frame.contentWindow) return;
    const data = event.data as { stint?: unknown } | null;
    if (data?.stint === 'close') close();
    else if (data?.stint === 'ready') handNonce();
  };
  window.addEventListener('message', onMessage);

  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    window.removeEventListener('message', onMessage);
    for (const type of focusEvents) window.removeEventListener(type, guard, true);
    // Hidden at once, removed a moment later: the key that closed it (Escape's keyup, still in flight to the
    // frame) must reach a live frame, or the browser waits for an answer that never comes.
    frame.style.display = 'none';
    returnFocus?.shadowRoot?.querySelector('button')?.focus();
    leaving.add(frame);
    setTimeout(() => {
      frame.remove();
      leaving.delete(frame);
    }, 200);
  }

  document.documentElement.append(frame);
  frame.addEventListener('load', () => frame.focus(), { once: true });
  return { close };
}
