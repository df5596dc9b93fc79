import { describe, expect, it } from 'vitest';
import { notion } from '../../../lib/integrations/notion';

describe('notion: pages and peeks', () => {
  const task = (u: string) => notion.task(new URL(u), document);

  it('groups a peeked item under its database and links to the item page', () => {
    expect(task('https://www.notion.so/acme/0F1E2D3C4B5A49687766554433221100?v=1&p=9A8B7C6D5E4F43210FEDCBA987654321&pm=c')).toMatchObject({
      id: '9a8b7c6d5e4f43210fedcba987654321',
      url: 'https://www.notion.so/9a8b7c6d5e4f43210fedcba987654321',
      groupId: '0f1e2d3c4b5a49687766554433221100',
    });
  });

  it('prefers the peek over the page behind it', () => {
    document.body.innerHTML =
      '<main class="notion-frame"><div data-block-id="a"><h1>Page behind</h1></div></main>' +
      '<div class="notion-peek-renderer"><div data-block-id="b"><h1>Peeked item</h1></div></div>';
    expect(task('https://www.notion.so/acme/x-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6?p=9a8b7c6d5e4f43210fedcba987654321')?.title).toBe(
      'Peeked item',
    );
    document.body.innerHTML = '';
  });
});
