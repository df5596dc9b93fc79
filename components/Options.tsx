import { useEffect } from 'preact/hooks';
import { send } from '@/lib/client';
import { accounts, defaultAccount } from '@/lib/ui-state';
import { AccountCard } from './AccountCard';
import { LinkHarvest } from './LinkHarvest';
import { SitesSection } from './SitesSection';

export function Options() {
  // Opening the options page is a moment to sync: the statuses below are then fresh.
  useEffect(() => void send({ type: 'sync.now' }), []);
  const local = defaultAccount.value === 'local';
  return (
    <main class="options">
      <h1>Stint options</h1>
      <section aria-labelledby="accounts">
        <h2 id="accounts">Accounts</h2>
        <ul class="accounts">
          <li class="account" data-account-id="local">
            <div class="account-head">
              <strong>Local</strong> <span>this browser</span>
              {local && <span class="badge">Default</span>}
            </div>
            <p class="muted">Entries stay in this browser. No account needed.</p>
            {!local && (
              <div class="actions left">
                <button type="button" onClick={() => void send({ type: 'account.default', id: 'local' })}>
                  Make default
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
      <SitesSection />
    </main>
  );
}
