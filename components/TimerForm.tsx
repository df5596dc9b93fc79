import { useState } from 'preact/hooks';
import { send } from '@/lib/client';
import { groupKey, type Task } from '@/lib/entry';
import { DURATION_HELP, dayKey, parseManualTime } from '@/lib/time';
import { renderNotes } from '@/lib/tracker';
import { accounts, assignments, defaultAccount, lastBooking, settings } from '@/lib/ui-state';
import { BookingPicker, bookingValue, parseBookingValue } from './BookingPicker';

/** The project/task to preselect: the last one used for this task's group, the last one overall, or the default account's first. */
function initialBooking(task: Task | null): string {
  const remembered = (task && lastBooking.value[groupKey(task)]) ?? lastBooking.value['*'];
  const valid = (v: string) =>
    v === 'local' ||
    assignments.value[v.split('|')[0] ?? '']?.list.some((a) => v === bookingValue({ accountId: v.split('|')[0] ?? '', ...a }));
  if (remembered !== undefined && valid(bookingValue(remembered))) return bookingValue(remembered);
  const def = defaultAccount.value;
  const first = assignments.value[def]?.list[0];
  return def !== 'local' && first ? bookingValue({ accountId: def, projectId: first.projectId, taskId: first.taskId }) : 'local';
}

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
  const [booking, setBooking] = useState(() => initialBooking(task));
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
    const ref = parseBookingValue(booking);
    const reply = await send(
      manual ? { type: 'entry.save', task, notes, time, day, booking: ref } : { type: 'timer.start', task, notes, booking: ref },
    );
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
      {accounts.value.length > 0 && <BookingPicker value={booking} onChange={setBooking} />}
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
