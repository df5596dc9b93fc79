import { describe, expect, it } from 'vitest';
import { googleCalendar } from '../../../lib/integrations/google-calendar';
import { fixture } from '../../fixtures/sites/google-calendar/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'google-calendar');
const VIEW = 'https://calendar.google.com/calendar/u/0/r';
const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

const doc = (w: { document: unknown }) => w.document as unknown as ParentNode;

describe('google calendar: events', () => {
  it('the popover: title, date and range in the user’s time zone, the event link, the calendar as the group', async () => {
    const win = await loadPage(dir, { url: `${VIEW}/week/2026/3/10`, file: 'calendar.html' });
    const task = googleCalendar.task(new URL(`${VIEW}/week/2026/3/10`), doc(win));
    expect(task).toEqual({
      id: '4bq2k7ekcbm1a9q7f3d8s1vr0c',
      title: 'Design review <v2>',
      url: 'https://calendar.google.com/calendar/event?eid=NGJxMms3ZWtjYm0xYTlxN2YzZDhzMXZyMGMgYWxpY2VAYWNtZS5leGFtcGxl',
      groupId: 'alice@acme.example',
      groupName: 'alice@acme.example',
      span: { start: local(2026, 3, 10, 10), end: local(2026, 3, 10, 11, 30) },
    });
    await win.happyDOM.close();
  });

  it('each occurrence of a recurring event is its own task on its own date; an all-day one has a date only', async () => {
    const win = await loadPage(dir, { url: `${VIEW}/month/2026/3/1`, file: 'calendar.html' });
    const read = (chip: string) => {
      (win.document.querySelector(chip) as unknown as HTMLElement).click();
      return googleCalendar.task(new URL(`${VIEW}/month/2026/3/1`), doc(win));
    };
    expect(read('#chip-standup-3')).toMatchObject({
      id: '6go3gcr3chh34b21ckqjab9k64_20260303T140000Z',
      span: { start: local(2026, 3, 3, 9), end: local(2026, 3, 3, 9, 30) },
    });
    expect(read('#chip-standup-10')).toMatchObject({
      id: '6go3gcr3chh34b21ckqjab9k64_20260310T130000Z',
      span: { start: local(2026, 3, 10, 9), end: local(2026, 3, 10, 9, 30) },
    });
    expect(read('#chip-offsite')).toMatchObject({
      id: '1m8v0oq4rq5k3s2c9d7e6f5g4h_20260312',
      title: 'Team offsite',
      span: { day: '2026-03-12' },
    });
    await win.happyDOM.close();
  });

  it('the full event page: an event kept in another time zone is converted to the user’s', async () => {
    const page = fixture.pages[1];
    if (!page) throw new Error('no event page');
    const win = await loadPage(dir, page);
    // 9:00 in Paris on March 10, 2026 (GMT+1; Paris changes clocks on March 29) is 08:00 UTC.
    expect(googleCalendar.task(new URL(page.url), doc(win))).toMatchObject({
      id: '0pc2lh1vj9rs3q6b5k8n4m7t2u',
      title: 'Partner sync & roadmap',
      span: { start: Date.UTC(2026, 2, 10, 8), end: Date.UTC(2026, 2, 10, 9) },
    });
    (win.document.querySelector('#xAlDaCb') as unknown as HTMLInputElement).checked = true;
    expect(googleCalendar.task(new URL(page.url), doc(win))?.span).toEqual({ day: '2026-03-10' });
    await win.happyDOM.close();
  });
});
