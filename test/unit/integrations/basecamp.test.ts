import { describe, expect, it } from 'vitest';
import { basecamp } from '../../../lib/integrations/basecamp';
import { fixture } from '../../fixtures/sites/basecamp/fixture';
import { fixtureDir, siteSuite } from './site-suite';

siteSuite(basecamp, fixture, fixtureDir(import.meta.url, 'basecamp'), {
  title: '.panel--perma h1.todo__title',
  notTasks: [
    'https://3.basecamp.com/',
    'https://3.basecamp.com/5550001',
    'https://3.basecamp.com/5550001/buckets/3330001/todos/',
    'https://3.basecamp.com/5550001/buckets/3330001/todos/abc',
    'https://3.basecamp.com/abc/buckets/3330001/todos/1',
    'https://3.basecamp.com/5550001/buckets/3330001/messages/1',
  ],
});

describe('basecamp: to-dos and cards', () => {
  it('keeps the account in the id, groups by project and links to the recording', () => {
    expect(basecamp.task(new URL('https://3.basecamp.com/12/buckets/34/card_tables/cards/56/edit'), document)).toMatchObject({
      id: '12/56',
      groupId: '12/34',
      url: 'https://3.basecamp.com/12/buckets/34/card_tables/cards/56',
    });
  });
});
