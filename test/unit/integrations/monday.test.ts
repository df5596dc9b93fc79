import { describe, expect, it } from 'vitest';
import { monday } from '../../../lib/integrations/monday';

describe('monday: items', () => {
  it('groups by board and links to the item without the view', () => {
    expect(monday.task(new URL('https://acme.monday.com/boards/11/views/22/pulses/33/posts/44'), document)).toMatchObject({
      id: '33',
      groupId: '11',
      url: 'https://acme.monday.com/boards/11/pulses/33',
    });
  });
});
