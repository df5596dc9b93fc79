import { useState } from 'preact/hooks';
import type { PromptChoice } from '@/lib/core/activity';
import { clockOf, formatClock } from '@/lib/i18n';
import { CHOICES, choiceLabel, promptText } from '@/lib/prompt-words';
import { send } from '@/lib/ui/client';
import { accounts, defaultAccount, minuteNow, prompt, settings, timer } from '@/lib/ui/state';

interface Props {
  onError(message: string): void;
}

/**
 * The question open about the running timer (lib/core/activity.ts): idle time (keep, discard, stop at the idle
 * start) or a forgotten timer (stop at the last activity, keep running). In the popup and in the modal of the
 * timer's task; renders nothing when no question is open. The answer is an intent (`prompt.resolve`).
 */
export function PromptCard({ onError }: Props) {
  const [busy, setBusy] = useState(false);
  const open = prompt.value;
  const run = timer.value;
  if (!open || !run || open.timerId !== run.id) return null;
  const time = formatClock(open.from, clockOf(accounts.value, defaultAccount.value, settings.value.clock));
  const { heading, detail } = promptText(open, time, minuteNow.value - (run.startedAt ?? run.createdAt));
  const answer = async (choice: PromptChoice) => {
    setBusy(true);
    const reply = await send({ type: 'prompt.resolve', timerId: open.timerId, choice });
    setBusy(false);
    if (!reply.ok) onError(reply.error);
  };
  return (
    <section class="prompt" data-kind={open.kind} aria-labelledby="prompt-heading">
      <h2 id="prompt-heading">{heading}</h2>
      <p class="muted">{detail}</p>
      <div class="actions left">
        {CHOICES[open.kind].map((choice) => (
          <button
            key={choice}
            type="button"
            data-choice={choice}
            class={choice === 'keep' ? '' : 'primary'}
            disabled={busy}
            onClick={() => void answer(choice)}
          >
            {choiceLabel(choice, open.kind, time)}
          </button>
        ))}
      </div>
    </section>
  );
}
