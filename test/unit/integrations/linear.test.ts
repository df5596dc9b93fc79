import { describe, expect, it } from 'vitest';
import { linear } from '../../../lib/integrations/linear';
import { fixture } from '../../fixtures/sites/linear/fixture';
import { fixtureDir, siteSuite } from './site-suite';

siteSuite(linear, fixture, fixtureDir(import.meta.url, 'linear'), {
  title: 'div[contenteditable="true"][aria-multiline="false"]',
  notTasks: [
    'https://linear.app/',
    'https://linear.app/acme/issue/',
    'https://linear.app/acme/issue/ENG',
    'https://linear.app/acme/issue/42-ENG',
    'https://linear.app/issue/ENG-42',
    'https://linear.app/acme/issues/ENG-42',
  ],
});

describe('linear: identifiers and teams', () => {
  it('groups by workspace and team key and drops the slug from the link', () => {
    expect(linear.task(new URL('https://linear.app/acme/issue/eng-42/some-slug?x=1'), document)).toMatchObject({
      id: 'ENG-42',
      url: 'https://linear.app/acme/issue/ENG-42',
      groupId: 'acme/ENG',
      groupName: 'ENG',
    });
  });

  it('does not take the description or comment editors for the title', () => {
    document.body.innerHTML =
      '<div contenteditable="true" aria-multiline="true"><p>Description</p></div>' +
      '<div contenteditable="true" aria-multiline="false"><p>The title</p></div>';
    expect(linear.task(new URL('https://linear.app/acme/issue/ENG-1'), document)?.title).toBe('The title');
    document.body.innerHTML = '';
  });
});
