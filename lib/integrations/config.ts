import { matchesAny, originPatterns } from './match';
import type { Integration } from './types';

/**
 * What the user changed about integrations (options page), read by every content script at start: sites
 * turned off, selector overrides (a repair without a release), and self-hosted domains of a site type.
 * Stored in storage.local under these plain keys (written by the background from its data layer: lib/state/projection.ts).
 */
export const PAGE_CONFIG_KEYS = ['sites', 'selectorOverrides', 'disabledIntegrations', 'dockHidden'] as const;

export interface PageConfig {
  /** Self-hosted origin (`https://git.example.com`) → integration id. */
  sites: Record<string, string>;
  /** Integration id → a CSS selector tried before the integration's own anchors. */
  selectorOverrides: Record<string, string>;
  disabledIntegrations: string[];
  /** Integration ids whose dock the user hid (the dock's × button). */
  dockHidden: string[];
}

const isRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** Reads the stored config leniently: anything malformed counts as "not set". */
export function pageConfig(raw: Record<string, unknown>): PageConfig {
  return {
    sites: isRecord(raw.sites) ? raw.sites : {},
    selectorOverrides: isRecord(raw.selectorOverrides) ? raw.selectorOverrides : {},
    disabledIntegrations: strings(raw.disabledIntegrations),
    dockHidden: strings(raw.dockHidden),
  };
}

/**
 * The integrations for this page among a content script's own (`site`: not the registry, which would bring
 * every site's code into every content script), after the user's changes.
 */
export function integrationsForPage(href: string, config: PageConfig, site: readonly Integration[]): Integration[] {
  let origin = '';
  try {
    origin = new URL(href).origin;
  } catch {
    return [];
  }
  const list = site.filter((i) => matchesAny(href, originPatterns(i)));
  const selfHosted = site.find((i) => i.id === config.sites[origin]);
  if (selfHosted?.selfHosted && !list.includes(selfHosted)) list.unshift(selfHosted);
  return list
    .filter((i) => !config.disabledIntegrations.includes(i.id))
    .map((i) => {
      const override = config.selectorOverrides[i.id]?.trim();
      return override ? { ...i, anchor: [override, ...i.anchor] } : i;
    });
}
