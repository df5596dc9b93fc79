import { asana } from './asana';
import { azureDevops } from './azure-devops';
import { basecamp } from './basecamp';
import { bitbucket } from './bitbucket';
import { clickup } from './clickup';
import { harvestPlatform, stintMarkup } from './generic';
import { gitea } from './gitea';
import { github } from './github';
import { gitlab } from './gitlab';
import { helpscout } from './helpscout';
import { jira } from './jira';
import { linear } from './linear';
import { matchesAny } from './match';
import { monday } from './monday';
import { notion } from './notion';
import { redmine } from './redmine';
import { shortcut } from './shortcut';
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
  stintMarkup,
  harvestPlatform,
];

export const integrationById = (id: string): Integration | undefined => integrations.find((i) => i.id === id);

/**
 * An integration's patterns widened to whole origins. Task pages of single-page apps are mostly reached by
 * in-page navigation from other pages of the same site, so the content script must already be there; each
 * integration's `task()` then decides which pages are tasks.
 */
export const originPatterns = (i: Integration): string[] => i.matches.map((p) => p.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*'));

/** Match patterns the content script is declared for (the hosted services; self-hosted ones come at runtime). */
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
