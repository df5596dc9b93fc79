import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /group/sub/project/-/issues/12 (+ /-/issues/incident/12), /-/merge_requests/7 (+ /diffs, /commits… tabs),
// /-/work_items/12, /groups/group/-/epics/3. Old self-hosted versions have no `/-` segment.
const PATH = /^\/(.+?)(?:\/-)?\/(issues(?:\/incident)?|merge_requests|work_items|epics)\/(\d+)(?:\/|$)/;
// List and board pages open an item in a drawer: ?show=btoa('{"iid":"12","full_path":"group/project","id":1}').
const DRAWER = /\/-\/(?:issues|work_items|epics|boards(?:\/\d+)?)\/?$/;
const FULL_PATH = /^[\w.-]+(?:\/[\w.-]+)*$/;

const ANCHOR = [
  // Merge requests (GitLab 16–18): <h1 class="title" data-testid="title-content"> in .detail-page-header
  '[data-testid="title-content"]',
  // Work item view (GitLab 17–18 issues, tasks, epics; page <h1>, drawer <h2>): data-testid="work-item-title"
  '[data-testid="work-item-title"]',
  // Legacy issue view (GitLab 15–17, still on many self-hosted instances): <h1 class="title" data-testid="issue-title">
  '[data-testid="issue-title"]',
  // Issuable pages before GitLab 15: .detail-page-description h2.title
  '.detail-page-description .title',
];

function drawerItem(show: string | null): { path: string; iid: string } | null {
  if (!show) return null;
  try {
    const { iid, full_path: path } = JSON.parse(atob(show)) as { iid?: unknown; full_path?: unknown };
    const n = String(iid);
    return /^\d+$/.test(n) && typeof path === 'string' && FULL_PATH.test(path) ? { path, iid: n } : null;
  } catch {
    return null;
  }
}

export const gitlab: Integration = {
  id: 'gitlab',
  name: 'GitLab',
  matches: [
    'https://gitlab.com/*/-/issues*',
    'https://gitlab.com/*/-/merge_requests*',
    'https://gitlab.com/*/-/work_items*',
    'https://gitlab.com/*/-/epics*',
    'https://gitlab.com/*/-/boards*',
  ],
  selfHosted: true,
  exampleUrls: [
    { url: 'https://gitlab.com/gitlab-org/gitlab/-/issues/12345', taskId: 'gitlab-org/gitlab#12345' },
    { url: 'https://gitlab.com/acme/platform/api/-/merge_requests/7/diffs', taskId: 'acme/platform/api!7' },
    { url: 'https://gitlab.com/acme/platform/api/-/work_items/15#note_99', taskId: 'acme/platform/api#15' },
    { url: 'https://gitlab.com/acme/platform/api/-/issues/incident/9', taskId: 'acme/platform/api#9' },
    { url: 'https://gitlab.com/groups/acme/-/epics/3', taskId: 'acme&3' },
    // Drawer opened from the issue list: show = base64 of {"iid":"21","full_path":"acme/platform/api","id":501}
    {
      url: 'https://gitlab.com/acme/platform/api/-/issues?show=eyJpaWQiOiIyMSIsImZ1bGxfcGF0aCI6ImFjbWUvcGxhdGZvcm0vYXBpIiwiaWQiOjUwMX0%3D',
      taskId: 'acme/platform/api#21',
    },
    { url: 'https://gitlab.com/acme/platform/api/-/issues', taskId: null },
    { url: 'https://gitlab.com/acme/platform/api/-/merge_requests/new', taskId: null },
    { url: 'https://gitlab.com/acme/platform/api/-/issues?show=not-base64', taskId: null },
    { url: 'https://gitlab.com/acme/platform/api', taskId: null },
  ],
  task(url, doc, anchor) {
    let path: string;
    let iid: string;
    let kind: string;
    const m = PATH.exec(url.pathname);
    if (m) {
      path = m[1] ?? '';
      kind = (m[2] ?? '').replace('/incident', '');
      iid = m[3] ?? '';
    } else {
      const d = DRAWER.test(url.pathname) ? drawerItem(url.searchParams.get('show')) : null;
      if (!d) return null;
      ({ path, iid } = d);
      kind = url.pathname.includes('/-/epics') ? 'epics' : 'work_items';
    }
    // Group-level items (/groups/acme/-/epics/3) are epics: `acme&3`. MRs are `!7`; issues and work items `#12`.
    const group = path.startsWith('groups/');
    if (group) path = path.slice(7);
    const sep = kind === 'merge_requests' ? '!' : group || kind === 'epics' ? '&' : '#';
    return {
      id: `${path}${sep}${iid}`,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `${url.origin}/${group ? 'groups/' : ''}${path}/-/${kind}/${iid}`,
      groupId: path,
      groupName: path,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `Title (#12) · Issues · Group / Project · GitLab` (merge requests `(!7)`, epics `(&3)`).
  pageTitle: /^(.+) \([#!&]\d+\) · /,
};
