import { useId, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { harvestSignIn } from '@/lib/ui/state';
import { type Failure, Problem } from '../shared/Problem';
import { SecretField } from '../shared/SecretField';

interface HarvestAccountChoice {
  id: string;
  name: string;
}

/**
 * Link Harvest: "Sign in with Harvest" (OAuth; only when there is a client id, else the button could only fail),
 * or a Personal Access Token → the accounts it can use → link one.
 */
export function LinkHarvest() {
  const id = useId();
  const [token, setToken] = useState('');
  const [choices, setChoices] = useState<HarvestAccountChoice[] | null>(null);
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const setError = (error: string) => setFailure(error ? { error } : null);
  const [done, setDone] = useState('');

  async function signIn() {
    setBusy(true);
    setError('');
    setDone('');
    const reply = await send({ type: 'account.signin', provider: 'harvest' });
    setBusy(false);
    if (!reply.ok) return setFailure(reply);
    setDone(t('harvest_linked'));
  }

  async function findAccounts(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    const reply = await send({ type: 'harvest.accounts', token });
    setBusy(false);
    if (!reply.ok) return setFailure(reply);
    const list = reply.data as HarvestAccountChoice[];
    if (list.length === 0) return setError(t('harvest_no_accounts'));
    setChoices(list);
    setAccountId(list[0]?.id ?? '');
  }

  async function link(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    const reply = await send({ type: 'account.link', provider: 'harvest', token, remoteAccountId: accountId });
    setBusy(false);
    if (!reply.ok) return setFailure(reply);
    setToken('');
    setChoices(null);
    setDone(t('harvest_linked'));
  }

  return (
    <section aria-labelledby={`${id}-title`} class="link-section" data-provider="harvest">
      <h3 id={`${id}-title`}>{t('link_harvest_title')}</h3>
      {harvestSignIn.value && (
        <div class="actions left">
          <button type="button" class="primary" disabled={busy} onClick={() => void signIn()}>
            {t('harvest_signin')}
          </button>
        </div>
      )}
      <p class="muted">{harvestSignIn.value ? t('harvest_pat_help') : t('harvest_pat_only_help')}</p>
      <form class="stack" onSubmit={choices ? link : findAccounts}>
        <SecretField
          id={`${id}-token`}
          name="harvest-token"
          label={t('pat_label')}
          value={token}
          onInput={(v) => {
            setToken(v);
            setChoices(null);
          }}
        />
        {choices && (
          <div class="field">
            <label for={`${id}-account`}>{t('account_label')}</label>
            <select id={`${id}-account`} name="harvest-account" value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.id})
                </option>
              ))}
            </select>
          </div>
        )}
        {failure && <Problem failure={failure} provider="Harvest" />}
        <p role="status">{done}</p>
        <div class="actions left">
          <button type="submit" disabled={busy}>
            {choices ? t('link_account') : t('find_accounts')}
          </button>
        </div>
      </form>
    </section>
  );
}
