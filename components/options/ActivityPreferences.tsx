import { useId, useRef, useState } from 'preact/hooks';
import { t, weekdayName } from '@/lib/i18n';
import type { Message } from '@/lib/protocol/messages';
import { send } from '@/lib/ui/client';
import { settings } from '@/lib/ui/state';
import { SaveStatus } from './SaveStatus';

type Patch = Omit<Extract<Message, { type: 'settings.update' }>, 'type'>;
const IDLE_CHOICES = [0, 5, 10, 15, 20, 30, 60] as const;
/** Monday first, as a working week reads (Date#getDay numbering). */
const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Idle time and reminders (lib/core/activity.ts): the idle threshold (or never), when a timer counts as forgotten
 * (past an end of day, longer than some hours), and the opt-in reminder to track in working days and hours. Each
 * change is saved as it is made, like the other preferences.
 */
export function ActivityPreferences() {
  const id = useId();
  const s = settings.value;
  const r = s.trackReminder;
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  async function save(patch: Patch) {
    setStatus('');
    setError('');
    const reply = await send({ type: 'settings.update', ...patch });
    if (reply.ok) setStatus(t('prefs_saved'));
    else setError(reply.error);
  }
  // The reminder is saved whole: two quick edits (from, then to) must build on each other, not on the settings the
  // page had before either landed. The last one sent is the base until the page's settings show it.
  const sent = useRef<typeof r | null>(null);
  if (sent.current && JSON.stringify(sent.current) === JSON.stringify(r)) sent.current = null;
  const saveReminder = (patch: Partial<typeof r>) => {
    const next = { ...(sent.current ?? settings.value.trackReminder), ...patch };
    sent.current = next;
    void save({ trackReminder: next });
  };
  const whole = (text: string, min: number, max: number) => {
    const n = Number(text);
    return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
  };

  return (
    <section aria-labelledby={`${id}-title`} class="activity-prefs">
      <h2 id={`${id}-title`}>{t('activity_title')}</h2>
      <p class="muted">{t('activity_help')}</p>
      <div class="stack">
        <div class="row">
          <div class="field">
            <label for={`${id}-idle`}>{t('idle_after')}</label>
            <select
              id={`${id}-idle`}
              name="idle-minutes"
              value={String(s.idleMinutes)}
              onChange={(e) => void save({ idleMinutes: Number(e.currentTarget.value) })}
            >
              {/* A value set elsewhere (an import) that the list lacks is still shown as chosen. */}
              {[...new Set([...IDLE_CHOICES, s.idleMinutes])].map((m) => (
                <option key={m} value={String(m)}>
                  {m === 0 ? t('idle_never') : t('idle_minutes', m)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-eod`}>{t('end_of_day')}</label>
            <input
              id={`${id}-eod`}
              name="end-of-day"
              type="time"
              value={s.endOfDay}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (v === '' || CLOCK.test(v)) void save({ endOfDay: v });
              }}
            />
          </div>
          <div class="field">
            <label for={`${id}-max`}>{t('max_hours')}</label>
            <input
              id={`${id}-max`}
              name="max-hours"
              type="number"
              min={0}
              max={24}
              value={String(s.maxTimerHours)}
              onChange={(e) => {
                const n = whole(e.currentTarget.value, 0, 24);
                if (n !== null) void save({ maxTimerHours: n });
              }}
            />
          </div>
        </div>
        <label class="check">
          <input
            type="checkbox"
            name="track-enabled"
            checked={r.enabled}
            onChange={(e) => saveReminder({ enabled: e.currentTarget.checked })}
          />
          {t('track_enabled')}
        </label>
        <fieldset class="days" disabled={!r.enabled}>
          <legend>{t('track_days')}</legend>
          {DAYS.map((d) => (
            <label key={d} class="check">
              <input
                type="checkbox"
                name={`track-day-${d}`}
                checked={r.days.includes(d)}
                onChange={(e) => {
                  const days = settings.value.trackReminder.days.filter((x) => x !== d);
                  saveReminder({ days: e.currentTarget.checked ? [...days, d].sort() : days });
                }}
              />
              {weekdayName(d)}
            </label>
          ))}
        </fieldset>
        <div class="row">
          <div class="field">
            <label for={`${id}-from`}>{t('track_from')}</label>
            <input
              id={`${id}-from`}
              name="track-from"
              type="time"
              disabled={!r.enabled}
              value={r.from}
              onChange={(e) => CLOCK.test(e.currentTarget.value) && saveReminder({ from: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`${id}-to`}>{t('track_to')}</label>
            <input
              id={`${id}-to`}
              name="track-to"
              type="time"
              disabled={!r.enabled}
              value={r.to}
              onChange={(e) => CLOCK.test(e.currentTarget.value) && saveReminder({ to: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`${id}-after`}>{t('track_after')}</label>
            <input
              id={`${id}-after`}
              name="track-after"
              type="number"
              min={1}
              max={240}
              disabled={!r.enabled}
              value={String(r.afterMinutes)}
              onChange={(e) => {
                const n = whole(e.currentTarget.value, 1, 240);
                if (n !== null) saveReminder({ afterMinutes: n });
              }}
            />
          </div>
        </div>
        <SaveStatus status={status} error={error} />
      </div>
    </section>
  );
}
