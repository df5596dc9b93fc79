import { describe, expect, it } from 'vitest';
import { gitea } from '../../../lib/integrations/gitea';

describe('gitea: titles and links', () => {
  const doc = (html: string) => {
    const d = document.implementation.createHTMLDocument('');
    d.body.innerHTML = html;
    return d;
  };

  it('drops only the trailing number badge from the heading', () => {
    const t = gitea.task(
      new URL('https://git.example.com/a/b/issues/12'),
      doc('<div id="issue-title-display"><h1>Support #5 style refs <span class="index">#12</span></h1></div>'),
    );
    expect(t).toMatchObject({ id: 'a/b#12', title: 'Support #5 style refs', url: 'https://git.example.com/a/b/issues/12' });
  });

  it('links pull requests to their conversation tab', () => {
    expect(gitea.task(new URL('https://codeberg.org/acme/web.app/pulls/3/files'), document)?.url).toBe(
      'https://codeberg.org/acme/web.app/pulls/3',
    );
  });
});
