import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /client/<workspace>/<channel>, and an open thread: …/thread/<channel>-<ts>
const CLIENT = /^\/client\/([TE][A-Z0-9]{4,20})\/([CDG][A-Z0-9]{4,20})(?:\/thread\/[CDG][A-Z0-9]{4,20}-(\d{9,11}\.\d{6}))?(?:\/|$)/;
const TS = /^\d{9,11}\.\d{6}$/;

const ITEM = '[data-item-key]';
const THREAD = ['[data-qa="threads_flexpane"]', '[role="complementary"][aria-label^="Thread"]'];
const TEXT = ['[data-qa="message-text"]', '.p-rich_text_block', '[dir="auto"]'];
/**
 * A message's hover actions (2023–2026): Slack renders them only while the message is hovered or focused, so a
 * channel's virtualised list costs nothing until then. <div role="group" aria-label="Message shortcuts" data-qa="message-actions">
 * Then the same by what a redesign keeps (ARIA; English label).
 */
const ACTIONS = ['[data-qa="message-actions"]', '[role="group"][aria-label="Message shortcuts"]'] as const;
const ANCHOR = [
  ACTIONS[0],
  // An open thread's header: <div data-qa="threads_flexpane"> … <div data-qa="flexpane_header_title">Thread</div>
  '[data-qa="threads_flexpane"] [data-qa="flexpane_header_title"]',
  // The same two, by what a redesign keeps (ARIA; English labels)
  ACTIONS[1],
  '[role="complementary"][aria-label^="Thread"] [role="heading"]',
];

const BLOCK = /^(?:p|div|li|ul|ol|pre|blockquote|h[1-6])$/;

/** A message's first line: its text up to the first line break or block, whitespace collapsed, at most 120 characters. */
function firstLine(el: Element | null): string {
  if (!el) return '';
  let text = '';
  const walk = (node: Node): boolean => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += (child as Text).data;
      else if (child.nodeType === 1) {
        const name = (child as Element).localName;
        if (name === 'br' && text.trim()) return true;
        if (BLOCK.test(name) && text.trim()) return true;
        if (walk(child)) return true;
      }
    }
    return false;
  };
  walk(el);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** A permalink the page shows (`https://acme.slack.com/archives/C…/p…`), else the client's own link. */
function permalink(item: Element | null | undefined, fallback: string): string {
  const href = item?.querySelector('a[data-ts][href]')?.getAttribute('href') ?? '';
  try {
    const u = new URL(href);
    if (u.protocol === 'https:' && /(^|\.)slack\.com$/.test(u.hostname) && u.pathname.startsWith('/archives/')) return u.href;
  } catch {
    // not a link: the client's own link stands in
  }
  return fallback;
}

/** The message a URL and an anchor name: a message's hover actions name that message; the thread's header (or no anchor) the open thread. */
function where(url: URL, anchor: Element | undefined) {
  const m = CLIENT.exec(url.pathname);
  if (!m) return null;
  const [, team = '', channel = '', threadTs] = m;
  const item = anchor?.closest(ITEM) ?? null;
  const ts = item ? (item.getAttribute('data-item-key') ?? '') : (threadTs ?? '');
  return TS.test(ts) ? { team, channel, ts, item, id: `${team}/${channel}/${ts}` } : null;
}

export const slack: Integration = {
  id: 'slack',
  name: 'Slack',
  matches: ['https://app.slack.com/client/*'],
  multiple: true,
  exampleUrls: [
    {
      url: 'https://app.slack.com/client/T01ACME42/C04APOLLO/thread/C04APOLLO-1773136800.123456',
      taskId: 'T01ACME42/C04APOLLO/1773136800.123456',
    },
    {
      url: 'https://app.slack.com/client/T01ACME42/C04APOLLO/thread/C04APOLLO-1773136800.123456?cdn_fallback=1',
      taskId: 'T01ACME42/C04APOLLO/1773136800.123456',
    },
    {
      url: 'https://app.slack.com/client/E02GRID/D05DIRECT/thread/D05DIRECT-1773136800.000100',
      taskId: 'E02GRID/D05DIRECT/1773136800.000100',
    },
    // A channel: each message is a task, found when its hover actions show; the URL alone names none.
    { url: 'https://app.slack.com/client/T01ACME42/C04APOLLO', taskId: null },
    { url: 'https://app.slack.com/client/T01ACME42/activity', taskId: null },
    { url: 'https://app.slack.com/client/T01ACME42/C04APOLLO/thread/C04APOLLO-abc', taskId: null },
  ],
  taskId(url, anchor) {
    return where(url, anchor)?.id ?? null;
  },
  task(url, doc, anchor) {
    const at = where(url, anchor);
    if (!at) return null;
    const { team, channel, ts, item } = at;
    // The thread pane is looked for only for the thread itself (a hovered message needs no whole-page query).
    const pane = item ? null : firstMatch(doc, THREAD);
    const message = item ?? (pane ? (pane.querySelector(ITEM) ?? pane) : null);
    const name = textOf(doc.querySelector('[data-qa="channel_name"]'), 300).replace(/^#/, '');
    const client = `https://app.slack.com/client/${team}/${channel}/thread/${channel}-${ts}`;
    return {
      id: at.id,
      title: firstLine(message ? firstMatch(message, TEXT) : null),
      url: permalink(message, client),
      groupId: channel,
      groupName: name || channel,
    };
  },
  anchor: ANCHOR,
  placement: 'append',
  // Placed from the pointer and focus: the message under them, in its hover actions once Slack shows them.
  hover: { row: ITEM, anchor: [...ACTIONS] },
};
