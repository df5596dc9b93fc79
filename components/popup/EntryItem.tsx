import { useEffect, useRef, useState } from 'preact/hooks';
import { type Entry, entryDuration } from '@/lib/core/entry';
import { type Clock, formatClock, t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { now } from '@/lib/ui/state';
import { Duration } from '../shared/Duration';
import { EntryEditor } from './EntryEditor';

interface Props {
  entry: Entry;
  clock?: Clock;
  /** Something happened worth saying (saved, deleted, an error). */
  onNotice(message: string, isError?: boolean): void;
}

const titleOf = (e: Entry) => e.notes || (e.task ? e.task.title || e.task.id : '') || t('no_notes');

/** One entry of the day: what, when, how long; continue, edit, delete (with a confirmation). */
export function EntryItem({ entry, clock, onNotice }: Props) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const back = useRef<'edit' | 'delete' | null>(null);
  const title = titleOf(entry);
  const ms = entryDuration(entry, now.value);

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

  const when =
    entry.startedAt !== null
      ? entry.running
        ? t('running_since', formatClock(entry.startedAt, clock))
        : entry.endedAt !== null
          ? `${formatClock(entry.startedAt, clock)} – ${formatClock(entry.endedAt, clock)}`
          : ''
      : '';

  return (
    <li data-entry-id={entry.id} data-running={entry.running ? 'true' : undefined} class={mode === 'edit' ? 'editing' : undefined}>
      <div class="entry-row">
        <div class="entry-text">
          {entry.task ? (
            <a href={entry.task.url} target="_blank" rel="noreferrer">
              {title}
            </a>
          ) : (
            <span>{title}</span>
          )}
          {when && <span class="muted">{when}</span>}
        </div>
        <Duration class="duration" ms={ms} />
        {!entry.running && mode === 'view' && (
          <div class="entry-actions">
            <button
              type="button"
              class="icon"
              disabled={busy}
              aria-label={t('entry_continue_label', title)}
              title={t('entry_continue')}
              onClick={() => void act({ type: 'entry.continue', id: entry.id }, t('entry_continued'))}
            >
              <span aria-hidden="true">▶</span>
            </button>
            <button
              type="button"
              class="icon"
              ref={editRef}
              aria-label={t('entry_edit_label', title)}
              title={t('edit')}
              onClick={() => setMode('edit')}
            >
              <span aria-hidden="true">✎</span>
            </button>
            <button
              type="button"
              class="icon danger"
              ref={deleteRef}
              aria-label={t('entry_delete_label', title)}
              title={t('delete')}
              onClick={() => setMode('confirm')}
            >
              <span aria-hidden="true">✕</span>
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
