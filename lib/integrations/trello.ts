import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /c/<shortLink>/<idShort>-<slug>; the 8-character shortLink is the card's stable id.
const PATH = /^\/c\/([A-Za-z0-9]{8})(?:\/|$)/;

const ANCHOR = [
  // Card back dialog (2023–2025): <textarea data-testid="card-back-title-input"> in [data-testid="card-back-name"]
  '[data-testid="card-back-title-input"]',
  // Same card back, by id (Trello renders the title with id="card-back-name")
  '#card-back-name',
  // Classic card detail window (before 2023): <h2 class="js-card-title"> in .card-detail-window
  '.card-detail-window .js-card-title',
];

/** The card title as shown: a textarea's current value (plain text, like textContent), else the element's text. */
function titleOf(el: Element | null): string {
  if (el?.localName !== 'textarea') return textOf(el);
  return (el as HTMLTextAreaElement).value.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

export const trello: Integration = {
  id: 'trello',
  name: 'Trello',
  matches: ['https://trello.com/c/*', 'https://trello.com/b/*'],
  exampleUrls: [
    { url: 'https://trello.com/c/AbCd1234/17-fix-login-redirect', taskId: 'AbCd1234' },
    { url: 'https://trello.com/c/AbCd1234', taskId: 'AbCd1234' },
    { url: 'https://trello.com/c/XyZw5678/3-draft-q3-roadmap?filter=member:me', taskId: 'XyZw5678' },
    { url: 'https://trello.com/c/Qq11Rr22/', taskId: 'Qq11Rr22' },
    { url: 'https://trello.com/b/Qw3rTy89/sprint-board', taskId: null },
    { url: 'https://trello.com/u/alice/boards', taskId: null },
    { url: 'https://trello.com/c/short', taskId: null },
  ],
  task(url, doc, anchor) {
    const id = PATH.exec(url.pathname)?.[1];
    if (!id) return null;
    const board = textOf(doc.querySelector('[data-testid="board-name-display"]'));
    return {
      id,
      title: titleOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `https://trello.com/c/${id}`,
      ...(board ? { groupName: board } : {}),
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `Card name on Board name | Trello`.
  pageTitle: /^(.+) on [^|]+ \| Trello$/,
};
