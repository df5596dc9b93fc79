import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '@/lib/core/sync-state';
import { AccountStatusNote } from './AccountStatusNote';

/** Every sync state that needs the user's attention shows a reason and a fix (the card adds the button for it). */
describe('AccountStatusNote', () => {
  const show = (state: SyncState) => {
    const root = document.createElement('div');
    const status = { state: 'ok' as const, message: 'engine said', lastSyncAt: null, checkedAt: 1 };
    render(<AccountStatusNote facts={{ state, status, waiting: 2, refused: 2 }} provider="Clockify" />, root);
    return root;
  };

  it.each(['offline', 'rate-limited', 'trouble', 'refused', 'reconnect'] as const)('%s: a reason, a fix and the detail', (state) => {
    const root = show(state);
    expect(root.querySelector('[data-problem]')?.getAttribute('data-problem')).toBe(state);
    // English sentences (the unit project reads public/_locales/en), never a bare key.
    expect(root.querySelector('.error')?.textContent).toMatch(/^(?=[A-Z0-9]).*Clockify.*\.$/);
    expect(root.querySelector('.fix')?.textContent).toMatch(/^[A-Z].+\.$/);
    expect(root.textContent).toContain('engine said');
  });

  it('an outage is never called refused changes, and no state repeats itself', () => {
    const text = show('trouble').textContent ?? '';
    expect(text).not.toMatch(/refused/i);
    expect(text.match(/Server trouble/g)).toHaveLength(1);
  });

  it('synced and syncing show nothing here (the card says connected)', () => {
    expect(show('synced').innerHTML).toBe('');
    expect(show('syncing').innerHTML).toBe('');
  });
});
