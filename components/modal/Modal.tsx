import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type Task, taskKey } from '@/lib/core/entry';
import { t } from '@/lib/i18n';
import { timer } from '@/lib/ui/state';
import { Announcer } from '../shared/Announcer';
import { Icon } from '../shared/Icon';
import { PromptCard } from '../shared/PromptCard';
import { RunningEditor } from '../shared/RunningEditor';
import { TimerForm } from '../shared/TimerForm';

interface Props {
  task: Task | null;
  onClose(): void;
}

/**
 * The in-page timer modal: a dialog over a backdrop. Escape (one no field handled, such as the picker's) or a
 * click on the backdrop closes it. While this task's timer runs it shows it live, with Stop and its edits, and the
 * question open about it (idle time, a forgotten timer: the page's button says so).
 */
export function Modal({ task, onClose }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  const [error, setError] = useState('');
  // In place as the form first renders (a layout effect), when the frame's early Escape listener goes
  // (entrypoints/modal/main.tsx): a plain effect waits for the next frame, and an Escape in between was lost.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const run = timer.value;
  const running = run && task && run.task && taskKey(run.task) === taskKey(task) ? run : null;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop is a mouse shortcut; Escape closes from the keyboard.
    // biome-ignore lint/a11y/noStaticElementInteractions: same: the dialog itself is the interactive element.
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} class="dialog" role="dialog" aria-modal="true" aria-labelledby="modal-title">
        <header class="dialog-header">
          <h1 id="modal-title">{running ? t('running_title') : t('modal_title')}</h1>
          <button type="button" class="close" aria-label={t('close')} onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        <Announcer />
        {running && <PromptCard onError={setError} />}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {running ? <RunningEditor key={running.id} entry={running} /> : <TimerForm key="new" task={task} onDone={onClose} />}
      </div>
    </div>
  );
}
