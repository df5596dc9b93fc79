import { describe, expect, it } from 'vitest';
import { asana } from '../../../lib/integrations/asana';

describe('asana: task ids and projects', () => {
  const task = (u: string) => asana.task(new URL(u), document);

  it('groups by the project in the URL and links to the task', () => {
    expect(task('https://app.asana.com/1/111/project/222/task/333')).toMatchObject({
      id: '333',
      groupId: '222',
      url: 'https://app.asana.com/0/222/333/f',
    });
    expect(task('https://app.asana.com/1/111/task/444')).toMatchObject({ id: '444', url: 'https://app.asana.com/0/0/444/f' });
    expect(task('https://app.asana.com/1/111/task/444')?.groupId).toBeUndefined();
    expect(task('https://app.asana.com/0/0/555')?.groupId).toBeUndefined();
  });

  it('does not take a list row for the task pane', () => {
    document.body.innerHTML =
      '<div class="SpreadsheetRow"><textarea aria-label="Task Name">Row task</textarea></div>' +
      '<div class="TaskPane"><div class="TaskPane-titleRow"><textarea aria-label="Task Name">Pane task</textarea></div></div>';
    expect(task('https://app.asana.com/0/222/333')?.title).toBe('Pane task');
    document.body.innerHTML = '';
  });
});
