import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, defaultAccount } from '@/lib/ui/state';
import { AccountCard } from './AccountCard';
import { ActivityPreferences } from './ActivityPreferences';
import { AddAccount } from './AddAccount';
import { OptionsNav } from './OptionsNav';
import { Preferences } from './Preferences';
import { RulesSection } from './RulesSection';
import { SettingsTransfer } from './SettingsTransfer';
import { SitesPanel } from './SitesPanel';
import { SuggestionPreferences } from './SuggestionPreferences';

/**
 * The options page in sections, with in-page navigation: Accounts (the linked ones, then "Add account" and only
 * the chosen tracker's form), Sites (repairs behind "Repair a site"), Rules, Preferences (saved as they change),
 * Data (export and import).
 */
export function Options() {
  // Opening the options page is a moment to sync: the statuses below are then fresh.
  useEffect(() => void send({ type: 'sync.now' }), []);
  const local = defaultAccount.value === 'local';
  return (
    <div class="options-layout">
      <OptionsNav />
      <main class="options">
        <h1>{t('options_title')}</h1>
        <section id="accounts" aria-labelledby="accounts-title" class="options-section">
          <h2 id="accounts-title">{t('accounts')}</h2>
          <ul class="accounts">
            {accounts.value.map((a) => (
              <AccountCard key={a.id} account={a} />
            ))}
            <li class="account" data-account-id="local">
              <div class="account-head">
                <strong>{t('local_name')}</strong> <span>{t('local_where')}</span>
                {local && <span class="badge">{t('default_badge')}</span>}
              </div>
              <p class="muted">{t('local_desc')}</p>
              {!local && (
                <div class="actions left">
                  <button type="button" onClick={() => void send({ type: 'account.default', id: 'local' })}>
                    {t('make_default')}
                  </button>
                </div>
              )}
            </li>
          </ul>
          <AddAccount />
        </section>
        <div id="sites-section" class="options-section">
          <SitesPanel />
        </div>
        <div id="rules" class="options-section">
          <RulesSection />
        </div>
        <div id="preferences" class="options-section">
          <Preferences />
          <ActivityPreferences />
          <SuggestionPreferences />
        </div>
        <div id="data" class="options-section">
          <SettingsTransfer />
        </div>
      </main>
    </div>
  );
}
