import { useState } from 'preact/hooks';
import { send } from '@/lib/client';
import type { Task } from '@/lib/entry';
import { DURATION_HELP, dayKey, parseManualTime } from '@/lib/time';
import { renderNotes } from '@/lib/tracker';
import { settings } from '@/lib/ui-state';

interface Props {
  task: Task | null;
  /** Called after the intent was accepted. */
  onDone(): void;
}

/** The timer form: notes, time (empty → Start timer, a duration or range → Save entry), date. */
export function TimerForm({ task, onDone }: Props) {
  const [notes, setNotes] = useState(() => renderNotes(settings.value.notesTemplate, task));
  const [time, setTime] = useState('');
  const [day, setDay] = useState(() => dayKey(Date.now()));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const manual = time.trim() !== '';

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (manual) {
      const parsed = parseManualTime(time);
      if (!parsed.ok) return setError(parsed.error);
    }
    setBusy(true);
    setError('');
    const reply = await send(manual ? { type: 'entry.save', task, notes, time, day } : { type: 'timer.start', task, notes });
    setBusy(false);
    if (reply.ok) onDone();
    else setError(reply.error);
  }

  return (
    <form class="timer-form" onSubmit={submit}>
      {task && (
        <p class="task">
          <span class="task-id">{task.id}</span> {task.title}
        </p>
      )}
      <label>
        Notes
        <textarea name="notes" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </label>
      <div class="row">
        <label>
          Time
          <input
            name="time"
            value={time}
            placeholder="0:00"
            aria-describedby="time-help"
            aria-invalid={error !== '' && manual}
            onInput={(e) => setTime(e.currentTarget.value)}
          />
        </label>
        {manual && (
          <label>
            Date
            <input name="day" type="date" value={day} required onInput={(e) => setDay(e.currentTarget.value)} />
          </label>
        )}
      </div>
      <p id="time-help" class="help">
        Leave empty to start a timer. {DURATION_HELP}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {manual ? 'Save entry' : 'Start timer'}
        </button>
      </div>
    </form>
  );
}
