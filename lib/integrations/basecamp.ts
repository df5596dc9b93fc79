import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /<account>/buckets/<project>/todos/<id> and card-table cards /<account>/buckets/<project>/card_tables/cards/<id>
const PATH = /^\/(\d+)\/buckets\/(\d+)\/(todos|card_tables\/cards)\/(\d+)(?:\/|$)/;

const ANCHOR = [
  // Basecamp 4 to-do page (perma): the to-do's name, <h1 class="todo__title"> in .panel--perma
  '.panel--perma .todo__title',
  // Card-table cards and other perma recordings: the first <h1> of the perma panel
  '.panel--perma h1',
];

export const basecamp: Integration = {
  id: 'basecamp',
  name: 'Basecamp',
  matches: ['https://3.basecamp.com/*/buckets/*'],
  exampleUrls: [
    { url: 'https://3.basecamp.com/5550001/buckets/3330001/todos/7770001', taskId: '5550001/7770001' },
    { url: 'https://3.basecamp.com/5550001/buckets/3330001/todos/7770002#__recording_8880001', taskId: '5550001/7770002' },
    { url: 'https://3.basecamp.com/5550001/buckets/3330002/card_tables/cards/7770003', taskId: '5550001/7770003' },
    { url: 'https://3.basecamp.com/5550002/buckets/3330009/todos/7770004?replying=1', taskId: '5550002/7770004' },
    { url: 'https://3.basecamp.com/5550001/buckets/3330001/todolists/6660001', taskId: null },
    { url: 'https://3.basecamp.com/5550001/buckets/3330001/todosets/6660000', taskId: null },
    { url: 'https://3.basecamp.com/5550001/projects/3330001', taskId: null },
  ],
  task(url, doc, anchor) {
    const m = PATH.exec(url.pathname);
    if (!m) return null;
    const [, account = '', bucket = '', kind = '', id = ''] = m;
    return {
      // Recording ids are per account, so the account keeps the id unique across Basecamp.
      id: `${account}/${id}`,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `${url.origin}/${account}/buckets/${bucket}/${kind}/${id}`,
      groupId: `${account}/${bucket}`,
    };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `To-do title – Project name`.
  pageTitle: /^(.+) – [^–]+$/,
};
