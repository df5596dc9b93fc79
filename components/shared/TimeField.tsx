import { parseClock, parseManualTime } from '@/lib/core/time';
import { t } from '@/lib/i18n';

/** What is wrong with a typed time, in the UI language, followed by every accepted form; null when it is fine. */
export function checkTime(input: string): string | null {
  if (parseManualTime(input).ok) return null;
  const text = input.trim().replace(/\s+/g, ' ').slice(0, 40);
  const range = /^(.+?)\s*(?:-|–|—|to)\s*(.+)$/i.exec(text);
  let why: string;
  if (range?.[1] && range[2]) {
    const start = parseClock(range[1]);
    const end = parseClock(range[2]);
    why = start !== null && end !== null ? t('time_backwards', text) : t('time_bad_range', text);
  } else {
    why = t('time_invalid', text);
  }
  return `${why} ${t('time_formats')}`;
}

interface Props {
  id: string;
  value: string;
  onInput(value: string): void;
  /** The message from checkTime(), shown under the field. */
  error: string;
  /** The timer form says "leave empty to start a timer"; the entry editor does not. */
  emptyStarts?: boolean;
}

/** The time field: a duration (`1:30`, `1.5h`, `90m`…) or a range (`9:00-10:30`, `9am-10:30am`). */
export function TimeField({ id, value, onInput, error, emptyStarts }: Props) {
  return (
    <div class="field">
      <label for={id}>{t('time_label')}</label>
      <input
        id={id}
        name="time"
        value={value}
        placeholder={t('time_placeholder')}
        autocomplete="off"
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        aria-invalid={error !== ''}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p id={`${id}-help`} class="help">
        {emptyStarts ? t('time_help_start') : t('time_help_edit')}
      </p>
      {error && (
        <p id={`${id}-error`} class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
