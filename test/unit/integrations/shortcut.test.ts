import { describe, expect, it } from 'vitest';
import { shortcut } from '../../../lib/integrations/shortcut';
import { fixture } from '../../fixtures/sites/shortcut/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'shortcut');

describe('shortcut: anchors', () => {
  it('falls back to the story name when the State field is not there', async () => {
    const page = fixture.pages[0];
    if (!page) throw new Error('no page');
    const win = await loadPage(dir, page);
    win.document.querySelector('#story-dialog-state-dropdown')?.remove();
    const name = win.document.querySelector('.story-details h2.story-name');
    const first = shortcut.anchor.map((s) => win.document.querySelector(s)).find(Boolean);
    expect(first).toBe(name);
    await win.happyDOM.close();
  });

  it('links to the story without its slug, grouped by workspace', () => {
    expect(shortcut.task(new URL('https://app.shortcut.com/acme/story/456/add-sso-login'), document)).toMatchObject({
      url: 'https://app.shortcut.com/acme/story/456',
      groupId: 'acme',
    });
  });
});
