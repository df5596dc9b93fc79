import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseBookingValue, recentBookings } from '@/lib/core/booking';
import type { Task } from '@/lib/core/entry';
import { missingFields, type RequiredField } from '@/lib/core/required';
import { prefill } from '@/lib/core/span';
import { renderNotes } from '@/lib/core/tracker';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, entries, lastBooking, settings, timer } from '@/lib/ui/state';
import { BookingPicker } from './BookingPicker';
import { Destination } from './Destination';
import { LabelsFields } from './LabelsFields';
import { StopsNote } from './StopsNote';
import { checkTime, TimeField } from './TimeField';
import { useBooking } from './useBooking';
import { useLabels } from './useLabels';

const REQUIRED_WORDS = { project: 'req_project', task: 'req_task', description: 'req_description', tags: 'req_tags' } as const;

/** The fields the booked workspace still requires of this entry (the service refuses the same). */
export function requiredMissing(booking: string, notes: string, tags = 0): RequiredField[] {
  const ref = parseBookingValue(booking);
  const account = ref ? accounts.value.find((a) => a.id === ref.accountId) : undefined;
  return ref && account ? missingFields(account.required, { ...ref, notes, tags }) : [];
}

/** What the booked workspace still requires, in words ('' when nothing). */
export function requiredNote(booking: string, notes: string, tags = 0): string {
  const missing = requiredMissing(booking, notes, tags);
  return missing.length ? t('required_missing', missing.map((f) => t(REQUIRED_WORDS[f])).join(', ')) : '';
}

/** A new entry's tags and billable flag as the intent carries them (nothing for a tracker without tags). */
export function labelsToSend(labels: ReturnType<typeof useLabels>): { tags?: string[]; billable?: boolean } {
  if (!labels.info.tagged) return {};
  return { tags: labels.tags, ...(labels.billable !== undefined ? { billable: labels.billable } : {}) };
}

/** Where a form puts the focus when a required field is missing: the notes, else the tags, else the project picker. */
export function requiredFocus(missing: readonly RequiredField[], form: HTMLFormElement | null): void {
  const field = (name: string) => form?.querySelector<HTMLElement>(`[name="${name}"]`);
  const target = missing.includes('description')
    ? (field('notes') ?? field('quick-notes'))
    : missing.includes('tags')
      ? field('tags-search')
      : field('booking-search');
  target?.focus();
}

interface Props {
  task: Task | null;
  /** Called after the intent was accepted. */
  onDone(): void;
  /** Put the focus in the right field on mount: the picker when nothing is remembered, else the notes. */
  autoFocus?: boolean;
  /** Notes to start with when there is no task to render them from (the welcome page's demo card). */
  initialNotes?: string;
}

/** The timer form: project/task, notes, time (empty → Start timer; a duration or a range → Save entry), date. */
export function TimerForm({ task, onDone, autoFocus = true, initialNotes = '' }: Props) {
  const id = useId();
  const { booking, initial, choose } = useBooking(task);
  const labels = useLabels(booking, { task });
  const template = settings.value.notesTemplate;
  const rendered = renderNotes(template, task);
  const [attach, setAttach] = useState(settings.value.attachTask);
  const [notes, setNotes] = useState(() => (task && settings.value.attachTask ? rendered : initialNotes));
  // A meeting opens as its own entry: its date and its start–end range (the user may shorten it).
  const [start] = useState(() => prefill(task?.span, Date.now()));
  const [time, setTime] = useState(start.time);
  const [day, setDay] = useState(start.day);
  /** The same meeting is already logged that day: shown once, and the next Save logs it again on purpose. */
  const [logged, setLogged] = useState('');
  const [timeError, setTimeError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const recent = useMemo(() => recentBookings(task, lastBooking.value, [...(timer.value ? [timer.value] : []), ...entries.value]), [task]);
  const pickerRef = useRef<HTMLInputElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const showPicker = accounts.value.length > 0;
  const manual = time.trim() !== '';
  const required = requiredNote(booking, notes, labels.tags.length);

  // As the form first renders (a layout effect), not a frame later: a later focus would pull it away from a field
  // the user already went to, closing the list they had opened.
  useLayoutEffect(() => {
    if (!autoFocus) return;
    if (showPicker && initial.from !== 'remembered') return pickerRef.current?.focus();
    const el = notesRef.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []); // only on open

  function toggleAttach(on: boolean) {
    setAttach(on);
    if (on && notes.trim() === '') setNotes(rendered);
    if (!on && notes === rendered) setNotes('');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (manual) {
      const why = checkTime(time);
      setTimeError(why ?? '');
      if (why) {
        document.getElementById(`${id}-time`)?.focus();
        return;
      }
    }
    // The workspace's required fields, before sending (the message is already on screen, next to the fields).
    if (required) return requiredFocus(requiredMissing(booking, notes, labels.tags.length), event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    const ref = parseBookingValue(booking);
    const classes = labelsToSend(labels);
    const reply = await send(
      manual
        ? { type: 'entry.save', task, notes, time, day, booking: ref, ...classes, ...(logged ? { again: true } : {}) }
        : { type: 'timer.start', task, notes, booking: ref, ...classes },
    );
    setBusy(false);
    if (reply.ok) onDone();
    else if (reply.kind === 'logged') setLogged(reply.error);
    else setError(reply.error);
  }

  return (
    <form class="timer-form" onSubmit={submit}>
      {task && (
        <p class="task">
          <span class="task-id">{task.id}</span> {task.title}
        </p>
      )}
      {showPicker && <BookingPicker value={booking} onChange={choose} recent={recent} inputRef={pickerRef} />}
      <Destination value={booking} />
      <LabelsFields labels={labels} />
      <div class="field">
        <label for={`${id}-notes`}>{t('notes_label')}</label>
        <textarea id={`${id}-notes`} ref={notesRef} name="notes" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </div>
      {task && (
        <label class="check">
          <input type="checkbox" name="attach" checked={attach} onChange={(e) => toggleAttach(e.currentTarget.checked)} />
          {t('attach_task')}
        </label>
      )}
      <div class="row">
        <TimeField
          id={`${id}-time`}
          value={time}
          error={timeError}
          emptyStarts
          onInput={(v) => {
            setTime(v);
            if (timeError) setTimeError('');
          }}
        />
        {(manual || task?.span) && (
          <div class="field date-field">
            <label for={`${id}-day`}>{t('date_label')}</label>
            <input
              id={`${id}-day`}
              name="day"
              type="date"
              value={day}
              required
              onInput={(e) => {
                setDay(e.currentTarget.value);
                setLogged('');
              }}
            />
          </div>
        )}
      </div>
      {required && (
        <p class="error required" role="alert">
          {required}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {logged && (
        <p class="error logged" role="alert">
          {logged}
        </p>
      )}
      <div class="actions">
        {!manual && <StopsNote id={`${id}-stops`} />}
        <button type="submit" class="primary" disabled={busy} aria-describedby={!manual && timer.value ? `${id}-stops` : undefined}>
          {manual ? t(logged ? 'log_again' : 'save_entry') : t('start_timer')}
        </button>
      </div>
    </form>
  );
}
