import { describe, expect, it } from 'vitest';
import { jira } from '../../../lib/integrations/jira';

describe('jira: keys, projects and canonical links', () => {
  const task = (u: string) => jira.task(new URL(u), document);

  it('upper-cases the key and groups by project key', () => {
    expect(task('https://acme.atlassian.net/browse/web_app-17')).toMatchObject({
      id: 'WEB_APP-17',
      url: 'https://acme.atlassian.net/browse/WEB_APP-17',
      groupId: 'WEB_APP',
    });
  });

  it('links board panels to the issue page, keeping a Data Center context path', () => {
    expect(task('https://acme.atlassian.net/jira/software/projects/PROJ/boards/1?selectedIssue=PROJ-9')?.url).toBe(
      'https://acme.atlassian.net/browse/PROJ-9',
    );
    expect(task('https://jira.example.org/jira/browse/OPS-4')?.url).toBe('https://jira.example.org/jira/browse/OPS-4');
    expect(task('https://jira.example.org/secure/RapidBoard.jspa?rapidView=3&selectedIssue=OPS-5')?.url).toBe(
      'https://jira.example.org/browse/OPS-5',
    );
  });
});
