import { useState } from 'preact/hooks';
import { send } from '@/lib/client';
import { formatAgo, t, tp } from '@/lib/i18n';
import type { Account } from '@/lib/schemas';
import { assignments, defaultAccount, pending, status } from '@/lib/ui-state';

/** Product names: not translated. */
export const PROVIDER_NAMES: Record<Account['provider'], string> = { harvest: 'Harvest', clockify: 'Clockify', toggl: 'Toggl Track' };

/** One linked account: who it is connected as, its status with the fix, and what can be done with it. */
export function AccountCard({ account }: { account: Account }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const st = status.value[account.id];
  const waiting = pending.value[account.id] ?? 0;
  const projects = assignments.value[account.id]?.list.length ?? 0;
  const isDefault = defaultAccount.value === account.id;
  const provider = PROVIDER_NAMES[account.provider];

  async function act(label: string, message: Parameters<typeof send>[0]) {
    setBusy(label);
    setError('');
    const reply = await send(message);
    setBusy('');
    if (!reply.ok) setError(reply.error);
  }

  const healthy = !st || st.state === 'ok' || st.state === 'syncing';
  const facts = [
    t('connected_as', account.userName),
    ...(st?.lastSyncAt ? [t('last_sync', formatAgo(st.lastSyncAt))] : []),
    tp('pairs', projects),
    ...(waiting > 0 ? [tp('changes_waiting', waiting)] : []),
  ];
  return (
    <li class="account" data-account-id={account.id} data-state={st?.state ?? 'ok'}>
      <div class="account-head">
        <strong>{provider}</strong> <span>{account.accountName}</span>
        {isDefault && <span class="badge">{t('default_badge')}</span>}
      </div>
      <p class="muted">{facts.join(' — ')}</p>
      {!healthy && st && (
        <p class="error" role="status">
          {st.message}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions left">
        {!isDefault && (
          <button type="button" disabled={!!busy} onClick={() => act('default', { type: 'account.default', id: account.id })}>
            {t('make_default')}
          </button>
        )}
        <button type="button" disabled={!!busy} onClick={() => act('refresh', { type: 'account.refresh', id: account.id })}>
          {busy === 'refresh' ? t('refreshing') : t('refresh_projects')}
        </button>
        {st && !healthy && st.state !== 'needs-reconnect' && (
          <button type="button" disabled={!!busy} onClick={() => act('retry', { type: 'sync.now' })}>
            {t('retry_now')}
          </button>
        )}
        <button
          type="button"
          class="danger"
          disabled={!!busy}
          aria-label={t('remove_named', `${provider} ${account.accountName}`)}
          onClick={() => act('remove', { type: 'account.unlink', id: account.id })}
        >
          {t('remove')}
        </button>
      </div>
    </li>
  );
}
