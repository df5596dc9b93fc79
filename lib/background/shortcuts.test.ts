import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as store from '../state/store';
import { createService } from './service';
import { startForPage, toggleLast } from './shortcuts';

beforeEach(() => fakeBrowser.reset());

describe('shortcuts', () => {
  it('starts a timer for any page, with the selection as notes', async () => {
    const handle = createService();
    expect(await startForPage(handle, { url: 'https://example.com/a', title: 'A page' }, '  review  ')).toEqual({ ok: true });
    expect(await store.get('timer')).toMatchObject({
      notes: 'review',
      task: { integration: 'page', id: 'example.com/a', title: 'A page' },
    });
    expect(await startForPage(handle, { url: 'chrome://extensions' })).toEqual({ ok: false, error: 'This page cannot be tracked.' });
  });

  it('uses the integration for a known task page', async () => {
    const handle = createService();
    await startForPage(handle, { url: 'https://github.com/o/r/pull/9', title: 'Add x by y · Pull Request #9' });
    expect((await store.get('timer'))?.task).toMatchObject({ integration: 'github', id: 'o/r#9' });
  });

  it('toggles: stop the running timer, then start the last one again', async () => {
    const handle = createService();
    expect(await toggleLast(handle)).toEqual({ ok: false, error: 'Nothing to continue yet.' });
    await startForPage(handle, { url: 'https://example.com/a', title: 'A' });
    await toggleLast(handle);
    expect(await store.get('timer')).toBeNull();
    expect(await store.allEntries()).toHaveLength(1);
    await toggleLast(handle);
    expect(await store.get('timer')).toMatchObject({ task: { id: 'example.com/a' }, running: true });
  });
});
