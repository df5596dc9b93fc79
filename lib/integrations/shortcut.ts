import { textOf } from './text';
import type { Integration } from './types';

const ANCHOR = [
  // Story page and story dialog (2022+): the State field of the attributes column, <div id="story-dialog-state-dropdown">.
  '#story-dialog-state-dropdown',
  // Same views, should the State field move: the story name, <h2 class="story-name">.
  '.story-details h2.story-name',
];

/**
 * Shortcut stories: `app.shortcut.com/<workspace>/story/<id>/<slug>` (a page, or a dialog over any view).
 * Story numbers are per workspace and Shortcut writes them `sc-<id>`, so the task id is `<workspace>/sc-<id>`.
 */
export const shortcut: Integration = {
  id: 'shortcut',
  name: 'Shortcut',
  // One in-page app: stories open from boards, lists and epics without a reload.
  matches: ['https://app.shortcut.com/*'],
  exampleUrls: [
    { url: 'https://app.shortcut.com/acme/story/456/add-sso-login', taskId: 'acme/sc-456' },
    { url: 'https://app.shortcut.com/acme/story/456', taskId: 'acme/sc-456' },
    { url: 'https://app.shortcut.com/acme-eu/story/9/fix-export?vc_group_by=day', taskId: 'acme-eu/sc-9' },
    { url: 'https://app.shortcut.com/acme/stories/space/12/everything', taskId: null },
    { url: 'https://app.shortcut.com/acme/epic/77/checkout-v2', taskId: null },
    { url: 'https://app.shortcut.com/settings/account/api-tokens', taskId: null },
  ],
  task(url, doc) {
    if (url.hostname !== 'app.shortcut.com') return null;
    const m = /^\/([\w.-]+)\/story\/(\d+)(?:\/|$)/.exec(url.pathname);
    if (!m) return null;
    const [, ws = '', n = ''] = m;
    return {
      id: `${ws}/sc-${n}`,
      title: textOf(doc.querySelector('.story-details h2.story-name')),
      url: `https://app.shortcut.com/${ws}/story/${n}`,
      groupId: ws,
      groupName: ws,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
};
