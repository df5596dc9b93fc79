import { useId, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '@/lib/i18n';
import { LinkWorkspaces } from './LinkWorkspaces';

/** Clockify's regional API hosts (and "global", api.clockify.me); any other https URL for self-hosted servers. */
export const CLOCKIFY_REGIONS: readonly { id: string; label: MessageKey }[] = [
  { id: 'global', label: 'region_global' },
  { id: 'euc1', label: 'region_euc1' },
  { id: 'use2', label: 'region_use2' },
  { id: 'euw2', label: 'region_euw2' },
  { id: 'apse2', label: 'region_apse2' },
  { id: 'custom', label: 'region_custom' },
];

/** The API base URL for a region choice; undefined = the global default (https://api.clockify.me/api/v1). */
export function clockifyBaseUrl(region: string, custom: string): { ok: true; value: string | undefined } | { ok: false; error: string } {
  if (region === 'global') return { ok: true, value: undefined };
  if (region !== 'custom') return { ok: true, value: `https://${region}.clockify.me/api/v1` };
  try {
    const u = new URL(custom.trim());
    if (u.protocol === 'https:' && u.hostname) return { ok: true, value: u.href.replace(/\/+$/, '') };
  } catch {
    // falls through
  }
  return { ok: false, error: t('custom_url_invalid') };
}

/** Where the key goes, said before linking: "Your API key will be sent to clockify.example.com". */
function sentTo(custom: string): string {
  const url = clockifyBaseUrl('custom', custom);
  return url.ok && url.value ? t('custom_url_sent_to', new URL(url.value).host) : '';
}

/** Link Clockify: API key, region or self-hosted URL, workspace. */
export function LinkClockify() {
  const id = useId();
  const [region, setRegion] = useState('global');
  const [custom, setCustom] = useState('');
  const reset = useRef<(() => void) | null>(null);
  return (
    <LinkWorkspaces
      provider="clockify"
      title="link_clockify_title"
      help="clockify_help"
      tokenLabel="api_key"
      linked="clockify_linked"
      baseUrl={() => clockifyBaseUrl(region, custom)}
      resetRef={reset}
    >
      <div class="field">
        <label for={`${id}-region`}>{t('region')}</label>
        <select
          id={`${id}-region`}
          name="clockify-region"
          value={region}
          onChange={(e) => {
            setRegion(e.currentTarget.value);
            reset.current?.();
          }}
        >
          {CLOCKIFY_REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {t(r.label)}
            </option>
          ))}
        </select>
      </div>
      {region === 'custom' && (
        <div class="field">
          <label for={`${id}-url`}>{t('custom_url')}</label>
          <input
            id={`${id}-url`}
            name="clockify-url"
            type="url"
            inputMode="url"
            placeholder="https://clockify.example.com/api/v1"
            aria-describedby={`${id}-url-help`}
            value={custom}
            required
            onInput={(e) => {
              setCustom(e.currentTarget.value);
              reset.current?.();
            }}
          />
          <p id={`${id}-url-help`} class="help">
            {t('custom_url_help')} {sentTo(custom)}
          </p>
        </div>
      )}
    </LinkWorkspaces>
  );
}
