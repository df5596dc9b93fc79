import { browser } from 'wxt/browser';
import { accounts, pending, status } from '@/lib/ui-state';

/** One line per account that is not simply up to date: changes waiting, offline, reconnect, refused entries. */
export function SyncBanner() {
  const lines = accounts.value.flatMap((account) => {
    const st = status.value[account.id];
    const waiting = pending.value[account.id] ?? 0;
    if ((!st || st.state === 'ok') && waiting === 0) return [];
    const count = waiting > 0 ? `${waiting} change${waiting === 1 ? '' : 's'} waiting` : '';
    const state = st?.state ?? 'syncing';
    const text =
      state === 'offline'
        ? `${count || 'Nothing waiting'} — offline`
        : state === 'needs-reconnect'
          ? `Reconnect ${account.accountName}${count ? ` (${count})` : ''}`
          : st && state !== 'ok'
            ? `${st.message}${count ? ` (${count})` : ''}`
            : `${count} — syncing`;
    return [{ id: account.id, state, text }];
  });
  if (lines.length === 0) return null;
  return (
    <div role="status" aria-live="polite">
      {lines.map((l) => (
        <p key={l.id} class="sync-banner" data-state={l.state} data-account-id={l.id}>
          {l.text}
          {l.state === 'needs-reconnect' && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
                Open options
              </button>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
