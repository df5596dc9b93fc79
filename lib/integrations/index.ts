import { asana } from './asana';
import { azureDevops } from './azure-devops';
import { basecamp } from './basecamp';
import { bitbucket } from './bitbucket';
import { clickup } from './clickup';
import { harvestPlatform, stintMarkup } from './generic';
import { gitea } from './gitea';
import { github } from './github';
import { gitlab } from './gitlab';
import { googleCalendar } from './google-calendar';
import { helpscout } from './helpscout';
import { jira } from './jira';
import { linear } from './linear';
import { matchesAny, originPatterns } from './match';
import { monday } from './monday';
import { notion } from './notion';
import { outlook } from './outlook';
import { redmine } from './redmine';
import { shortcut } from './shortcut';
import { slack } from './slack';
import { todoist } from './todoist';
import { trello } from './trello';
import type { Integration, TaskInfo } from './types';
import { youtrack } from './youtrack';
import { zendesk } from './zendesk';

/** Every integration Stint ships. Site integrations first; the generic markups last. */
export const integrations: readonly Integration[] = [
  github,
  gitlab,
  jira,
  trello,
  asana,
  clickup,
  linear,
  todoist,
  notion,
  monday,
  basecamp,
  azureDevops,
  youtrack,
  zendesk,
  helpscout,
  bitbucket,
  shortcut,
  redmine,
  gitea,
  slack,
  googleCalendar,
  outlook,
  stintMarkup,
  harvestPlatform,
];

export const integrationById = (id: string): Integration | undefined => integrations.find((i) => i.id === id);

export { originPatterns };

/**
 * The content scripts, by name (entrypoints/<name>.content.ts): one per site, shipping that site's integration
 * alone, so a page loads only the code of the site it is on (the content script's size budget does not grow
 * with the number of sites); the generic markups share one. Self-hosted domains get their type's script.
 */
export const contentScripts: Record<string, readonly Integration[]> = {
  ...Object.fromEntries(integrations.filter((i) => i !== stintMarkup && i !== harvestPlatform).map((i) => [i.id, [i]])),
  markup: [stintMarkup, harvestPlatform],
};

/** The content script that carries an integration. */
export const scriptOf = (integrationId: string): string | undefined =>
  Object.keys(contentScripts).find((name) => contentScripts[name]?.some((i) => i.id === integrationId));

/** Match patterns the content scripts are declared for (the hosted services; self-hosted ones come at runtime). */
export const contentScriptMatches = (): string[] => [...new Set(integrations.flatMap(originPatterns))].sort();

/** Integrations that apply to a page URL (any page of their sites). */
export const integrationsForUrl = (href: string): Integration[] => integrations.filter((i) => matchesAny(href, originPatterns(i)));

/** A page with no DOM (the background, a URL from elsewhere): integrations then read the URL only. */
const NO_DOM = { querySelector: () => null, querySelectorAll: () => [] } as unknown as ParentNode;

/** The task a URL points at, by the first integration that claims it (titles need the page, so they are empty). */
export function taskFromUrl(href: string): (TaskInfo & { integration: string }) | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  for (const i of integrationsForUrl(href)) {
    if (i.multiple) continue;
    const task = i.task(url, NO_DOM);
    if (task) return { ...task, integration: i.id };
  }
  return null;
}
