import { describe, expect, it } from 'vitest';
import { pageTask } from './page-task';

describe('pageTask', () => {
  it('uses the integration that claims the URL', () => {
    expect(pageTask('https://github.com/o/r/issues/5', 'Fix it · Issue #5 · o/r')).toMatchObject({
      integration: 'github',
      id: 'o/r#5',
      title: 'Fix it · Issue #5 · o/r',
    });
  });

  it('falls back to the page itself', () => {
    expect(pageTask('https://example.com/docs/a?b=1', '  Some   page ')).toEqual({
      integration: 'page',
      id: 'example.com/docs/a',
      title: 'Some page',
      url: 'https://example.com/docs/a?b=1',
      groupId: 'example.com',
      groupName: 'example.com',
    });
  });

  it('refuses non-web pages', () => {
    expect(pageTask('chrome://settings', 'Settings')).toBeNull();
    expect(pageTask('javascript:alert(1)', 'x')).toBeNull();
  });
});
