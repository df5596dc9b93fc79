import { describe, expect, it } from 'vitest';
import { redmine } from '../../../lib/integrations/redmine';
import { fixture } from '../../fixtures/sites/redmine/fixture';
import { fixtureDir, loadPage, siteSuite } from './site-suite';

const dir = fixtureDir(import.meta.url, 'redmine');

siteSuite(redmine, fixture, dir, {
  title: '#content .issue .subject h3',
  notTasks: [
    'https://www.redmine.org/issues/abc',
    'https://www.redmine.org/issues/40123.pdf',
    // Other trackers' issue paths on the same shape of URL are not Redmine issues.
    'https://github.com/octo/repo/issues/12',
    'https://gitlab.com/group/project/-/issues/3',
  ],
});

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
