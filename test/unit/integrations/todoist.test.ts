import { describe, expect, it } from 'vitest';
import { todoist } from '../../../lib/integrations/todoist';
import { fixture } from '../../fixtures/sites/todoist/fixture';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'todoist');

describe('todoist: tasks', () => {
  it('takes the id after the slug and the project name from the detail root', async () => {
    const page = fixture.pages.find((p) => p.taskId === '6X7rM8997g3RQmvh');
    if (!page) throw new Error('no task page');
    const win = await loadPage(dir, page);
    expect(todoist.task(new URL(page.url), win.document as unknown as ParentNode)).toMatchObject({
      id: '6X7rM8997g3RQmvh',
      url: 'https://app.todoist.com/app/task/6X7rM8997g3RQmvh',
      groupName: 'Website',
    });
    await win.happyDOM.close();
  });
});
