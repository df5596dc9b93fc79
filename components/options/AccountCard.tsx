import { useState } from 'preact/hooks';
import type { Account } from '@/lib/core/schemas';
import { formatAgo, t, tp } from '@/lib/i18n';
import { providerInfo, providerName } from '@/lib/providers/catalog';
import { send } from '@/lib/ui/client';
import { assignments, defaultAccount, pending, status } from '@/lib/ui/state';
import { AccountStatusNote } from './AccountStatusNote';
import { ReconnectForm } from './ReconnectForm';
import { requiredText } from './WorkspaceChoice';

/** Product names: not translated. */

/**
 * One linked account: "connected as NAME — workspace W — last sync T", or its problem with the reason and the fix
 * (Retry now, Reconnect), and what can be done with it.
 */
export function AccountCard({ account }: { account: Account }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [reconnecting, setReconnecting] = useState(false);
  const [done, setDone] = useState('');
  const st = status.value[account.id];
  const waiting = pending.value[account.id] ?? 0;
  const projects = assignments.value[account.id]?.list.length ?? 0;
  const isDefault = defaultAccount.value === account.id;
  const provider = providerName(account.provider);
  const label = `${provider} ${account.accountName}`;

  async function act(name: string, message: Parameters<typeof send>[0]) {
    setBusy(name);
    setError('');
    setDone('');
    const reply = await send(message);
    setBusy('');
    if (!reply.ok) setError(reply.error);
    return reply.ok;
  }

  const reconnected = () => {
    setReconnecting(false);
    setDone(t('reconnected', label));
  };
  const healthy = !st || st.state === 'ok';
  const facts = [
    t('connected_as', account.userName),
    providerInfo(account.provider)?.scope === 'account' ? t('in_account', account.accountName) : t('in_workspace', account.accountName),
    st?.lastSyncAt ? t('last_sync', formatAgo(st.lastSyncAt)) : t('never_synced'),
    tp('pairs', projects),
    ...(waiting > 0 ? [tp('changes_waiting', waiting)] : []),
  ];
  const needs = requiredText(account);
  return (
    <li class="account" data-account-id={account.id} data-state={st?.state ?? 'ok'}>
      <div class="account-head">
        <strong>{provider}</strong> <span>{account.accountName}</span>
        {isDefault && <span class="badge">{t('default_badge')}</span>}
      </div>
      <p class="muted facts">{facts.join(' — ')}</p>
      {needs && <p class="help">{needs}</p>}
      <AccountStatusNote status={st} provider={provider} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status">{done}</p>
      {reconnecting && <ReconnectForm account={account} provider={provider} onDone={reconnected} />}
      <div class="actions left">
        {st?.state === 'needs-reconnect' &&
          (account.auth === 'oauth' ? (
            <button
              type="button"
              class="primary"
              disabled={!!busy}
              onClick={async () => (await act('signin', { type: 'account.signin', provider: 'harvest' })) && reconnected()}
            >
              {t('reconnect_signin')}
            </button>
          ) : (
            !reconnecting && (
              <button type="button" class="primary" aria-label={t('reconnect_named', label)} onClick={() => setReconnecting(true)}>
                {t('reconnect')}
              </button>
            )
          ))}
        {!healthy && st?.state !== 'needs-reconnect' && (
          <button type="button" disabled={!!busy} onClick={() => act('retry', { type: 'sync.now' })}>
            {t('retry_now')}
          </button>
        )}
        {!isDefault && (
          <button type="button" disabled={!!busy} onClick={() => act('default', { type: 'account.default', id: account.id })}>
            {t('make_default')}
          </button>
        )}
        <button type="button" disabled={!!busy} onClick={() => act('refresh', { type: 'account.refresh', id: account.id })}>
          {busy === 'refresh' ? t('refreshing') : t('refresh_projects')}
        </button>
        <button
          type="button"
          class="danger"
          disabled={!!busy}
          aria-label={t('remove_named', label)}
          onClick={() => act('remove', { type: 'account.unlink', id: account.id })}
        >
          {t('remove')}
        </button>
      </div>
    </li>
  );
}
