import { describe, expect, it } from 'vitest';
import { azureDevops } from '../../../lib/integrations/azure-devops';

describe('azure-devops: groups and links', () => {
  const task = (u: string) => azureDevops.task(new URL(u), document);

  it('groups by organization/project and links to the full-page form', () => {
    expect(task('https://dev.azure.com/Acme/Fabrikam%20Fiber/_boards/board/t/Team/Stories?workitem=9')).toMatchObject({
      id: 'acme#9',
      groupId: 'acme/Fabrikam Fiber',
      groupName: 'Fabrikam Fiber',
      url: 'https://dev.azure.com/acme/Fabrikam%20Fiber/_workitems/edit/9',
    });
    expect(task('https://acme.visualstudio.com/DefaultCollection/Fabrikam/_workitems/edit/7')).toMatchObject({
      groupId: 'acme/Fabrikam',
      url: 'https://acme.visualstudio.com/Fabrikam/_workitems/edit/7',
    });
  });

  it('has no group on organization-level links, and survives malformed escapes', () => {
    expect(task('https://dev.azure.com/acme/_workitems/edit/88')).toMatchObject({ groupId: undefined });
    expect(task('https://dev.azure.com/acme/%E0%A4%A/_workitems/edit/5')?.groupName).toBe('%E0%A4%A');
  });
});
