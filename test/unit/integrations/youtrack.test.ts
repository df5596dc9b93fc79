import { describe, expect, it } from 'vitest';
import { youtrack } from '../../../lib/integrations/youtrack';

describe('youtrack: groups and links', () => {
  const task = (u: string) => youtrack.task(new URL(u), document);

  it('groups by project and links to the issue page under the context path', () => {
    expect(task('https://acme.myjetbrains.com/youtrack/agiles/1-2/current?issue=web-9')).toMatchObject({
      id: 'WEB-9',
      groupId: 'WEB',
      url: 'https://acme.myjetbrains.com/youtrack/issue/WEB-9',
    });
    expect(task('https://youtrack.example.org/issue/ABC-12/slug')?.url).toBe('https://youtrack.example.org/issue/ABC-12');
  });
});
