import { firstMatch, textOf } from './text';
import type { Integration } from './types';

const SUBJECT = [
  // Conversation header (2023+ app): the editable subject, labelled for assistive technology.
  '[aria-label="Conversation Subject"]',
  // Same header, should the label change: the subject's editable-textarea component.
  '[data-cy="ConversationHeader"] [data-cy="EditableTextarea"]',
];

/** A textarea's text is its value; anything else its textContent. Data, never HTML. */
const subjectOf = (el: Element | null | undefined) =>
  el?.tagName === 'TEXTAREA' ? (el as HTMLTextAreaElement).value.replace(/\s+/g, ' ').trim().slice(0, 1000) : textOf(el);

/**
 * Help Scout conversations: `secure.helpscout.net/conversation/<id>/<number>` (the number, `#11161` in the UI,
 * is optional in links). The conversation id is global, so it is the task id.
 */
export const helpscout: Integration = {
  id: 'helpscout',
  name: 'Help Scout',
  // One in-page app: mailboxes, views and conversations all live on this host.
  matches: ['https://secure.helpscout.net/*'],
  exampleUrls: [
    { url: 'https://secure.helpscout.net/conversation/2846710335/11161', taskId: '2846710335' },
    { url: 'https://secure.helpscout.net/conversation/2846710335/11161?folderId=7654321', taskId: '2846710335' },
    { url: 'https://secure.helpscout.net/conversation/2846710336/', taskId: '2846710336' },
    { url: 'https://secure.helpscout.net/inboxes/508ac92f66c3dcff/conversations/2846710337/11163', taskId: '2846710337' },
    { url: 'https://secure.helpscout.net/inboxes/508ac92f66c3dcff/views/99451', taskId: null },
    { url: 'https://secure.helpscout.net/inboxes/508ac92f66c3dcff/conversation/new/', taskId: null },
    { url: 'https://secure.helpscout.net/dashboard/', taskId: null },
  ],
  task(url, doc) {
    if (url.hostname !== 'secure.helpscout.net') return null;
    const m = /\/conversations?\/(\d+)(?:\/(\d+))?(?:\/|$)/.exec(url.pathname);
    if (!m) return null;
    const [, id = '', number] = m;
    return {
      id,
      title: subjectOf(firstMatch(doc, SUBJECT)),
      url: `${url.origin}/conversation/${id}${number ? `/${number}` : ''}`,
    };
  },
  anchor: SUBJECT,
  placement: 'after',
  // `#11161 Subject - Help Scout`.
  pageTitle: /^#\d+ (.+) - Help Scout$/,
};
