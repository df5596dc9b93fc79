import { harvestPlatform, stintMarkup } from './generic';
import { github } from './github';
import { matchesAny } from './match';
import type { Integration } from './types';

/** Every integration Stint ships. Site integrations first; the generic markups last. */
export const integrations: readonly Integration[] = [github, stintMarkup, harvestPlatform];

export const integrationById = (id: string): Integration | undefined => integrations.find((i) => i.id === id);

/** Match patterns the content script is declared for (the hosted services; self-hosted ones come at runtime). */
export const contentScriptMatches = (): string[] => [...new Set(integrations.flatMap((i) => i.matches))];

/** Integrations that apply to a page URL (by their hosted match patterns). */
export const integrationsForUrl = (href: string): Integration[] => integrations.filter((i) => matchesAny(href, i.matches));
