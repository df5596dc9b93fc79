import { textOf } from './text';
import type { Integration } from './types';

const SUBJECT = '#content .issue .subject h3';

const ANCHOR = [
  // Issue page, Redmine 3.x-6.x default and most themes: <div class="issue"> … <div class="subject"><h3>.
  SUBJECT,
  // Themes that restyle the subject block still keep the "Bug #123" heading: <div id="content"><h2>.
  '#content > h2',
];

/**
 * Redmine issues: `/issues/<id>` (optionally under one sub-URI, e.g. `/redmine/issues/<id>`). Issue ids are
 * unique in an instance, which is written `#123`. Redmine has no single hosted domain: www.redmine.org is the
 * hosted default; every other instance is a self-hosted domain the user adds. Pages are server-rendered, so the
 * match can be as narrow as the issue path.
 */
export const redmine: Integration = {
  id: 'redmine',
  name: 'Redmine',
  matches: ['https://www.redmine.org/issues/*'],
  selfHosted: true,
  exampleUrls: [
    { url: 'https://www.redmine.org/issues/40123', taskId: '#40123' },
    { url: 'https://www.redmine.org/issues/40123?tab=history#note-4', taskId: '#40123' },
    { url: 'https://redmine.example.com/redmine/issues/7', taskId: '#7' },
    { url: 'https://www.redmine.org/issues', taskId: null },
    { url: 'https://www.redmine.org/projects/redmine/issues?set_filter=1', taskId: null },
    { url: 'https://www.redmine.org/issues/new', taskId: null },
    { url: 'https://www.redmine.org/issues/40123/edit', taskId: null },
  ],
  task(url, doc) {
    const n = /^(?:\/[^/]+)?\/issues\/(\d+)\/?$/.exec(url.pathname)?.[1];
    if (!n) return null;
    // Not in the URL: the project identifier is on <body class="project-<identifier> controller-issues …">.
    const project = /(?:^|\s)project-([\w-]+)/.exec(doc.querySelector('body')?.className ?? '')?.[1];
    return {
      id: `#${n}`,
      title: textOf(doc.querySelector(SUBJECT)),
      url: `${url.origin}${url.pathname.replace(/\/$/, '')}`,
      groupId: project,
      groupName: project,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `Bug #123: Subject - <instance name>`.
  pageTitle: /^[^#]*#\d+: (.+) - [^-]+$/,
};
