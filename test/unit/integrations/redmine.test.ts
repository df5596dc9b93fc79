import { describe, expect, it } from 'vitest';
import { redmine } from '../../../lib/integrations/redmine';
import { fixture } from '../../fixtures/sites/redmine/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'redmine');

describe('redmine: project and link', () => {
  it('takes the project from the page and links to the issue without query or fragment', async () => {
    const page = fixture.pages[1];
    if (!page) throw new Error('no page');
    const win = await loadPage(dir, page);
    const t = redmine.task(new URL(`${page.url}#note-4`), win.document as unknown as ParentNode);
    expect(t).toMatchObject({ id: '#40123', groupId: 'redmine', url: 'https://www.redmine.org/issues/40123' });
    await win.happyDOM.close();
  });

  it('works under a sub-URI', () => {
    expect(redmine.task(new URL('https://example.com/redmine/issues/7/'), document)?.url).toBe('https://example.com/redmine/issues/7');
  });
});
