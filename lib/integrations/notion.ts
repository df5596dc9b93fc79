import { firstMatch, textOf } from './text';
import type { Integration } from './types';

const HEX32 = /^[0-9a-f]{32}$/i;

/** The page id at the end of a Notion path segment: `Title-Words-<32 hex>` or a dashed UUID. */
function pageId(segment: string | undefined): string | null {
  const id = (segment ?? '').replace(/-/g, '').slice(-32).toLowerCase();
  return HEX32.test(id) ? id : null;
}

const ANCHOR = [
  // Database item opened as a side or centre peek (?p=<id>): the page title <h1> inside .notion-peek-renderer
  '.notion-peek-renderer [data-block-id] > h1',
  // Full-page view of a page or database item: the title <h1 contenteditable> of the page block in .notion-frame
  '.notion-frame [data-block-id] > h1',
  // Published pages (notion.site) and other layouts: the page title block in the scroller
  '.notion-scroller [data-block-id] > h1',
];

export const notion: Integration = {
  id: 'notion',
  name: 'Notion',
  matches: ['https://www.notion.so/*', 'https://*.notion.site/*'],
  exampleUrls: [
    {
      url: 'https://www.notion.so/acme/Sprint-planning-notes-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
      taskId: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
    },
    { url: 'https://www.notion.so/1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c7', taskId: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c7' },
    { url: 'https://www.notion.so/acme/1a2b3c4d-5e6f-47a8-b9c0-d1e2f3a4b5c8', taskId: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c8' },
    {
      url: 'https://www.notion.so/acme/0f1e2d3c4b5a49687766554433221100?v=aa11bb22cc33dd44ee55ff6677889900&p=9a8b7c6d5e4f43210fedcba987654321&pm=s',
      taskId: '9a8b7c6d5e4f43210fedcba987654321',
    },
    {
      url: 'https://acme.notion.site/Public-roadmap-item-2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7',
      taskId: '2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7',
    },
    { url: 'https://www.notion.so/acme/0f1e2d3c4b5a49687766554433221100?v=aa11bb22cc33dd44ee55ff6677889900', taskId: null },
    { url: 'https://www.notion.so/acme/Sprint-planning', taskId: null },
    { url: 'https://www.notion.so/login', taskId: null },
  ],
  task(url, doc, anchor) {
    const path = pageId(url.pathname.split('/').filter(Boolean).pop());
    const p = url.searchParams.get('p');
    // ?p= is the item peeked over a database; ?v= alone is a database view, not a task.
    const id = p !== null ? pageId(p) : url.searchParams.has('v') ? null : path;
    if (!id) return null;
    return {
      id,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `${url.origin}/${id}`,
      ...(p !== null && path ? { groupId: path } : {}),
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // The page's own title; the app shell's `Notion` names no page.
  pageTitle: /^(?!Notion$)(.+)$/,
};
