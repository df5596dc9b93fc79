import { useEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, defaultAccount } from '@/lib/ui/state';
import { AccountCard } from './AccountCard';
import { LinkClockify } from './LinkClockify';
import { LinkHarvest } from './LinkHarvest';
import { LinkToggl } from './LinkToggl';
import { Preferences } from './Preferences';
import { RulesSection } from './RulesSection';
import { SettingsTransfer } from './SettingsTransfer';
import { SitesSection } from './SitesSection';

export function Options() {
  // Opening the options page is a moment to sync: the statuses below are then fresh.
  useEffect(() => void send({ type: 'sync.now' }), []);
  const local = defaultAccount.value === 'local';
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <section aria-labelledby="accounts">
        <h2 id="accounts">{t('accounts')}</h2>
        <ul class="accounts">
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
          {accounts.value.map((a) => (
            <AccountCard key={a.id} account={a} />
          ))}
        </ul>
      </section>
      <LinkHarvest />
      <LinkClockify />
      <LinkToggl />
      <RulesSection />
      <Preferences />
      <SitesSection />
      <SettingsTransfer />
    </main>
  );
}
