import { useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parseBookingValue, recentBookings } from '@/lib/core/booking';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, entries, lastBooking, timer } from '@/lib/ui/state';
import { BookingPicker } from '../shared/BookingPicker';
import { Destination } from '../shared/Destination';
import { LabelsFields } from '../shared/LabelsFields';
import { StopsNote } from '../shared/StopsNote';
import { labelsToSend, requiredFocus, requiredMissing, requiredNote } from '../shared/TimerForm';
import { useBooking } from '../shared/useBooking';
import { useLabels } from '../shared/useLabels';

/**
 * The popup's first question, as Clockify and Toggl ask it: "What are you working on?", with the project/task
 * picker and where the time will go; Start runs a timer with no task page (and says what it stops).
 */
export function QuickStart({ onError }: { onError(message: string): void }) {
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const { booking, choose, reset } = useBooking(null);
  const labels = useLabels(booking, { task: null });
  const recent = useMemo(() => recentBookings(null, lastBooking.value, entries.value), [lastBooking.value, entries.value]);
  const notesRef = useRef<HTMLInputElement>(null);
  const required = requiredNote(booking, notes, labels.tags.length);
  const linked = accounts.value.length > 0;

  async function start(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (required) return requiredFocus(requiredMissing(booking, notes, labels.tags.length), event.currentTarget as HTMLFormElement);
    setBusy(true);
    const reply = await send({
      type: 'timer.start',
      task: null,
      notes: notes.trim(),
      booking: parseBookingValue(booking),
      ...labelsToSend(labels),
    });
    setBusy(false);
    if (!reply.ok) return onError(reply.error);
    setNotes('');
    reset();
    labels.reset();
  }

  return (
    <section class="quick-start" aria-labelledby="quick-heading">
      <form class="timer-form" onSubmit={start}>
        <label id="quick-heading" for="quick-notes" class="quick-label">
          {t('quick_label')}
        </label>
        <input
          id="quick-notes"
          ref={notesRef}
          name="quick-notes"
          autocomplete="off"
          placeholder={t('quick_placeholder')}
          value={notes}
          onInput={(e) => setNotes(e.currentTarget.value)}
        />
        {linked && <BookingPicker value={booking} onChange={choose} recent={recent} />}
        {linked && <LabelsFields labels={labels} />}
        {required && (
          <p class="error required" role="alert">
            {required}
          </p>
        )}
        <div class="quick-row">
          <div class="quick-where">
            <Destination value={booking} />
            {!linked && (
              <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
                {t('quick_link_account')}
              </button>
            )}
          </div>
          <button type="submit" class="primary" disabled={busy} aria-describedby={timer.value ? 'quick-stops' : undefined}>
            {t('start_timer')}
          </button>
        </div>
        <StopsNote id="quick-stops" />
      </form>
    </section>
  );
}
