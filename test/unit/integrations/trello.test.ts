import { describe, expect, it } from 'vitest';
import { trello } from '../../../lib/integrations/trello';
import { fixture } from '../../fixtures/sites/trello/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'trello');

describe('trello: cards', () => {
  it('links to the card by shortLink and names the board as the group', async () => {
    const page = fixture.pages.find((p) => p.taskId === 'AbCd1234');
    if (!page) throw new Error('no card page');
    const win = await loadPage(dir, page);
    expect(trello.task(new URL(page.url), win.document as unknown as ParentNode)).toMatchObject({
      id: 'AbCd1234',
      url: 'https://trello.com/c/AbCd1234',
      groupName: 'Sprint board',
    });
    await win.happyDOM.close();
  });

  it('reads what the title field shows while it is being edited', async () => {
    const page = fixture.pages.find((p) => p.taskId === 'AbCd1234');
    if (!page) throw new Error('no card page');
    const win = await loadPage(dir, page);
    const field = win.document.querySelector('textarea[data-testid="card-back-title-input"]') as HTMLTextAreaElement | null;
    if (!field) throw new Error('no title field');
    field.value = 'Fix login redirect loop (renamed)';
    expect(trello.task(new URL(page.url), win.document as unknown as ParentNode)?.title).toBe('Fix login redirect loop (renamed)');
    await win.happyDOM.close();
  });
});
