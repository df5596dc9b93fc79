import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /<owner>/<repo>/issues/<n> or /<owner>/<repo>/pulls/<n>[/files|commits…].
const PATH = /^\/([\w.-]+)\/([\w.-]+)\/(issues|pulls)\/(\d+)(?:\/|$)/;

const TITLE = [
  // Gitea 1.22+ and Forgejo 10+ issue and pull request header: <div id="issue-title-display"><h1>title <span class="index">#N</span>.
  '#issue-title-display h1',
  // Forgejo 7-9 and Gitea 1.21: <div id="issue-title-wrapper"><h1><span id="issue-title">title <span class="index">#N</span>.
  '#issue-title-wrapper h1',
];

/**
 * Gitea and Forgejo (one integration: Forgejo is a Gitea fork with the same URLs and issue markup, and a user
 * adding a self-hosted domain should not have to know which of the two it runs). Issues and pull requests share
 * one number space per repository, so both are `owner/repo#N`.
 */
export const gitea: Integration = {
  id: 'gitea',
  name: 'Gitea / Forgejo',
  matches: ['https://gitea.com/*', 'https://codeberg.org/*'],
  selfHosted: true,
  exampleUrls: [
    { url: 'https://gitea.com/gitea/tea/issues/712', taskId: 'gitea/tea#712' },
    { url: 'https://gitea.com/gitea/tea/issues/712#issuecomment-901234', taskId: 'gitea/tea#712' },
    { url: 'https://codeberg.org/forgejo/forgejo/pulls/8123', taskId: 'forgejo/forgejo#8123' },
    { url: 'https://codeberg.org/acme/web.app/pulls/3/files', taskId: 'acme/web.app#3' },
    { url: 'https://gitea.com/gitea/tea/issues', taskId: null },
    { url: 'https://gitea.com/gitea/tea/issues/new', taskId: null },
    { url: 'https://codeberg.org/forgejo/forgejo/pulls?state=open', taskId: null },
    { url: 'https://codeberg.org/explore/repos', taskId: null },
  ],
  task(url, doc) {
    const m = PATH.exec(url.pathname);
    if (!m) return null;
    const [, owner = '', repo = '', kind = '', n = ''] = m;
    const group = `${owner}/${repo}`;
    // The heading ends with the number badge (`#N`); the title is what precedes it.
    const heading = textOf(firstMatch(doc, TITLE));
    return {
      id: `${group}#${n}`,
      title: heading.replace(new RegExp(`\\s*#${n}$`), ''),
      url: `${url.origin}/${group}/${kind}/${n}`,
      groupId: group,
      groupName: group,
    };
  },
  anchor: TITLE,
  placement: 'after',
  // `Title - repo - Gitea: Git with a cup of tea` (Forgejo, Codeberg: `- repo - <instance name>`).
  pageTitle: /^(.+) - [\w.-]+ - [^-]+$/,
};
