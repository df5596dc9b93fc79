import { useId, useState } from 'preact/hooks';
import type { Account } from '@/lib/core/schemas';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { type Failure, Problem } from '../shared/Problem';
import { SecretField } from '../shared/SecretField';

interface Props {
  account: Account;
  provider: string;
  onDone(): void;
}

/** Reconnect an account whose key or token was refused: paste a new one (the same account/workspace is kept). */
export function ReconnectForm({ account, provider, onDone }: Props) {
  const id = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const reply = await send({
      type: 'account.link',
      provider: account.provider,
      token,
      remoteAccountId: account.remoteAccountId,
      ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
    });
    setBusy(false);
    if (!reply.ok) return setFailure(reply);
    setToken('');
    onDone();
  }

  return (
    <form class="stack reconnect" onSubmit={submit}>
      <SecretField
        id={`${id}-token`}
        name="reconnect-token"
        label={t('reconnect_token', account.accountName)}
        value={token}
        autoFocus
        onInput={setToken}
      />
      {failure && <Problem failure={failure} provider={provider} />}
      <div class="actions left">
        <button type="submit" class="primary" disabled={busy}>
          {t('reconnect')}
        </button>
      </div>
    </form>
  );
}
