import { useState } from 'preact/hooks';
import { send } from '@/lib/client';
import type { Account } from '@/lib/schemas';
import { assignments, defaultAccount, pending, status } from '@/lib/ui-state';

const PROVIDER_NAMES: Record<Account['provider'], string> = { harvest: 'Harvest', clockify: 'Clockify', toggl: 'Toggl Track' };

const ago = (t: number) => {
  const s = Math.round((Date.now() - t) / 1000);
  return s < 60 ? 'just now' : s < 3600 ? `${Math.round(s / 60)} min ago` : new Date(t).toLocaleString();
};

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
  return (
    <li class="account" data-account-id={account.id} data-state={st?.state ?? 'ok'}>
      <div class="account-head">
        <strong>{provider}</strong> <span>{account.accountName}</span>
        {isDefault && <span class="badge">Default</span>}
      </div>
      <p class="muted">
        Connected as {account.userName}
        {st?.lastSyncAt ? ` — last sync ${ago(st.lastSyncAt)}` : ''} — {projects} project/task pairs
        {waiting > 0 ? ` — ${waiting} change${waiting === 1 ? '' : 's'} waiting` : ''}
      </p>
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
            Make default
          </button>
        )}
        <button type="button" disabled={!!busy} onClick={() => act('refresh', { type: 'account.refresh', id: account.id })}>
          {busy === 'refresh' ? 'Refreshing…' : 'Refresh projects'}
        </button>
        {st && !healthy && st.state !== 'needs-reconnect' && (
          <button type="button" disabled={!!busy} onClick={() => act('retry', { type: 'sync.now' })}>
            Retry now
          </button>
        )}
        <button type="button" class="danger" disabled={!!busy} onClick={() => act('remove', { type: 'account.unlink', id: account.id })}>
          Remove
        </button>
      </div>
    </li>
  );
}
