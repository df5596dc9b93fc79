import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { timer } from '@/lib/ui/state';
import { RunningTimer } from '../popup/RunningTimer';
import { Icon } from '../shared/Icon';
import { TimerForm } from '../shared/TimerForm';

/**
 * A task card to try Stint on, right on the welcome page. Content scripts do not run on extension pages, so the
 * card cannot carry Stint's own `data-stint-task` markup: its button opens the same timer form the page modal
 * shows, inline, and the running timer appears as in the popup.
 */
export function DemoCard() {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState('');
  // The timer this card started (another one, started on a task page, is not the demo's to show).
  const [started, setStarted] = useState(false);
  const running = started ? timer.value : null;
  return (
    <section class="demo" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('welcome_try_title')}</h2>
      <p class="muted">{t('welcome_try_help')}</p>
      <div class="demo-card">
        <p class="demo-task">
          <span class="task-id">{t('welcome_demo_id')}</span> <strong>{t('welcome_demo_task')}</strong>
        </p>
        {!running && (
          <button
            type="button"
            class="demo-button"
            aria-expanded={open}
            onClick={() => {
              setSaid('');
              setOpen(!open);
            }}
          >
            <Icon name="clock" /> {t('welcome_try_button')}
          </button>
        )}
      </div>
      {open && !running && (
        <div class="demo-form">
          <TimerForm
            task={null}
            initialNotes={t('welcome_demo_notes')}
            onDone={() => {
              setOpen(false);
              setStarted(true);
            }}
          />
        </div>
      )}
      {running && (
        <>
          <RunningTimer
            onError={setError}
            onStopped={() => {
              setStarted(false);
              setSaid(t('welcome_try_stopped'));
            }}
          />
          <p class="muted">{t('welcome_try_running')}</p>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status">{said}</p>
    </section>
  );
}
