import { useState } from 'preact/hooks';
import { initialBooking, parseBookingValue } from '@/lib/core/booking';
import { type Suggestion, suggestionMinutes, suggestions } from '@/lib/core/seen';
import { dayKey } from '@/lib/core/time';
import { renderNotes } from '@/lib/core/tracker';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { assignments, defaultAccount, entries, lastBooking, minuteNow, rules, seen, settings, timer } from '@/lib/ui/state';
import { Icon } from '../shared/Icon';

/**
 * On-device suggestions (opt-in, lib/core/seen.ts): today's time on task pages that no entry holds yet, most first.
 * One click makes it a manual entry for today, booked as a one-click start would be (the rule, else the booking
 * remembered for the task's group, else the default account), through `entry.save` and the outbox like any entry;
 * once made, its time is tracked and the suggestion is gone.
 */
export function Suggestions({ onNotice, onError }: { onNotice(message: string): void; onError(message: string): void }) {
  const [busy, setBusy] = useState(false);
  if (!settings.value.suggestions) return null;
  const at = Math.max(minuteNow.value, Date.now());
  const day = dayKey(at);
  const list = suggestions(seen.value[day], day, entries.value, timer.value, at);
  if (list.length === 0) return null;

  async function add(s: Suggestion) {
    setBusy(true);
    const ctx = {
      lastBooking: lastBooking.value,
      defaultAccount: defaultAccount.value,
      assignments: assignments.value,
      rules: rules.value,
    };
    const minutes = suggestionMinutes(s.ms);
    const reply = await send({
      type: 'entry.save',
      task: s.task,
      notes: renderNotes(settings.value.notesTemplate, s.task),
      time: `${minutes}m`,
      day,
      booking: parseBookingValue(initialBooking(s.task, ctx).value),
    });
    setBusy(false);
    if (reply.ok) onNotice(t('suggest_added', String(minutes), s.task.id));
    else onError(reply.error);
  }
  async function dismiss(s: Suggestion) {
    const reply = await send({ type: 'seen.dismiss', day, key: s.key });
    if (!reply.ok) onError(reply.error);
  }

  return (
    <section class="suggestions" aria-labelledby="suggest-heading">
      <h2 id="suggest-heading">{t('suggest_heading')}</h2>
      <p class="muted">{t('suggest_help')}</p>
      <ul>
        {list.map((s) => {
          const minutes = String(suggestionMinutes(s.ms));
          return (
            <li key={s.key} data-task-key={s.key}>
              <span class="suggestion-text" title={s.task.title}>
                {t('suggest_item', s.task.id, minutes)}
              </span>
              <button type="button" disabled={busy} aria-label={t('suggest_add_label', minutes, s.task.id)} onClick={() => void add(s)}>
                <Icon name="plus" /> {t('suggest_add')}
              </button>
              <button type="button" class="icon" aria-label={t('suggest_dismiss_label', s.task.id)} onClick={() => void dismiss(s)}>
                <Icon name="close" />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
