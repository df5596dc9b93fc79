import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { providerName } from '@/lib/providers/catalog';
import { LinkClockify } from './LinkClockify';
import { LinkHarvest } from './LinkHarvest';
import { LinkToggl } from './LinkToggl';

const FORMS = { harvest: LinkHarvest, clockify: LinkClockify, toggl: LinkToggl } as const;
type Choice = keyof typeof FORMS;
const CHOICES = Object.keys(FORMS) as Choice[];

/**
 * "Add account": the user picks a tracker, then sees only its form (the options page and the welcome page).
 * Three link forms open at once were most of a 2,400 px page.
 */
export function AddAccount({ heading = 'add_account' }: { heading?: 'add_account' | 'welcome_link_title' }) {
  const [choice, setChoice] = useState<Choice | null>(null);
  const Form = choice ? FORMS[choice] : null;
  return (
    <div class="add-account" data-choice={choice ?? ''}>
      <fieldset class="chooser">
        <legend>{t(heading)}</legend>
        {CHOICES.map((c) => (
          <button key={c} type="button" aria-pressed={choice === c} onClick={() => setChoice(choice === c ? null : c)}>
            {providerName(c)}
          </button>
        ))}
      </fieldset>
      {Form && <Form />}
    </div>
  );
}
