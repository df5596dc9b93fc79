import { describe, expect, it } from 'vitest';
import { bitbucket } from '../../../lib/integrations/bitbucket';

describe('bitbucket: issues and pull requests are numbered apart', () => {
  const task = (u: string) => bitbucket.task(new URL(u), document);

  it('writes issues with # and pull requests with !, grouped by repository', () => {
    expect(task('https://bitbucket.org/acme/webapp/issues/7')).toMatchObject({
      id: 'acme/webapp#7',
      url: 'https://bitbucket.org/acme/webapp/issues/7',
      groupId: 'acme/webapp',
    });
    expect(task('https://bitbucket.org/acme/webapp/pull-requests/7/diff')).toMatchObject({
      id: 'acme/webapp!7',
      url: 'https://bitbucket.org/acme/webapp/pull-requests/7',
    });
  });
});
