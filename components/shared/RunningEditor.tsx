import { useId, useMemo, useState } from 'preact/hooks';
import { bookingValue, parseBookingValue, recentBookings } from '@/lib/core/booking';
import { type Entry, entryDuration, taskKey } from '@/lib/core/entry';
import { formatDuration } from '@/lib/core/time';
import { clockOf, formatClock, formatDurationWords, t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, defaultAccount, entries, lastBooking, now, settings } from '@/lib/ui/state';
import { BookingPicker } from './BookingPicker';
import { Destination } from './Destination';
import { LabelsFields } from './LabelsFields';
import { editedLabels, useLabels } from './useLabels';

interface Props {
  /** The running timer. */
  entry: Entry;
  /** Called after Stop was accepted (the caller decides whether to close). */
  onStopped?(): void;
  /** Inside the popup's running section, which already shows the elapsed time and Stop. */
  compact?: boolean;
}

/** The running timer in a form: elapsed time live, Stop, and changes to its notes and project/task (`timer.update`). */
export function RunningEditor({ entry, onStopped, compact }: Props) {
  const id = useId();
  const [notes, setNotes] = useState(entry.notes);
  const [booking, setBooking] = useState(bookingValue(entry.booking));
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const recent = useMemo(() => recentBookings(entry.task, lastBooking.value, entries.value), [entry.task]);
  const elapsed = entryDuration(entry, now.value);
  const clock = clockOf(accounts.value, defaultAccount.value, settings.value.clock);
  const bookingChanged = booking !== bookingValue(entry.booking);
  const labels = useLabels(booking, { entry });
  const labelEdits = editedLabels(labels, entry);
  const changed = notes !== entry.notes || bookingChanged || Object.keys(labelEdits).length > 0;

  async function save(event: Event) {
    event.preventDefault();
    if (busy || !changed) return;
    setBusy('save');
    setError('');
    const reply = await send({
      type: 'timer.update',
      notes,
      booking: bookingChanged ? parseBookingValue(booking) : undefined,
      ...labelEdits,
    });
    setBusy('');
    if (reply.ok) setSaved(t('changes_saved'));
    else setError(reply.error);
  }

  async function stop() {
    setBusy('stop');
    setError('');
    const reply = await send({ type: 'timer.stop', ...(entry.task ? { taskKey: taskKey(entry.task) } : {}) });
    setBusy('');
    if (reply.ok) onStopped?.();
    else setError(reply.error);
  }

  return (
    <form class="timer-form running-editor" onSubmit={save}>
      {entry.task && !compact && (
        <p class="task">
          <span class="task-id">{entry.task.id}</span> {entry.task.title}
        </p>
      )}
      {!compact && (
        <p class="running-line">
          <span class="elapsed" data-testid="running-elapsed" role="timer" aria-label={t('elapsed_words', formatDurationWords(elapsed))}>
            {formatDuration(elapsed, true)}
          </span>
          {entry.startedAt !== null && <span class="muted"> {t('running_since', formatClock(entry.startedAt, clock))}</span>}
        </p>
      )}
      {accounts.value.length > 0 && <BookingPicker value={booking} onChange={setBooking} recent={recent} />}
      <Destination value={booking} />
      <LabelsFields labels={labels} />
      <div class="field">
        <label for={`${id}-notes`}>{t('notes_label')}</label>
        <textarea
          id={`${id}-notes`}
          name="notes"
          rows={3}
          value={notes}
          onInput={(e) => {
            setNotes(e.currentTarget.value);
            setSaved('');
          }}
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="saved" role="status">
        {saved}
      </p>
      <div class="actions">
        <button type="submit" disabled={!!busy || !changed}>
          {t('save_changes')}
        </button>
        {!compact && (
          <button type="button" class="stop" disabled={!!busy} onClick={stop}>
            {t('stop_timer')}
          </button>
        )}
      </div>
    </form>
  );
}
