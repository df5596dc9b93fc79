import { useEffect, useRef, useState } from 'preact/hooks';
import { bookingLabel } from '@/lib/core/booking';
import { type Entry, entryDuration } from '@/lib/core/entry';
import { extraNotes } from '@/lib/core/tracker';
import { type Clock, formatClock, t } from '@/lib/i18n';
import { providerName } from '@/lib/providers/catalog';
import { send } from '@/lib/ui/client';
import { minuteNow, pending, settings } from '@/lib/ui/state';
import { Duration } from '../shared/Duration';
import { Icon } from '../shared/Icon';
import { EntryEditor } from './EntryEditor';

interface Props {
  entry: Entry;
  clock?: Clock;
  /** Something happened worth saying (saved, deleted, an error). */
  onNotice(message: string, isError?: boolean): void;
}

const titleOf = (e: Entry) => (e.task ? e.task.title || e.task.id : e.notes) || t('no_notes');

/** When it ran: "9:00 AM – 10:30 AM"; one time when it started and ended in the same minute; nothing for a plain duration. */
function whenOf(e: Entry, clock?: Clock): string {
  if (e.startedAt === null) return '';
  const start = formatClock(e.startedAt, clock);
  if (e.running) return t('running_since', start);
  if (e.endedAt === null) return '';
  const end = formatClock(e.endedAt, clock);
  return end === start ? start : `${start} – ${end}`;
}

/** One entry of the day: what, where it is booked, when, how long, its sync state; continue, edit, delete. */
export function EntryItem({ entry, clock, onNotice }: Props) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const back = useRef<'edit' | 'delete' | null>(null);
  const title = titleOf(entry);
  const notes = extraNotes(entry, settings.value.notesTemplate);
  // Only a running entry's time moves (a stopped one's never re-renders with the clock).
  const ms = entry.running ? entryDuration(entry, minuteNow.value) : entry.durationMs;
  // A dot for a change not yet synced; a red one, with the server's words, for one it refused.
  const sync = pending.value.entries[entry.id];
  const syncLabel = sync ? (sync.state === 'refused' ? t('entry_refused', sync.error ?? '') : t('entry_waiting')) : '';
  const meta = [entry.booking ? bookingLabel(entry.booking) || t('no_project') : t('local_booking'), whenOf(entry, clock)]
    .filter(Boolean)
    .join(' · ');

  useEffect(() => {
    if (mode === 'confirm') confirmRef.current?.focus();
    if (mode === 'view' && back.current) (back.current === 'edit' ? editRef : deleteRef).current?.focus();
    back.current = null;
  }, [mode]);

  async function act(message: Parameters<typeof send>[0], done: string) {
    setBusy(true);
    const reply = await send(message);
    setBusy(false);
    onNotice(reply.ok ? done : reply.error, !reply.ok);
  }

  return (
    <li
      data-entry-id={entry.id}
      data-running={entry.running ? 'true' : undefined}
      data-sync={sync?.state}
      class={mode === 'edit' ? 'editing' : undefined}
    >
      <div class="entry-row">
        <div class="entry-text">
          {entry.task ? (
            <a class="entry-title" href={entry.task.url} target="_blank" rel="noreferrer" title={title}>
              {title}
            </a>
          ) : (
            <span class="entry-title" title={title}>
              {title}
            </span>
          )}
          {notes && <span class="entry-notes">{notes}</span>}
          <span class="muted entry-meta">{meta}</span>
          {(entry.tags?.length || entry.billable) && (
            <span class="muted entry-tags" data-testid="entry-tags">
              {[...(entry.tags ?? []).map((tag) => `#${tag.name}`), ...(entry.billable ? [t('entry_billable')] : [])].join(' · ')}
            </span>
          )}
          {sync?.state === 'refused' && <span class="error entry-refused">{syncLabel}</span>}
          {sync?.changedElsewhere && entry.booking && (
            <span class="entry-changed-elsewhere" data-changed-elsewhere="true">
              {t('entry_changed_elsewhere', providerName(entry.booking.accountId.split(':')[0] ?? ''))}
            </span>
          )}
        </div>
        {sync && (
          <span class="entry-sync" data-sync={sync.state} title={syncLabel}>
            <span class="sr-only">{syncLabel}</span>
          </span>
        )}
        <Duration class="duration" ms={ms} />
        {!entry.running && mode === 'view' && (
          <div class="entry-actions">
            <button
              type="button"
              class="icon"
              disabled={busy}
              aria-label={t('entry_continue_label', title)}
              title={t('entry_continue')}
              // No notice: the running card appearing (and the announcement) says it, and leaves when it stops.
              onClick={() => void act({ type: 'entry.continue', id: entry.id }, '')}
            >
              <Icon name="play" />
            </button>
            <button
              type="button"
              class="icon"
              ref={editRef}
              aria-label={t('entry_edit_label', title)}
              title={t('edit')}
              onClick={() => setMode('edit')}
            >
              <Icon name="edit" />
            </button>
            <button
              type="button"
              class="icon danger"
              ref={deleteRef}
              aria-label={t('entry_delete_label', title)}
              title={t('delete')}
              onClick={() => setMode('confirm')}
            >
              <Icon name="close" />
            </button>
          </div>
        )}
      </div>
      {mode === 'confirm' && (
        <div class="confirm">
          <span>{t('delete_confirm')}</span>
          <button
            type="button"
            class="danger"
            ref={confirmRef}
            disabled={busy}
            onClick={() => void act({ type: 'entry.delete', id: entry.id }, t('entry_deleted'))}
          >
            {t('delete')}
          </button>
          <button
            type="button"
            onClick={() => {
              back.current = 'delete';
              setMode('view');
            }}
          >
            {t('cancel')}
          </button>
        </div>
      )}
      {mode === 'edit' && (
        <EntryEditor
          entry={entry}
          onDone={(saved) => {
            back.current = 'edit';
            setMode('view');
            if (saved) onNotice(t('entry_saved'));
          }}
        />
      )}
    </li>
  );
}
