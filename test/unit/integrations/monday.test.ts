import { describe, expect, it } from 'vitest';
import { monday } from '../../../lib/integrations/monday';
import { fixture } from '../../fixtures/sites/monday/fixture';
import { fixtureDir, siteSuite } from './site-suite';

siteSuite(monday, fixture, fixtureDir(import.meta.url, 'monday'), {
  title: '.slide-panel-content .item-page-item-name',
  notTasks: [
    'https://acme.monday.com/',
    'https://acme.monday.com/boards/',
    'https://acme.monday.com/boards/abc/pulses/123',
    'https://acme.monday.com/boards/123/pulses/',
    'https://acme.monday.com/pulses/123',
  ],
});

describe('monday: items', () => {
  it('groups by board and links to the item without the view', () => {
    expect(monday.task(new URL('https://acme.monday.com/boards/11/views/22/pulses/33/posts/44'), document)).toMatchObject({
      id: '33',
      groupId: '11',
      url: 'https://acme.monday.com/boards/11/pulses/33',
    });
  });
});
