import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { defaultAccount } from '@/lib/ui/state';
import { AddAccount } from '../options/AddAccount';
import { Destination } from '../shared/Destination';
import { DemoCard } from './DemoCard';

/**
 * The page a new user sees once, on install: what Stint does, a card to try it on, and where the time goes
 * (this browser, or a tracker linked right here). Everything else waits in the options.
 */
export function Welcome() {
  // The default account as a picker value (an account id with no project): Destination names it.
  const where = defaultAccount.value === 'local' ? 'local' : `${defaultAccount.value}||`;
  return (
    <main class="welcome">
      <header>
        <h1>{t('welcome_title')}</h1>
        <p class="lead">{t('welcome_lead')}</p>
      </header>
      <DemoCard />
      <section aria-labelledby="where-title" class="where">
        <h2 id="where-title">{t('welcome_where_title')}</h2>
        <Destination value={where} label={t('welcome_where_now')} />
        <div class="where-choices">
          <div class="where-choice">
            <h3>{t('welcome_local_title')}</h3>
            <p class="muted">{t('welcome_local_help')}</p>
          </div>
          <div class="where-choice">
            <h3>{t('welcome_tracker_title')}</h3>
            <AddAccount heading="welcome_link_title" />
          </div>
        </div>
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('welcome_next_title')}</h2>
        <ul class="next">
          <li>{t('welcome_next_pages')}</li>
          <li>{t('welcome_next_popup')}</li>
          <li>{t('welcome_next_shortcut')}</li>
        </ul>
        <p>
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('welcome_options')}
          </button>
        </p>
      </section>
    </main>
  );
}
