import { describe, expect, it } from 'vitest';
import { bitbucket } from '../../../lib/integrations/bitbucket';
import { fixture } from '../../fixtures/sites/bitbucket/fixture';
import { fixtureDir, siteSuite } from './site-suite';

siteSuite(bitbucket, fixture, fixtureDir(import.meta.url, 'bitbucket'), {
  title: '[data-testid="pr-header"] h1',
  notTasks: [
    'https://bitbucket.org/',
    'https://bitbucket.org/acme/webapp/issues/new',
    'https://bitbucket.org/acme/webapp/pull-requests/abc',
    'https://github.com/acme/webapp/issues/12',
    'https://bitbucket.example.com/projects/ACME/repos/webapp/pull-requests/7',
  ],
});

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
