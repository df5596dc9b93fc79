import { firstMatch, textOf } from './text';
import type { Integration } from './types';

const KEY = /^[A-Z][A-Z0-9_]*-\d+$/i;
// /browse/KEY-1 (Cloud and Data Center, also under a context path such as /jira/browse/KEY-1),
// /jira/software/projects/KEY/issues/KEY-1 (issue navigator), /jira/servicedesk/projects/KEY/queues/custom/1/KEY-1.
const PATH = /\/(?:browse|issues|queues(?:\/[^/]+)*)\/([A-Z][A-Z0-9_]*-\d+)\/?$/i;
// Everything before /browse/ or /secure/ is the Data Center context path (e.g. /jira); Cloud has none.
const CONTEXT = /^(.*?)\/(?:browse|secure)\//;

const ANCHOR = [
  // Jira Cloud issue view (2023–2025): full page /browse/KEY-1, board and backlog side panel, issue modal
  'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]',
  // Jira Data Center / Server issue page: <h1 id="summary-val">
  '#summary-val',
  // Jira Data Center agile board detail view: <dd data-field-id="summary"> in #ghx-detail-view
  '#ghx-detail-view [data-field-id="summary"]',
];

export const jira: Integration = {
  id: 'jira',
  name: 'Jira',
  matches: ['https://*.atlassian.net/browse/*', 'https://*.atlassian.net/jira/*'],
  selfHosted: true,
  exampleUrls: [
    { url: 'https://acme.atlassian.net/browse/PROJ-123', taskId: 'PROJ-123' },
    { url: 'https://acme.atlassian.net/browse/proj-7?focusedCommentId=10001', taskId: 'PROJ-7' },
    { url: 'https://acme.atlassian.net/jira/software/projects/PROJ/boards/1?selectedIssue=PROJ-42', taskId: 'PROJ-42' },
    {
      url: 'https://acme.atlassian.net/jira/software/c/projects/PROJ/boards/1/backlog?selectedIssue=PROJ-43',
      taskId: 'PROJ-43',
    },
    { url: 'https://acme.atlassian.net/jira/software/projects/PROJ/issues/PROJ-44?jql=order%20by%20created', taskId: 'PROJ-44' },
    { url: 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/12/SUP-34', taskId: 'SUP-34' },
    { url: 'https://acme.atlassian.net/jira/software/projects/PROJ/boards/1', taskId: null },
    { url: 'https://acme.atlassian.net/jira/your-work', taskId: null },
    { url: 'https://acme.atlassian.net/browse/PROJ', taskId: null },
    { url: 'https://acme.atlassian.net/jira/software/projects/PROJ/boards/1?selectedIssue=%3Cscript%3E', taskId: null },
  ],
  task(url, doc, anchor) {
    const selected = url.searchParams.get('selectedIssue') ?? '';
    const key = (PATH.exec(url.pathname)?.[1] ?? (KEY.test(selected) ? selected : '')).toUpperCase();
    if (!key) return null;
    const project = key.slice(0, key.lastIndexOf('-'));
    return {
      id: key,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `${url.origin}${CONTEXT.exec(url.pathname)?.[1] ?? ''}/browse/${key}`,
      groupId: project,
      groupName: project,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `[PROJ-123] Summary - Jira` (Data Center: `- <instance name>`).
  pageTitle: /^\[[A-Z][A-Z0-9_]*-\d+\] (.+) - [^-]+$/,
};
