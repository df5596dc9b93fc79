import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { accounts, assignments, defaultAccount } from '@/lib/ui/state';
import { BookingPicker } from './BookingPicker';
import { key, linkedAccount, mount, type, usePickers } from './picker.fixture';

/**
 * The project/task combobox as a user drives it (happy-dom): the rows shown follow the query keystroke after
 * keystroke (rows left unchanged are skipped by the renderer, so a stale row would show here), the keyboard moves the
 * active option (aria-activedescendant), Enter and a click choose, and a long list is capped with "N more".
 */
describe('BookingPicker', () => {
  const account = linkedAccount('harvest', '1');
  const ACCOUNT = account.id;
  usePickers();

  /** Projects `names`, each with the task "Design"; the picker mounted with `value` chosen. */
  function mountPicker(names: string[], value = 'local', recent: string[] = []) {
    accounts.value = [account];
    defaultAccount.value = ACCOUNT;
    assignments.value = {
      [ACCOUNT]: {
        fetchedAt: 1,
        list: names.map((name, i) => ({ projectId: `p${i}`, projectName: name, taskId: 't1', taskName: 'Design' })),
      },
    };
    const onChange = vi.fn();
    return { ...mount(<BookingPicker value={value} onChange={onChange} recent={recent} />), onChange };
  }
  const options = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[role="option"]')];
  const texts = (root: HTMLElement) => options(root).map((o) => o.querySelector('.opt-main')?.textContent);

  it('shows the rows of each query as it is typed on and edited, never a row left from the previous one', async () => {
    const { root, input } = mountPicker(['Apollo', 'Apricot', 'Banana', 'Bandana', 'Cabana']);
    await type(input, 'a');
    expect(texts(root)).toEqual([
      'Apollo / Design',
      'Apricot / Design',
      'Banana / Design',
      'Bandana / Design',
      'Cabana / Design',
      'Local (this browser only)',
    ]);
    await type(input, 'ap');
    expect(texts(root)).toEqual(['Apollo / Design', 'Apricot / Design']);
    await type(input, 'apr');
    expect(texts(root)).toEqual(['Apricot / Design']);
    await type(input, 'ban');
    expect(texts(root)).toEqual(['Banana / Design', 'Bandana / Design', 'Cabana / Design']);
    await type(input, 'band');
    expect(texts(root)).toEqual(['Bandana / Design']);
    expect(options(root).map((o) => o.dataset.value)).toEqual([`${ACCOUNT}|p3|t1`]);
    expect(options(root).map((o) => o.id)).toEqual([input.getAttribute('aria-activedescendant')]);
  });

  it('moves the active option with the arrows (aria-activedescendant, aria-selected) and picks it with Enter', async () => {
    const { root, input, onChange } = mountPicker(['Apollo', 'Apricot', 'Apex', 'Banana']);
    await type(input, 'ap');
    expect(texts(root)).toEqual(['Apollo / Design', 'Apricot / Design', 'Apex / Design']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const active = () => options(root).findIndex((o) => o.getAttribute('aria-selected') === 'true');
    expect(active()).toBe(0);
    await key(input, 'ArrowDown');
    await key(input, 'ArrowDown');
    expect(active()).toBe(2);
    expect(input.getAttribute('aria-activedescendant')).toBe(options(root)[2]?.id);
    await key(input, 'ArrowDown'); // the last row stays active
    expect(active()).toBe(2);
    await key(input, 'ArrowUp');
    expect(active()).toBe(1);
    await key(input, 'Enter');
    expect(onChange).toHaveBeenCalledWith(`${ACCOUNT}|p1|t1`);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('picks a row by click, and a press on a row keeps the focus in the combobox', async () => {
    const { root, input, onChange } = mountPicker(['Apollo', 'Apricot', 'Banana']);
    await type(input, 'ban');
    const row = options(root)[0]?.querySelector('.opt-main');
    if (!row) throw new Error('no row');
    const press = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    row.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    row.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onChange).toHaveBeenCalledWith(`${ACCOUNT}|p2|t1`);
  });

  it('caps a long list at 20 rows and counts the rest; the current choice and recent ones are marked', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `Project ${i}`);
    const { root, input } = mountPicker(names, `${ACCOUNT}|p1|t1`, [`${ACCOUNT}|p3|t1`]);
    await type(input, 'project');
    expect(options(root)).toHaveLength(20);
    expect(root.querySelector('.picker-more')?.textContent).toBe('10 more: keep typing to narrow the list');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('30 matches');
    expect(
      options(root)
        .filter((o) => o.classList.contains('current'))
        .map((o) => o.dataset.value),
    ).toEqual([`${ACCOUNT}|p1|t1`]);
    expect(
      options(root)
        .filter((o) => o.querySelector('.opt-recent'))
        .map((o) => o.dataset.value),
    ).toEqual([`${ACCOUNT}|p3|t1`]);
    for (let i = 0; i < 25; i++) await key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options(root)[19]?.id);
    await type(input, 'project 2');
    // "2" whole, then starting a number, then inside one.
    expect(texts(root)).toEqual([
      'Project 2 / Design',
      ...Array.from({ length: 10 }, (_, i) => `Project ${20 + i} / Design`),
      'Project 12 / Design',
    ]);
    expect(root.querySelector('.picker-more')).toBeNull();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('12 matches');
  });

  it('keeps the choice shown all selected when it changes under the focus, so typing replaces it', async () => {
    const { input, root, onChange } = mountPicker(['Apollo', 'Banana'], `${ACCOUNT}|p0|t1`);
    input.focus();
    expect(input.value).toBe('Apollo / Design');
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
    // The preselection moves (the last booking arrived) while the field has the focus, before anything is typed.
    render(<BookingPicker value={`${ACCOUNT}|p1|t1`} onChange={onChange} recent={[]} />, root);
    expect(input.value).toBe('Banana / Design');
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
  });
});
