import { browser } from 'wxt/browser';
import { t, tp } from '@/lib/i18n';
import { accounts, pending, status } from '@/lib/ui/state';

/** One line per account that is not simply up to date: changes waiting, offline, reconnect, refused entries. */
export function SyncBanner() {
  const lines = accounts.value.flatMap((account) => {
    const st = status.value[account.id];
    const waiting = pending.value[account.id] ?? 0;
    if ((!st || st.state === 'ok') && waiting === 0) return [];
    const count = waiting > 0 ? tp('changes_waiting', waiting) : '';
    // No status yet: the first sync is under way.
    const state = st?.state ?? 'syncing';
    const text =
      state === 'offline'
        ? t('sync_offline', count || t('sync_nothing_waiting'))
        : state === 'needs-reconnect'
          ? count
            ? t('sync_reconnect_waiting', account.accountName, count)
            : t('sync_reconnect', account.accountName)
          : st && state !== 'ok' && state !== 'syncing'
            ? count
              ? t('sync_message_waiting', st.message, count)
              : st.message
            : count
              ? t('sync_syncing', count)
              : t('syncing');
    return [{ id: account.id, state, text }];
  });
  return (
    <div role="status" aria-live="polite" class="sync-status">
      {lines.map((l) => (
        <p key={l.id} class="sync-banner" data-state={l.state} data-account-id={l.id}>
          {l.text}
          {l.state === 'needs-reconnect' && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
                {t('open_options')}
              </button>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
