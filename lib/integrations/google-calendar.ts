import { firstMatch, textOf } from './text';
import type { Integration, TaskInfo } from './types';
import { readWhen, type Span } from './when';

// The full event page: /calendar/u/0/r/eventedit/<eid> (or /calendar/r/eventedit/<eid>); an event link: /calendar/event?eid=<eid>.
const EDIT = /^\/calendar\/(?:u\/\d+\/)?r\/eventedit\/([A-Za-z0-9_-]{8,400})\/?$/;
const LINK = /^\/calendar\/(?:u\/\d+\/)?event\/?$/;
// Views carry the date they show: /r/week/2026/3/10.
const VIEW_YEAR = /\/r\/\w+\/(\d{4})\/\d{1,2}\/\d{1,2}/;

const POPOVER = '[role="dialog"][data-eventid]';
const ANCHOR = [
  // Event popover (2024–2026): <div id="xDetDlg" role="dialog" data-eventid="…"><span id="rAECCd" role="heading">
  '#xDetDlg #rAECCd',
  // Same popover, by what a redesign keeps: the dialog naming its event, and its heading
  `${POPOVER} [role="heading"]`,
  // Full event page (eventedit): <input id="xTiIn" aria-label="Title">
  '#xTiIn',
  // Same page, by its label
  'input[aria-label="Title"]',
];
const FIELDS = {
  when: ['#xDetDlgWhen'],
  startDate: ['#xStDaIn', 'input[aria-label="Start date"]'],
  startTime: ['#xStTiIn', 'input[aria-label="Start time"]'],
  endTime: ['#xEnTiIn', 'input[aria-label="End time"]'],
  endDate: ['#xEnDaIn', 'input[aria-label="End date"]'],
  allDay: ['#xAlDaCb', 'input[type="checkbox"][aria-label="All day"]'],
  zone: ['#xTimezone', '[aria-label^="Time zone"]'],
};

/** An eid is base64url of "<event id> <calendar id>"; a recurring event's occurrence has an id of its own (`…_20260310T130000Z`). */
function decodeEid(eid: string): { event: string; calendar: string } | null {
  try {
    const [event = '', calendar = ''] = atob(eid.replace(/-/g, '+').replace(/_/g, '/')).split(' ');
    return /^[\w@.-]{3,300}$/.test(event) ? { event, calendar: /^[\w@.+-]{1,300}$/.test(calendar) ? calendar : '' } : null;
  } catch {
    return null;
  }
}

/** A field's value, or an element's text (a button's value is not what it shows). */
const value = (el: Element | null) =>
  (el?.localName === 'input' || el?.localName === 'textarea' ? (el as HTMLInputElement).value : textOf(el)).replace(/\s+/g, ' ').trim();

/** The popover's date line: its own element, else the first text in the dialog that reads as a date. */
function popoverWhen(dialog: Element, year: number): Span | null {
  const own = firstMatch(dialog, FIELDS.when);
  const lines = own ? [own, ...own.querySelectorAll('*')] : [...dialog.querySelectorAll('div, span')].filter((e) => !e.firstElementChild);
  for (const el of lines) {
    const span = readWhen(textOf(el, 200), year);
    if (span) return span;
  }
  return null;
}

/** The full page's fields as one line ("Mar 10, 2026 9:00am – Mar 10, 2026 10:30am (GMT+01:00) Paris"). */
function pageWhen(doc: ParentNode, year: number): Span | null {
  const get = (k: keyof typeof FIELDS) => value(firstMatch(doc, FIELDS[k]));
  const start = get('startDate');
  if (!start) return null;
  const allDay = (firstMatch(doc, FIELDS.allDay) as HTMLInputElement | null)?.checked;
  return readWhen(allDay ? start : `${start} ${get('startTime')} – ${get('endDate')} ${get('endTime')} ${get('zone')}`, year);
}

export const googleCalendar: Integration = {
  id: 'google-calendar',
  name: 'Google Calendar',
  matches: ['https://calendar.google.com/calendar/*'],
  exampleUrls: [
    {
      url: 'https://calendar.google.com/calendar/u/0/r/eventedit/NGJxMms3ZWtjYm0xYTlxN2YzZDhzMXZyMGMgYWxpY2VAYWNtZS5leGFtcGxl',
      taskId: '4bq2k7ekcbm1a9q7f3d8s1vr0c',
    },
    {
      url: 'https://calendar.google.com/calendar/r/eventedit/NmdvM2djcjNjaGgzNGIyMWNrcWphYjlrNjRfMjAyNjAzMTBUMTMwMDAwWiBhbGljZUBhY21lLmV4YW1wbGU',
      taskId: '6go3gcr3chh34b21ckqjab9k64_20260310T130000Z',
    },
    {
      url: 'https://calendar.google.com/calendar/event?eid=NGJxMms3ZWtjYm0xYTlxN2YzZDhzMXZyMGMgYWxpY2VAYWNtZS5leGFtcGxl',
      taskId: '4bq2k7ekcbm1a9q7f3d8s1vr0c',
    },
    // Views show an event in a popover: the page names none until one is open.
    { url: 'https://calendar.google.com/calendar/u/0/r/week/2026/3/10', taskId: null },
    { url: 'https://calendar.google.com/calendar/u/0/r', taskId: null },
    { url: 'https://calendar.google.com/calendar/u/0/r/settings', taskId: null },
    { url: 'https://calendar.google.com/calendar/u/0/r/eventedit', taskId: null },
  ],
  task(url, doc, anchor) {
    const edit = EDIT.exec(url.pathname)?.[1] ?? (LINK.test(url.pathname) ? url.searchParams.get('eid') : null);
    const dialog = edit ? null : ((anchor ?? doc.querySelector(POPOVER))?.closest?.(POPOVER) ?? doc.querySelector(POPOVER));
    const eid = edit ?? dialog?.getAttribute('data-eventid') ?? '';
    const ids = eid ? decodeEid(eid) : null;
    if (!ids) return null;
    // The occurrence's own date names its year; else the view's; else this year.
    const year = Number(/_(\d{4})\d{4}(?:T|$)/.exec(ids.event)?.[1] ?? VIEW_YEAR.exec(url.pathname)?.[1] ?? new Date().getFullYear());
    const title = dialog ? textOf(dialog.querySelector('[role="heading"]')) : value(firstMatch(doc, ANCHOR.slice(2)));
    const span = dialog ? popoverWhen(dialog, year) : pageWhen(doc, year);
    const task: TaskInfo = {
      id: ids.event,
      title: title.slice(0, 1000),
      url: `https://calendar.google.com/calendar/event?eid=${eid}`,
      ...(ids.calendar ? { groupId: ids.calendar, groupName: ids.calendar } : {}),
    };
    return span ? { ...task, span } : task;
  },
  anchor: ANCHOR,
  placement: 'after',
  // `Google Calendar - Event details` names no event: the popover and the page's own fields do.
  pageTitle: /^(?!Google Calendar)(.+?) - Google Calendar$/,
};
