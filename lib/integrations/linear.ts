import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /<workspace>/issue/ENG-42[/slug]
const PATH = /^\/([\w-]+)\/issue\/([A-Za-z][A-Za-z0-9]*-\d+)(?:\/|$)/;

const ANCHOR = [
  // Issue view (2024–2025): the title is a single-line ProseMirror editor
  // <div contenteditable="true" aria-multiline="false"><p>Title</p></div>
  'div[contenteditable="true"][aria-multiline="false"]',
  // Same editor when the viewer cannot edit the issue (ProseMirror renders contenteditable="false")
  'div[contenteditable="false"][aria-multiline="false"]',
];

export const linear: Integration = {
  id: 'linear',
  name: 'Linear',
  matches: ['https://linear.app/*'],
  exampleUrls: [
    { url: 'https://linear.app/acme/issue/ENG-42/fix-flaky-login-test', taskId: 'ENG-42' },
    { url: 'https://linear.app/acme/issue/ENG-42', taskId: 'ENG-42' },
    { url: 'https://linear.app/acme/issue/DES2-7/new-onboarding-illustrations#comment-1a2b3c4d', taskId: 'DES2-7' },
    { url: 'https://linear.app/acme-inc/issue/ops-113/rotate-keys', taskId: 'OPS-113' },
    { url: 'https://linear.app/acme/team/ENG/active', taskId: null },
    { url: 'https://linear.app/acme/inbox', taskId: null },
    { url: 'https://linear.app/acme/project/q3-launch-0f1e2d3c4b5a/overview', taskId: null },
  ],
  task(url, doc, anchor) {
    const m = PATH.exec(url.pathname);
    if (!m) return null;
    const workspace = m[1] ?? '';
    const id = (m[2] ?? '').toUpperCase();
    const team = id.slice(0, id.lastIndexOf('-'));
    return {
      id,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `https://linear.app/${workspace}/issue/${id}`,
      groupId: `${workspace}/${team}`,
      groupName: team,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `ENG-42 Issue title`.
  pageTitle: /^[A-Z][A-Z0-9]*-\d+ (.+)$/,
};
