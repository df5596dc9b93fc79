import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { accounts, pending, status } from '@/lib/ui/state';
import { accountLabel, syncFacts, syncLine } from '@/lib/ui/sync-words';

/**
 * One line per linked account, always: "Synced to Harvest · 2 min ago" when all is well, else the one state that
 * matters (lib/core/sync-state.ts), worded once, with its action: Retry now when it resolves by itself anyway,
 * Reconnect when only the user can fix it. Refused entries are marked in the list below, where they are edited.
 */
export function SyncBanner() {
  const list = accounts.value;
  return (
    <div role="status" aria-live="polite" class="sync-status">
      {list.map((account) => {
        const f = syncFacts(account, status.value, pending.value);
        return (
          <p key={account.id} class="sync-banner" data-state={f.state} data-account-id={account.id}>
            <span class="sync-dot" aria-hidden="true" />
            <span class="sync-text">{syncLine(accountLabel(account, list), f)}</span>
            {(f.state === 'offline' || f.state === 'trouble') && (
              <button type="button" class="link" onClick={() => void send({ type: 'sync.now' })}>
                {t('retry_now')}
              </button>
            )}
            {f.state === 'reconnect' && (
              <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
                {t('reconnect')}
              </button>
            )}
          </p>
        );
      })}
    </div>
  );
}
