import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { type AccountStatus, AccountStatusSchema } from '@/lib/core/schemas';
import { AccountStatusNote } from './AccountStatusNote';

/** Every connection state an account can be in shows a reason and a fix (the card adds the button for it). */
describe('AccountStatusNote', () => {
  const show = (state: AccountStatus['state']) => {
    const root = document.createElement('div');
    render(<AccountStatusNote status={{ state, message: 'engine said', lastSyncAt: null, checkedAt: 1 }} provider="Clockify" />, root);
    return root;
  };

  it.each(AccountStatusSchema.shape.state.options.filter((s) => s !== 'ok'))('%s: a reason, a fix and the detail', (state) => {
    const root = show(state);
    expect(root.querySelector('[data-problem]')?.getAttribute('data-problem')).toBe(state);
    // English sentences (the unit project reads public/_locales/en), never a bare key.
    expect(root.querySelector('.error')?.textContent).toMatch(/^Clockify .+\.$/);
    expect(root.querySelector('.fix')?.textContent).toMatch(/^[A-Z].+\.$/);
    expect(root.textContent).toContain('engine said');
  });

  it('ok shows nothing', () => {
    expect(show('ok').innerHTML).toBe('');
  });
});
