import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /<workspace>/<repo>/issues/<n>[/slug] or /<workspace>/<repo>/pull-requests/<n>[/overview|diff|commits…].
const PATH = /^\/([\w.-]+)\/([\w.-]+)\/(issues|pull-requests)\/(\d+)(?:\/|$)/;

const TITLE = [
  // Pull request page, React header (2024+): <div data-testid="pr-header"> … <h1>.
  '[data-testid="pr-header"] h1',
  // Pull request page, earlier React header (2021-2024): <div data-qa="pr-header-page-header-wrapper"> … <h1>.
  '[data-qa="pr-header-page-header-wrapper"] h1',
  // Issue tracker page (server-rendered): <div id="issue-header"> … <h1 id="issue-title">.
  '#issue-title',
];

/**
 * Bitbucket Cloud issues and pull requests. They are numbered separately in a repository, so issues are
 * `ws/repo#12` and pull requests `ws/repo!7` (Bitbucket's own notation).
 */
export const bitbucket: Integration = {
  id: 'bitbucket',
  name: 'Bitbucket',
  // The repository UI navigates in-page (pull request list → pull request).
  matches: ['https://bitbucket.org/*'],
  exampleUrls: [
    { url: 'https://bitbucket.org/acme/webapp/issues/12', taskId: 'acme/webapp#12' },
    { url: 'https://bitbucket.org/acme/webapp/issues/12/login-page-crashes-on-submit', taskId: 'acme/webapp#12' },
    { url: 'https://bitbucket.org/acme/webapp/pull-requests/7', taskId: 'acme/webapp!7' },
    { url: 'https://bitbucket.org/acme/web.app/pull-requests/7/diff#chg-src/app.ts', taskId: 'acme/web.app!7' },
    { url: 'https://bitbucket.org/acme/webapp/pull-requests/8/add-retry-to-uploader/overview', taskId: 'acme/webapp!8' },
    { url: 'https://bitbucket.org/acme/webapp/issues?status=new&status=open', taskId: null },
    { url: 'https://bitbucket.org/acme/webapp/pull-requests/', taskId: null },
    { url: 'https://bitbucket.org/acme/webapp/pull-requests/new', taskId: null },
    { url: 'https://bitbucket.org/acme/webapp/src/main/README.md', taskId: null },
    { url: 'https://bitbucket.org/acme/workspace/pull-requests/', taskId: null },
  ],
  task(url, doc) {
    if (url.hostname !== 'bitbucket.org') return null;
    const m = PATH.exec(url.pathname);
    if (!m) return null;
    const [, ws = '', repo = '', kind = '', n = ''] = m;
    const group = `${ws}/${repo}`;
    return {
      id: `${group}${kind === 'issues' ? '#' : '!'}${n}`,
      title: textOf(firstMatch(doc, TITLE)),
      url: `https://bitbucket.org/${group}/${kind}/${n}`,
      groupId: group,
      groupName: group,
    };
  },
  anchor: TITLE,
  placement: 'after',
  // `ws / repo / Pull Request #7: Title — Bitbucket`, `ws / repo / Issue #12 - Title — Bitbucket`.
  pageTitle: / (?:Pull Request #\d+:|Issue #\d+ -) (.+) — Bitbucket$/,
};
