import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { bookingValue, parseBookingValue, recentBookings } from '@/lib/core/booking';
import type { Entry } from '@/lib/core/entry';
import { formatDuration } from '@/lib/core/time';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, entries, lastBooking } from '@/lib/ui/state';
import { BookingPicker } from '../shared/BookingPicker';
import { Destination } from '../shared/Destination';
import { LabelsFields } from '../shared/LabelsFields';
import { checkTime, TimeField } from '../shared/TimeField';
import { editedLabels, useLabels } from '../shared/useLabels';

const hm = (ms: number) => {
  const d = new Date(ms);
  return `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The entry's time as the time field takes it back: its clock range when it has one within a day, else its duration. */
export function editableTime(e: Entry): string {
  if (e.startedAt !== null && e.endedAt !== null) {
    const a = new Date(e.startedAt);
    const b = new Date(e.endedAt);
    const within = a.getHours() * 60 + a.getMinutes() < b.getHours() * 60 + b.getMinutes() && b.getTime() - a.getTime() < 86_400_000;
    if (within) return `${hm(e.startedAt)}-${hm(e.endedAt)}`;
  }
  return formatDuration(e.durationMs);
}

interface Props {
  entry: Entry;
  onDone(saved: boolean): void;
}

/**
 * Edits a stopped entry's project/task, notes, time and date (`entry.update`). Only what changed is sent; a new
 * booking re-books it where it is synced (the same remote entry in the same account, else moved).
 */
export function EntryEditor({ entry, onDone }: Props) {
  const id = useId();
  const initialTime = editableTime(entry);
  const [notes, setNotes] = useState(entry.notes);
  const [time, setTime] = useState(initialTime);
  const [day, setDay] = useState(entry.day);
  const [booking, setBooking] = useState(bookingValue(entry.booking));
  const recent = useMemo(() => recentBookings(entry.task, lastBooking.value, entries.value), [entry.task]);
  const bookingChanged = booking !== bookingValue(entry.booking);
  const labels = useLabels(booking, { entry });
  const [timeError, setTimeError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => notesRef.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const timeChanged = time.trim() !== initialTime;
    const dayChanged = day !== entry.day;
    if (timeChanged) {
      const why = checkTime(time);
      setTimeError(why ?? '');
      if (why) return document.getElementById(`${id}-time`)?.focus();
    }
    setBusy(true);
    setError('');
    const reply = await send({
      type: 'entry.update',
      id: entry.id,
      notes: notes !== entry.notes ? notes : undefined,
      // A range is re-anchored on its new day, so it travels with a date change.
      time: timeChanged || dayChanged ? time.trim() : undefined,
      day: dayChanged ? day : undefined,
      booking: bookingChanged ? parseBookingValue(booking) : undefined,
      ...editedLabels(labels, entry),
    });
    setBusy(false);
    if (reply.ok) onDone(true);
    else setError(reply.error);
  }

  return (
    <form class="entry-editor timer-form" onSubmit={submit}>
      {accounts.value.length > 0 && <BookingPicker value={booking} onChange={setBooking} recent={recent} />}
      <Destination value={booking} />
      <LabelsFields labels={labels} />
      <div class="field">
        <label for={`${id}-notes`}>{t('notes_label')}</label>
        <textarea id={`${id}-notes`} ref={notesRef} name="notes" rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </div>
      <div class="row">
        <TimeField
          id={`${id}-time`}
          value={time}
          error={timeError}
          onInput={(v) => {
            setTime(v);
            if (timeError) setTimeError('');
          }}
        />
        <div class="field date-field">
          <label for={`${id}-day`}>{t('date_label')}</label>
          <input id={`${id}-day`} name="day" type="date" value={day} required onInput={(e) => setDay(e.currentTarget.value)} />
        </div>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}
