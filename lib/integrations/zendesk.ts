import { firstMatch } from './text';
import type { Integration } from './types';

// The subject is an <input>: its text is its value (data, never HTML), whitespace collapsed and bounded like textOf.
const field = (el: Element | null | undefined) =>
  ((el as HTMLInputElement | null | undefined)?.value ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);

const SUBJECT = [
  // Agent Workspace ticket (2021+): the subject field in the conversation header.
  'input[data-test-id="omni-header-subject"]',
  // Zendesk Support ticket pane without Agent Workspace (2019-2021).
  'input[data-test-id="ticket-pane-subject"]',
  // Legacy (pre-2019) ticket pane.
  '.ticket .editable input[name="subject"]',
];

/** Zendesk Support tickets: `<account>.zendesk.com/agent/tickets/<id>`. Ticket ids are per account. */
export const zendesk: Integration = {
  id: 'zendesk',
  name: 'Zendesk',
  // The agent interface is one in-page app under /agent/.
  matches: ['https://*.zendesk.com/agent/*'],
  exampleUrls: [
    { url: 'https://acme.zendesk.com/agent/tickets/123', taskId: 'acme#123' },
    { url: 'https://acme.zendesk.com/agent/tickets/123/events', taskId: 'acme#123' },
    { url: 'https://support-eu.zendesk.com/agent/tickets/98765?foo=1', taskId: 'support-eu#98765' },
    { url: 'https://acme.zendesk.com/agent/tickets/new/1', taskId: null },
    { url: 'https://acme.zendesk.com/agent/dashboard', taskId: null },
    { url: 'https://acme.zendesk.com/agent/filters/360001234567', taskId: null },
    { url: 'https://acme.zendesk.com/hc/en-us/requests/123', taskId: null },
  ],
  task(url, doc) {
    const account = /^([a-z0-9][a-z0-9-]*)\.zendesk\.com$/.exec(url.hostname)?.[1];
    const n = /^\/agent\/tickets\/(\d+)(?:\/|$)/.exec(url.pathname)?.[1];
    if (!account || !n) return null;
    // Each open ticket tab renders its own conversation panel; read the subject of this ticket's panel first.
    const panel = doc.querySelector(`[data-side-conversations-anchor-id="${n}"]`);
    const subject = (panel && firstMatch(panel, SUBJECT)) || firstMatch(doc, SUBJECT);
    return {
      id: `${account}#${n}`,
      title: field(subject),
      url: `${url.origin}/agent/tickets/${n}`,
      groupId: account,
      groupName: account,
    };
  },
  anchor: SUBJECT,
  placement: 'after',
};
