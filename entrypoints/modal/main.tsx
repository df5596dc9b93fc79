import { render } from 'preact';
import { Modal } from '@/components/modal/Modal';
import '@/components/style.css';
import type { Task } from '@/lib/core/entry';
import { localizeDocument } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { connectState } from '@/lib/ui/state';

// Runs in an iframe on the task page; only the parent frame's content script listens for "close".
const close = () => window.parent.postMessage({ stint: 'close' }, '*');

localizeDocument(document, 'modal_doc_title');

/**
 * The task comes from the background, never from the URL: the content script that opened this frame posts a nonce,
 * and the frame claims its registration with it (lib/background/modals.ts). The page shares that window and may
 * post nonces of its own: each is tried, a forged one is refused, the first that claims wins.
 */
function claimed(): Promise<Task | null> {
  return new Promise((resolve) => {
    const onMessage = async (event: MessageEvent) => {
      const data = event.data as { stint?: unknown; nonce?: unknown } | null;
      if (event.source !== window.parent || data?.stint !== 'nonce' || typeof data.nonce !== 'string') return;
      const reply = await send({ type: 'modal.claim', nonce: data.nonce });
      if (!reply.ok) return;
      window.removeEventListener('message', onMessage);
      resolve(reply.data.task);
    };
    window.addEventListener('message', onMessage);
    // Ask for the nonce now that the listener is in place (the opener also posts it once this frame has loaded).
    window.parent.postMessage({ stint: 'ready' }, '*');
  });
}

// Until the form renders, the frame is an empty layer over the page: Escape still takes it away.
const escapeCloses = (e: KeyboardEvent) => e.key === 'Escape' && close();
window.addEventListener('keydown', escapeCloses);

void claimed().then(async (task) => {
  // What the form renders; the sync status, the outbox and the site settings are the popup's and options' to show.
  await connectState({ topics: ['timer', 'recent', 'settings', 'accounts', 'assignments', 'lastBooking', 'rules', 'prompt'] });
  render(<Modal task={task} onClose={close} />, document.getElementById('app') as HTMLElement);
  window.removeEventListener('keydown', escapeCloses); // the form's own Escape handling takes over
});
