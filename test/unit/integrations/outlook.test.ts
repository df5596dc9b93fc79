import { describe, expect, it } from 'vitest';
import { outlook } from '../../../lib/integrations/outlook';
import { fixture } from '../../fixtures/sites/outlook/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'outlook');
const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('outlook: the reading pane', () => {
  it('reads the subject, the time in the user’s time zone, and links to the item', async () => {
    const page = fixture.pages[0];
    if (!page) throw new Error('no page');
    const win = await loadPage(dir, page);
    expect(outlook.task(new URL(page.url), win.document as unknown as ParentNode)).toEqual({
      id: 'AAMkAGI2TG93AAA=',
      title: 'Quarterly planning: Q2 <budget> & hiring',
      url: 'https://outlook.office.com/calendar/item/AAMkAGI2TG93AAA%3D',
      span: { start: local(2026, 3, 10, 14), end: local(2026, 3, 10, 15, 30) },
    });
    await win.happyDOM.close();
  });

  it('an all-day event has its date only; outlook.live.com works the same', async () => {
    const url = 'https://outlook.live.com/calendar/0/item/AAMkADc3MWUx%2FBGAAAEOAAA%3D';
    const win = await loadPage(dir, { url, file: 'calendar.html' });
    expect(outlook.task(new URL(url), win.document as unknown as ParentNode)).toMatchObject({
      id: 'AAMkADc3MWUx/BGAAAEOAAA=',
      title: 'Company offsite',
      span: { day: '2026-03-12' },
    });
    await win.happyDOM.close();
  });
});
