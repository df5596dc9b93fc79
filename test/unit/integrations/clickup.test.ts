import { describe, expect, it } from 'vitest';
import { clickup } from '../../../lib/integrations/clickup';

describe('clickup: task ids and workspaces', () => {
  const task = (u: string) => clickup.task(new URL(u), document);

  it('keeps the workspace as the group when the URL has one', () => {
    expect(task('https://app.clickup.com/t/9012345678/DEV-7')).toMatchObject({
      id: 'DEV-7',
      groupId: '9012345678',
      url: 'https://app.clickup.com/t/9012345678/DEV-7',
    });
    expect(task('https://app.clickup.com/t/86b0abc12')).toMatchObject({ id: '86b0abc12', url: 'https://app.clickup.com/t/86b0abc12' });
  });
});
