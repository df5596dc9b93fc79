import { describe, expect, it } from 'vitest';
import { basecamp } from '../../../lib/integrations/basecamp';

describe('basecamp: to-dos and cards', () => {
  it('keeps the account in the id, groups by project and links to the recording', () => {
    expect(basecamp.task(new URL('https://3.basecamp.com/12/buckets/34/card_tables/cards/56/edit'), document)).toMatchObject({
      id: '12/56',
      groupId: '12/34',
      url: 'https://3.basecamp.com/12/buckets/34/card_tables/cards/56',
    });
  });
});
