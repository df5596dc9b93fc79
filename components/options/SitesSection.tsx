import { useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { integrations } from '@/lib/integrations';
import { originPattern } from '@/lib/integrations/match';
import { send } from '@/lib/ui/client';
import { sites as siteSettings } from '@/lib/ui/state';
import { SiteHealth } from './SiteHealth';

/**
 * Sites on/off, selector repairs with each site's health (which layer placed its button lately), and self-hosted
 * domains (asked for as optional host permissions).
 */
export function SitesSection() {
  const { sites, selectorOverrides: overrides, disabledIntegrations: disabled, dockHidden, health } = siteSettings.value;
  const list = useRef<HTMLUListElement>(null);
  const [origin, setOrigin] = useState('');
  const [kind, setKind] = useState('gitlab');
  const [error, setError] = useState('');

  const reply = (r: { ok: boolean; error?: string }) => setError(r.ok ? '' : (r.error ?? ''));

  async function add(event: Event) {
    event.preventDefault();
    setError('');
    let pattern: string;
    try {
      pattern = originPattern(origin);
    } catch {
      return setError(t('site_address_invalid'));
    }
    // Asked here, on the click: the browser shows its own prompt for exactly this origin.
    const granted = await browser.permissions.request({ origins: [pattern] });
    if (!granted) return setError(t('site_permission_refused'));
    reply(await send({ type: 'site.add', origin, integration: kind }));
    setOrigin('');
  }

  function checkSelector(integration: string, selector: string) {
    try {
      if (selector.trim()) document.createDocumentFragment().querySelector(selector);
    } catch {
      return setError(t('selector_invalid', selector));
    }
    void send({ type: 'selector.set', integration, selector }).then(reply);
  }

  return (
    <section aria-labelledby="sites">
      <h2 id="sites">{t('sites_title')}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ul class="sites" ref={list}>
        {integrations.map((i) => (
          <li key={i.id} data-integration={i.id}>
            <label class="inline">
              <input
                type="checkbox"
                checked={!disabled.includes(i.id)}
                onChange={(e) => {
                  const enabled = e.currentTarget.checked;
                  // Shown at once (the snapshot that follows the write agrees).
                  const off = siteSettings.value.disabledIntegrations.filter((x) => x !== i.id);
                  siteSettings.value = { ...siteSettings.value, disabledIntegrations: enabled ? off : [...off, i.id] };
                  void send({ type: 'integration.enable', integration: i.id, enabled }).then(reply);
                }}
              />
              {i.name}
            </label>
            <input
              class="selector"
              aria-label={t('site_override_label', i.name)}
              placeholder={t('site_override_placeholder')}
              value={overrides[i.id] ?? ''}
              onChange={(e) => checkSelector(i.id, e.currentTarget.value)}
            />
            <SiteHealth
              name={i.name}
              visits={health[i.id] ?? []}
              dockHidden={dockHidden.includes(i.id)}
              onRepair={() => list.current?.querySelector<HTMLInputElement>(`li[data-integration="${i.id}"] input.selector`)?.focus()}
              onShowDock={() => void send({ type: 'dock.show', integration: i.id }).then(reply)}
            />
          </li>
        ))}
      </ul>
      <h3>{t('own_domains')}</h3>
      <ul class="sites">
        {Object.entries(sites).map(([o, id]) => (
          <li key={o} data-origin={o}>
            <span>
              {o} — {integrations.find((i) => i.id === id)?.name ?? id}
            </span>
            <button
              type="button"
              class="danger"
              aria-label={t('remove_named', o)}
              onClick={() => void send({ type: 'site.remove', origin: o }).then(reply)}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={add}>
        <label>
          {t('site_type')}
          <select name="site-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {integrations
              .filter((i) => i.selfHosted)
              .map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('site_address')}
          <input
            name="site-origin"
            placeholder="https://git.example.com"
            value={origin}
            onInput={(e) => setOrigin(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('add_domain')}</button>
      </form>
    </section>
  );
}
