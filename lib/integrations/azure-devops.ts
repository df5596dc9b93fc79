import { firstMatch } from './text';
import type { Integration } from './types';

// The title is an <input>: its text is its value (data, never HTML), whitespace collapsed and bounded like textOf.
const field = (el: Element | null | undefined) =>
  ((el as HTMLInputElement | null | undefined)?.value ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const TITLE = [
  // New Boards Hub work item form (2023+), full page and board dialog; English UI label.
  'input[aria-label="Title field"]',
  // Same form in any UI language: the bolt text field that holds the title.
  '.work-item-title-textfield input',
  // Legacy work item form (TFS 2017+ / Azure DevOps Server 2019-2020 style).
  '.work-item-form-title input',
];

/**
 * Azure Boards work items: `dev.azure.com/<org>/<project>/_workitems/edit/<id>`, the legacy host
 * `<org>.visualstudio.com/<project>/_workitems/edit/<id>`, a work item opened from query results
 * (`…/_queries/edit/<id>/?triage=true`), and the work item dialog that boards, backlogs and sprints open in place
 * (`…/_boards/board/t/Team/Stories?workitem=<id>`).
 * Work item ids are unique per organization (and the project segment is optional and case-insensitive),
 * so the task id is `<org>#<id>`; the project is the group.
 */
export const azureDevops: Integration = {
  id: 'azure-devops',
  name: 'Azure DevOps',
  // The whole service: Azure DevOps navigates in-page from boards to work items, so the content script must
  // already be there.
  matches: ['https://dev.azure.com/*', 'https://*.visualstudio.com/*'],
  exampleUrls: [
    { url: 'https://dev.azure.com/acme/Fabrikam/_workitems/edit/1234', taskId: 'acme#1234' },
    { url: 'https://dev.azure.com/Acme/Fabrikam%20Fiber/_workitems/edit/1234/?fullScreen=true', taskId: 'acme#1234' },
    { url: 'https://dev.azure.com/acme/_workitems/edit/88', taskId: 'acme#88' },
    { url: 'https://acme.visualstudio.com/Fabrikam/_workitems/edit/1234', taskId: 'acme#1234' },
    { url: 'https://acme.visualstudio.com/DefaultCollection/Fabrikam/_workitems/edit/7', taskId: 'acme#7' },
    { url: 'https://dev.azure.com/acme/Fabrikam/_boards/board/t/Fabrikam%20Team/Stories?workitem=77', taskId: 'acme#77' },
    { url: 'https://dev.azure.com/acme/Fabrikam/_sprints/taskboard/Fabrikam%20Team/Sprint%205?workitem=78', taskId: 'acme#78' },
    { url: 'https://dev.azure.com/acme/Fabrikam/_queries/edit/1234/?triage=true', taskId: 'acme#1234' },
    { url: 'https://dev.azure.com/acme/Fabrikam/_queries/query/4f1c2f2e-0b7a-4c39-83f9-8b0d1e2a3b4c/', taskId: null },
    { url: 'https://dev.azure.com/acme/Fabrikam/_boards/board/t/Fabrikam%20Team/Stories', taskId: null },
    { url: 'https://dev.azure.com/acme/Fabrikam/_workitems/recentlyupdated/', taskId: null },
    { url: 'https://dev.azure.com/acme/Fabrikam/_workitems/create/Bug', taskId: null },
    { url: 'https://dev.azure.com/acme/Fabrikam/_git/web/pullrequest/5', taskId: null },
    { url: 'https://dev.azure.com/acme', taskId: null },
  ],
  task(url, doc) {
    const onDev = url.hostname === 'dev.azure.com';
    if (!onDev && !url.hostname.endsWith('.visualstudio.com')) return null;
    const parts = url.pathname.split('/').filter(Boolean);
    const org = (onDev ? parts.shift() : url.hostname.split('.')[0])?.toLowerCase();
    if (parts[0]?.toLowerCase() === 'defaultcollection') parts.shift();
    const first = parts[0];
    const project = first && !first.startsWith('_') ? decode(first) : undefined;
    const param = url.searchParams.get('workitem') ?? '';
    const n = /\/_(?:workitems|queries)\/edit\/(\d+)(?:\/|$)/.exec(url.pathname)?.[1] ?? (project && /^\d+$/.test(param) ? param : '');
    if (!org || !n) return null;
    const base = onDev ? `${url.origin}/${org}` : url.origin;
    return {
      id: `${org}#${n}`,
      title: field(firstMatch(doc, TITLE)),
      url: `${base}${first && project ? `/${first}` : ''}/_workitems/edit/${n}`,
      groupId: project ? `${org}/${project}` : undefined,
      groupName: project,
    };
  },
  anchor: TITLE,
  placement: 'after',
  // `Bug 1234: Title - Boards` (any work item type).
  pageTitle: /^[\w ]+? \d+: (.+) - Boards$/,
};
