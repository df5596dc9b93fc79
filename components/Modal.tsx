import { useEffect, useRef } from 'preact/hooks';
import type { Task } from '@/lib/entry';
import { TimerForm } from './TimerForm';

interface Props {
  task: Task | null;
  onClose(): void;
}

/** The in-page timer modal: a dialog over a backdrop; Escape or a click on the backdrop closes it. */
export function Modal({ task, onClose }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('textarea, input')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop is a mouse shortcut; Escape closes from the keyboard.
    // biome-ignore lint/a11y/noStaticElementInteractions: same: the dialog itself is the interactive element.
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} class="dialog" role="dialog" aria-modal="true" aria-labelledby="modal-title">
        <header class="dialog-header">
          <h1 id="modal-title">Track time</h1>
          <button type="button" class="close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <TimerForm task={task} onDone={onClose} />
      </div>
    </div>
  );
}
