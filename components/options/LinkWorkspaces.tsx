import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type MessageKey, t } from '@/lib/i18n';
import { matchesAny, originPattern } from '@/lib/integrations/match';
import { providerInfo, providerName } from '@/lib/providers/catalog';
import { send } from '@/lib/ui/client';
import { type Failure, Problem } from '../shared/Problem';
import { SecretField } from '../shared/SecretField';
import { type Workspace, WorkspaceChoice } from './WorkspaceChoice';

interface Props {
  provider: string;
  title: MessageKey;
  help: MessageKey;
  tokenLabel: MessageKey;
  linked: MessageKey;
  /** The API base URL to use, or an error message key when the extra fields are not valid; undefined = default. */
  baseUrl?: () => { ok: true; value: string | undefined } | { ok: false; error: string };
  /** Extra fields between the token and the workspaces (Clockify's region). */
  children?: ComponentChildren;
  /** Called when an extra field changed: the workspaces found so far no longer apply. */
  resetRef?: { current: (() => void) | null };
}

/** Link a workspace-based tracker: API token → its workspaces (locked ones disabled, with the reason) → link one. */
export function LinkWorkspaces({ provider, title, help, tokenLabel, linked, baseUrl, children, resetRef }: Props) {
  const id = useId();
  const [token, setToken] = useState('');
  const [list, setList] = useState<Workspace[] | null>(null);
  const [workspace, setWorkspace] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const setError = (error: string) => setFailure(error ? { error } : null);
  const [done, setDone] = useState('');
  if (resetRef) resetRef.current = () => setList(null);

  function base(): string | undefined | null {
    const b = baseUrl?.() ?? { ok: true as const, value: undefined };
    if (b.ok) return b.value;
    setError(b.error);
    return null;
  }

  /**
   * A base URL outside the tracker's own hosts (a self-hosted server) needs the user's permission for exactly that
   * origin before the key is sent there: asked on the click, first thing (the browser shows its own prompt).
   */
  async function allowed(url: string | undefined): Promise<boolean> {
    if (!url || matchesAny(url, providerInfo(provider)?.hosts ?? [])) return true;
    const host = new URL(url).host;
    if (await browser.permissions.request({ origins: [originPattern(new URL(url).origin)] })) return true;
    setError(t('custom_url_refused', host));
    return false;
  }

  async function find(event: Event) {
    event.preventDefault();
    setError('');
    setDone('');
    const url = base();
    if (url === null || !(await allowed(url))) return;
    setBusy(true);
    const reply = await send({ type: 'workspaces.list', provider, token, ...(url ? { baseUrl: url } : {}) });
    setBusy(false);
    if (!reply.ok) return setFailure(reply);
    const found = reply.data;
    if (found.length === 0) return setError(t('no_workspaces'));
    setList(found);
    setWorkspace(found.find((w) => !w.locked)?.id ?? '');
    if (found.every((w) => w.locked)) setError(t('all_workspaces_locked'));
  }

  async function link(event: Event) {
    event.preventDefault();
    setError('');
    const url = base();
    if (url === null || !workspace || !(await allowed(url))) return;
    setBusy(true);
    const reply = await send({ type: 'account.link', provider, token, remoteAccountId: workspace, ...(url ? { baseUrl: url } : {}) });
    setBusy(false);
    if (!reply.ok) return setFailure(reply);
    setToken('');
    setList(null);
    setDone(t(linked));
  }

  return (
    <section aria-labelledby={`${id}-title`} class="link-section" data-provider={provider}>
      <h3 id={`${id}-title`}>{t(title)}</h3>
      <p class="muted">{t(help)}</p>
      <form class="stack" onSubmit={list ? link : find}>
        <SecretField
          id={`${id}-token`}
          name={`${provider}-token`}
          label={t(tokenLabel)}
          value={token}
          onInput={(v) => {
            setToken(v);
            setList(null);
          }}
        />
        {children}
        {list && <WorkspaceChoice id={`${id}-ws`} name={`${provider}-workspace`} list={list} value={workspace} onChange={setWorkspace} />}
        {failure && <Problem failure={failure} provider={providerName(provider)} />}
        <p role="status">{done}</p>
        <div class="actions left">
          <button type="submit" disabled={busy || (list !== null && !workspace)}>
            {list ? t('link_account') : t('find_workspaces')}
          </button>
        </div>
      </form>
    </section>
  );
}
