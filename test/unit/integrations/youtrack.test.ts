import { describe, expect, it } from 'vitest';
import { youtrack } from '../../../lib/integrations/youtrack';
import { fixture } from '../../fixtures/sites/youtrack/fixture';
import { fixtureDir, siteSuite } from './site-suite';

siteSuite(youtrack, fixture, fixtureDir(import.meta.url, 'youtrack'), {
  title: 'h1[data-test="ticket-summary"]',
  notTasks: [
    'https://acme.youtrack.cloud/issue/',
    'https://acme.youtrack.cloud/issue/12-ABC',
    'https://acme.youtrack.cloud/issues?preview=not a key',
    'https://acme.youtrack.cloud/dashboard?issue=ABC-1',
    // Another tracker's issue path (Linear) is not a YouTrack issue.
    'https://linear.app/acme/issue/ENG-123/fix-login',
  ],
});

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
