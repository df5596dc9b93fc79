import { firstMatch, textOf } from './text';
import type { Integration } from './types';
import { readWhen } from './when';

// An event opened in the reading pane or its own page: /calendar/item/<id>, /calendar/0/item/<id> (outlook.live.com),
// /calendar/deeplink/read/<id>. An occurrence of a recurring series has an item id of its own.
const ITEM = /^\/calendar\/(?:\d+\/)?(?:item|deeplink\/read)\/([^/]{10,600})\/?$/;

const PANE = ['[data-app-section="CalendarItemReadingPane"]', '[role="main"][aria-label="Event details"]'];
const ANCHOR = [
  // Reading pane (new Outlook and Outlook on the web, 2024–2026): the subject, a level-2 heading in the pane
  `${PANE[0]} [role="heading"]`,
  // Same pane, by its label (what a redesign keeps)
  `${PANE[1]} [role="heading"]`,
];

function itemId(url: URL): string | null {
  const raw = ITEM.exec(url.pathname)?.[1];
  if (!raw) return null;
  try {
    const id = decodeURIComponent(raw);
    return /^[A-Za-z0-9+/=_-]{10,400}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

export const outlook: Integration = {
  id: 'outlook',
  name: 'Outlook',
  matches: ['https://outlook.office.com/calendar/*', 'https://outlook.live.com/calendar/*'],
  exampleUrls: [
    { url: 'https://outlook.office.com/calendar/item/AAMkAGI2TG93AAA%3D', taskId: 'AAMkAGI2TG93AAA=' },
    { url: 'https://outlook.office.com/calendar/0/item/AAMkADc3MWUx%2FBGAAAEOAAA%3D', taskId: 'AAMkADc3MWUx/BGAAAEOAAA=' },
    { url: 'https://outlook.live.com/calendar/0/item/AQMkADAwATM0MDAAMS1iNTcwLTk5', taskId: 'AQMkADAwATM0MDAAMS1iNTcwLTk5' },
    { url: 'https://outlook.office.com/calendar/deeplink/read/AAMkAGI2TG93AAA%3D', taskId: 'AAMkAGI2TG93AAA=' },
    { url: 'https://outlook.office.com/calendar/view/week', taskId: null },
    { url: 'https://outlook.live.com/calendar/0/view/month', taskId: null },
    { url: 'https://outlook.office.com/calendar/item/', taskId: null },
  ],
  task(url, doc, anchor) {
    const id = itemId(url);
    if (!id) return null;
    const pane = anchor?.closest(PANE.join(',')) ?? firstMatch(doc, PANE);
    const heading = anchor ?? pane?.querySelector('[role="heading"]');
    // The first line of the pane that reads as a date is the event's time (before "Occurs every …").
    let span = null;
    for (const el of pane ? pane.querySelectorAll('div, span, time') : []) {
      if (el.firstElementChild || el === heading) continue;
      span = readWhen(textOf(el, 200), new Date().getFullYear());
      if (span) break;
    }
    const base = `https://${url.host}${url.pathname.replace(/\/$/, '')}`;
    return { id, title: textOf(heading), url: base, ...(span ? { span } : {}) };
  },
  anchor: ANCHOR,
  placement: 'after',
  // `Mail - Alice Martin - Outlook` and `Calendar - Alice Martin - Outlook` name no event.
  pageTitle: /^(?!(?:Mail|Calendar) - )(.+?) - Outlook$/,
};
