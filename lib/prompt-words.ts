import type { Prompt, PromptChoice } from './core/activity';
import { formatDurationWords, t } from './i18n';

/**
 * How a question about the running timer is worded, once, for the notification (lib/background/notify.ts), the
 * popup and the modal (components/shared/PromptCard.tsx): the same choices under the same names everywhere.
 */

/** The choices a question offers, in the order shown (all of them in the popup and the modal). */
export const CHOICES: Record<Prompt['kind'], PromptChoice[]> = { idle: ['keep', 'discard', 'stop'], forgotten: ['stop', 'keep'] };

/** A choice's label; `time` is the question's `from` as a wall-clock time. */
export function choiceLabel(choice: PromptChoice, kind: Prompt['kind'], time: string): string {
  if (choice === 'keep') return t(kind === 'idle' ? 'prompt_keep' : 'prompt_keep_running');
  if (choice === 'discard') return t('prompt_discard');
  return t('prompt_stop_at', time);
}

/** The heading and the line under it; `runMs`: how long the timer has run (a forgotten timer's). */
export function promptText(prompt: Prompt, time: string, runMs: number): { heading: string; detail: string } {
  return prompt.kind === 'idle'
    ? { heading: t('prompt_idle_heading', formatDurationWords(prompt.idleMs)), detail: t('prompt_idle_detail', time) }
    : { heading: t('prompt_forgotten_heading', formatDurationWords(runMs)), detail: t('prompt_forgotten_detail', time) };
}
