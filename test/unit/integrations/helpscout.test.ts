import { describe, expect, it } from 'vitest';
import { helpscout } from '../../../lib/integrations/helpscout';
import { fixture } from '../../fixtures/sites/helpscout/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'helpscout');

describe('helpscout: subject and links', () => {
  it('reads the subject textarea’s current value, not its initial text', async () => {
    const page = fixture.pages[0];
    if (!page) throw new Error('no page');
    const win = await loadPage(dir, page);
    const doc = win.document as unknown as ParentNode;
    (doc.querySelector('[aria-label="Conversation Subject"]') as HTMLTextAreaElement).value = 'Edited subject';
    expect(helpscout.task(new URL(page.url), doc)?.title).toBe('Edited subject');
    await win.happyDOM.close();
  });

  it('links to the conversation without view parameters', () => {
    const t = (u: string) => helpscout.task(new URL(u), document)?.url;
    expect(t('https://secure.helpscout.net/conversation/2846710335/11161?folderId=7654321')).toBe(
      'https://secure.helpscout.net/conversation/2846710335/11161',
    );
    expect(t('https://secure.helpscout.net/conversation/2846710336/')).toBe('https://secure.helpscout.net/conversation/2846710336');
  });
});
