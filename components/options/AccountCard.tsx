import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account } from '@/lib/core/schemas';
import { formatAgo, t, tp } from '@/lib/i18n';
import { providerInfo, providerName } from '@/lib/providers/catalog';
import { send } from '@/lib/ui/client';
import { assignments, defaultAccount, pending, status } from '@/lib/ui/state';
import { syncFacts } from '@/lib/ui/sync-words';
import { AccountStatusNote } from './AccountStatusNote';
import { ReconnectForm } from './ReconnectForm';
import { requiredText } from './WorkspaceChoice';

/**
 * One linked account: who and where ("Ada — workspace W — 4 project/task pairs"), then its sync state worded once:
 * "Connected · synced 2 min ago" only when that is true, else the problem with its reason and fix (Retry now,
 * Reconnect); and what can be done with it.
 */
export function AccountCard({ account }: { account: Account }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [reconnecting, setReconnecting] = useState(false);
  const [done, setDone] = useState('');
  // Removing asks first: it forgets the key, and any change still waiting never reaches the tracker.
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) removeRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const facts = syncFacts(account, status.value, pending.value);
  const st = facts.status;
  const waiting = facts.waiting;
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
  const who = [
    account.userName,
    providerInfo(account.provider)?.scope === 'account' ? t('in_account', account.accountName) : t('in_workspace', account.accountName),
    tp('pairs', projects),
    ...(waiting > 0 ? [tp('changes_waiting', waiting)] : []),
  ];
  const fine = facts.state === 'synced' || facts.state === 'syncing';
  const connected =
    facts.state === 'syncing' ? t('card_syncing') : st?.lastSyncAt ? t('card_synced', formatAgo(st.lastSyncAt)) : t('card_never');
  const needs = requiredText(account);
  return (
    <li class="account" data-account-id={account.id} data-state={st?.state ?? 'ok'} data-sync={facts.state}>
      <div class="account-head">
        <strong>{provider}</strong> <span>{account.accountName}</span>
        {isDefault && <span class="badge">{t('default_badge')}</span>}
      </div>
      <p class="muted facts">{who.join(' — ')}</p>
      {needs && <p class="help">{needs}</p>}
      {fine && (
        <p class="sync-state" data-sync={facts.state}>
          <span class="sync-dot" aria-hidden="true" /> {connected}
        </p>
      )}
      <AccountStatusNote facts={facts} provider={provider} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status">{done}</p>
      {reconnecting && <ReconnectForm account={account} provider={provider} onDone={reconnected} />}
      <div class="actions left">
        {facts.state === 'reconnect' &&
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
        {(facts.state === 'offline' || facts.state === 'trouble' || facts.state === 'rate-limited') && (
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
        {!confirming && (
          <button
            type="button"
            class="danger"
            ref={removeRef}
            disabled={!!busy}
            aria-label={t('remove_named', label)}
            onClick={() => setConfirming(true)}
          >
            {t('remove')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm remove-confirm">
          <span>{waiting > 0 ? tp('remove_confirm_waiting', waiting, label) : t('remove_confirm', label)}</span>
          <button
            type="button"
            class="danger"
            ref={confirmRef}
            disabled={!!busy}
            onClick={() => act('remove', { type: 'account.unlink', id: account.id })}
          >
            {t('remove')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </li>
  );
}
