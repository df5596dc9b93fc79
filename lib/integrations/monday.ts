import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /boards/<board>/pulses/<item>, /boards/<board>/views/<view>/pulses/<item> (+ /posts/<update>)
const PATH = /^\/boards\/(\d+)(?:\/views\/\d+)?\/pulses\/(\d+)(?:\/|$)/;

const ANCHOR = [
  // Item view opened from a board (side panel, 2024–2025): .item-page-item-name in .slide-panel-content
  '.slide-panel-content .item-page-item-name',
  // Item view as a centred modal (item page): .item-page-name in .modal-component-content
  '.modal-component-content .item-page-name',
  // Legacy item card dialog: .pulse-name-value in #pulse-card-dialog-component
  '#pulse-card-dialog-component .pulse-name-value',
];

export const monday: Integration = {
  id: 'monday',
  name: 'monday.com',
  matches: ['https://*.monday.com/boards/*'],
  exampleUrls: [
    { url: 'https://acme.monday.com/boards/1234567890/pulses/9876543210', taskId: '9876543210' },
    { url: 'https://acme.monday.com/boards/1234567890/views/55512345/pulses/9876543211', taskId: '9876543211' },
    { url: 'https://acme.monday.com/boards/1234567890/pulses/9876543212/posts/3333444455', taskId: '9876543212' },
    { url: 'https://acme.monday.com/boards/1234567890/pulses/9876543213?asset_id=42', taskId: '9876543213' },
    { url: 'https://acme.monday.com/boards/1234567890', taskId: null },
    { url: 'https://acme.monday.com/boards/1234567890/views/55512345', taskId: null },
    { url: 'https://acme.monday.com/my_work', taskId: null },
  ],
  task(url, doc, anchor) {
    const m = PATH.exec(url.pathname);
    if (!m) return null;
    const board = m[1] ?? '';
    const item = m[2] ?? '';
    return {
      id: item,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `${url.origin}/boards/${board}/pulses/${item}`,
      groupId: board,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
};
