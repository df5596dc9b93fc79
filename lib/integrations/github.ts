import { textOf } from './text';
import type { Integration } from './types';

// /owner/repo/issues/12 or /owner/repo/pull/7 (+ /files, /commits… tabs of a PR).
const PATH = /^\/([\w.-]+)\/([\w.-]+)\/(issues|pull)\/(\d+)(?:\/|$)/;
// Projects (orgs/users/…/projects/N) item side panel: ?pane=issue&issue=owner|repo|12
const PANE = /^([\w.-]+)\|([\w.-]+)\|(\d+)$/;

const TITLE = [
  // Issues, React view (2024+), also inside the Projects item side panel: <h1><bdi data-testid="issue-title">
  '[data-testid="issue-title"]',
  // Pull requests, React view (2025+)
  '[data-testid="pr-title"]',
  // Pull requests and classic issues: <h1 class="gh-header-title"><bdi class="js-issue-title markdown-title">
  '.gh-header-title .js-issue-title',
];

export const github: Integration = {
  id: 'github',
  name: 'GitHub',
  matches: ['https://github.com/*'],
  exampleUrls: [
    { url: 'https://github.com/octo-org/hello-world/issues/12', taskId: 'octo-org/hello-world#12' },
    { url: 'https://github.com/octo-org/hello-world/pull/7', taskId: 'octo-org/hello-world#7' },
    { url: 'https://github.com/octo-org/hello.js/pull/7/files?diff=split', taskId: 'octo-org/hello.js#7' },
    { url: 'https://github.com/octo-org/hello-world/issues/12#issuecomment-1', taskId: 'octo-org/hello-world#12' },
    {
      url: 'https://github.com/orgs/octo-org/projects/3/views/1?pane=issue&itemId=991&issue=octo-org%7Chello-world%7C14',
      taskId: 'octo-org/hello-world#14',
    },
    { url: 'https://github.com/users/octocat/projects/1/views/2?pane=issue&itemId=5&issue=octocat%7Cdots%7C3', taskId: 'octocat/dots#3' },
    { url: 'https://github.com/orgs/octo-org/projects/3/views/1', taskId: null },
    { url: 'https://github.com/octo-org/hello-world/issues', taskId: null },
    { url: 'https://github.com/octo-org/hello-world/pulls', taskId: null },
    { url: 'https://github.com/octo-org/hello-world', taskId: null },
    { url: 'https://github.com/settings/profile', taskId: null },
  ],
  task(url, doc) {
    const pane =
      url.pathname.includes('/projects/') && url.searchParams.get('pane') === 'issue'
        ? PANE.exec(url.searchParams.get('issue') ?? '')
        : null;
    const m = PATH.exec(url.pathname) ?? (pane ? [pane[0], pane[1], pane[2], 'issues', pane[3]] : null);
    if (!m) return null;
    const [, owner = '', repo = '', kind = '', number = ''] = m;
    const group = `${owner}/${repo}`;
    // Issues and pull requests share one number space per repository, so `owner/repo#N` is unique.
    const title = textOf(TITLE.map((s) => doc.querySelector(s)).find(Boolean));
    return {
      id: `${group}#${number}`,
      title,
      url: `https://github.com/${group}/${kind}/${number}`,
      groupId: group,
      groupName: group,
    };
  },
  anchor: TITLE,
  placement: 'after',
  // Issue `Title · Issue #12 · owner/repo`, pull request `Title by author · Pull Request #7 · owner/repo`.
  pageTitle: /^(.+?)(?: by [\w-]+ · Pull Request| · Issue) #\d+ · /,
};
