import { render } from 'preact';
import { Modal } from '@/components/modal/Modal';
import '@/components/style.css';
import { localizeDocument } from '@/lib/i18n';
import { taskFromFragment } from '@/lib/ui/modal-link';
import { connectState } from '@/lib/ui/state';

// Runs in an iframe on the task page; only the parent frame's content script listens for "close".
const close = () => window.parent.postMessage({ stint: 'close' }, '*');

localizeDocument(document, 'modal_doc_title');
void connectState().then(() =>
  render(<Modal task={taskFromFragment(location.hash)} onClose={close} />, document.getElementById('app') as HTMLElement),
);
