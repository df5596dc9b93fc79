import { firstMatch, textOf } from './text';
import type { Integration } from './types';

const KEY = /^[a-z][\w]*-\d+$/i;
// `/issue/ABC-12[/slug]` at the root or under YouTrack's usual context path `/youtrack` (myjetbrains.com, Server).
const PATH = /^(\/youtrack)?\/issue\/([a-z][\w]*-\d+)(?:\/|$)/i;
// Boards and the issue list open an issue in place: `/agiles/…?issue=ABC-12`, `/issues?preview=ABC-12`.
const LIST = /^(\/youtrack)?\/(?:agiles|issues)(?:\/|$)/;

const TITLE = [
  // YouTrack 2023.3+ issue view (full page, agile board dialog, issue list preview): <h1 data-test="ticket-summary">.
  'h1[data-test="ticket-summary"]',
  // Classic issue view (YouTrack 2018.3-2023.2, still on older Server installs).
  '.yt-issue-body__summary',
];

/** YouTrack issues on YouTrack Cloud (`*.youtrack.cloud`, `*.myjetbrains.com/youtrack`) and YouTrack Server. */
export const youtrack: Integration = {
  id: 'youtrack',
  name: 'YouTrack',
  // The whole app: YouTrack navigates in-page between boards, lists and issues.
  matches: ['https://*.youtrack.cloud/*', 'https://*.myjetbrains.com/youtrack/*'],
  selfHosted: true,
  exampleUrls: [
    { url: 'https://acme.youtrack.cloud/issue/ABC-12', taskId: 'ABC-12' },
    { url: 'https://acme.youtrack.cloud/issue/ABC-12/Login-fails-on-Safari', taskId: 'ABC-12' },
    { url: 'https://acme.myjetbrains.com/youtrack/issue/demo-7', taskId: 'DEMO-7' },
    { url: 'https://acme.youtrack.cloud/agiles/131-2/current?issue=ABC-21', taskId: 'ABC-21' },
    { url: 'https://acme.youtrack.cloud/issues?q=for:%20me&preview=WEB_2-3', taskId: 'WEB_2-3' },
    { url: 'https://acme.youtrack.cloud/issues', taskId: null },
    { url: 'https://acme.youtrack.cloud/agiles/131-2/current', taskId: null },
    { url: 'https://acme.youtrack.cloud/articles/ABC-A-4/Release-checklist', taskId: null },
    { url: 'https://acme.youtrack.cloud/dashboard', taskId: null },
  ],
  task(url, doc) {
    const m = PATH.exec(url.pathname);
    const list = m ? null : LIST.exec(url.pathname);
    const param = list ? (url.searchParams.get('issue') ?? url.searchParams.get('preview') ?? '') : '';
    const key = (m?.[2] ?? (KEY.test(param) ? param : '')).toUpperCase();
    if (!key) return null;
    const project = key.slice(0, key.lastIndexOf('-'));
    return {
      id: key,
      title: textOf(firstMatch(doc, TITLE)),
      url: `${url.origin}${(m ?? list)?.[1] ?? ''}/issue/${key}`,
      groupId: project,
      groupName: project,
    };
  },
  anchor: TITLE,
  placement: 'after',
  // `ABC-12 Summary`.
  pageTitle: /^[a-z][\w]*-\d+ (.+)$/i,
};
