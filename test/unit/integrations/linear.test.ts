import { describe, expect, it } from 'vitest';
import { linear } from '../../../lib/integrations/linear';

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
