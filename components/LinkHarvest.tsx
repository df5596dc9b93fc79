import { useState } from 'preact/hooks';
import { send } from '@/lib/client';

interface HarvestAccountChoice {
  id: string;
  name: string;
}

/** Link Harvest with a Personal Access Token: token → the accounts it can use → link one. */
export function LinkHarvest() {
  const [token, setToken] = useState('');
  const [choices, setChoices] = useState<HarvestAccountChoice[] | null>(null);
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  async function findAccounts(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    const reply = await send({ type: 'harvest.accounts', token });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    const list = reply.data as HarvestAccountChoice[];
    if (list.length === 0) return setError('This token has no Harvest accounts (only Forecast?).');
    setChoices(list);
    setAccountId(list[0]?.id ?? '');
  }

  async function link(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    const reply = await send({ type: 'account.link', provider: 'harvest', token, remoteAccountId: accountId });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setToken('');
    setChoices(null);
    setDone('Harvest is linked.');
  }

  return (
    <section aria-labelledby="link-harvest">
      <h2 id="link-harvest">Link Harvest with a personal token</h2>
      <p class="muted">
        Create a Personal Access Token at id.getharvest.com → Developers, paste it here, then pick the account. The token stays in this
        browser, out of reach of web pages.
      </p>
      <form class="stack" onSubmit={choices ? link : findAccounts}>
        <label>
          Personal Access Token
          <input
            name="harvest-token"
            type="password"
            autocomplete="off"
            value={token}
            required
            onInput={(e) => {
              setToken(e.currentTarget.value);
              setChoices(null);
            }}
          />
        </label>
        {choices && (
          <label>
            Account
            <select name="harvest-account" value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.id})
                </option>
              ))}
            </select>
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {done && <p role="status">{done}</p>}
        <div class="actions left">
          <button type="submit" class="primary" disabled={busy}>
            {choices ? 'Link account' : 'Find accounts'}
          </button>
        </div>
      </form>
    </section>
  );
}
