import type { Ref } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { bookingValue } from '@/lib/core/booking';
import { buildIndex, itemLabel, type PickerItem, search, warmUp } from '@/lib/core/picker';
import { t, tp } from '@/lib/i18n';
import { accounts, assignments } from '@/lib/ui/state';

/** Options rendered at once (about three screens of the list); the rest are counted and narrowed by typing. */
const LIMIT = 20;

interface Props {
  value: string;
  onChange(value: string): void;
  recent: readonly string[];
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The project/task picker: an ARIA 1.2 combobox (input + listbox). Type to filter by client, project, code and
 * task (fuzzy, ranked, recent first); ↑/↓ move, Enter picks, Escape closes the list (and only the list).
 * The chosen value is in a hidden `name="booking"` input: `accountId|projectId|taskId` or `local`.
 */
export function BookingPicker({ value, onChange, recent, inputRef }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [dirty, setDirty] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);

  const accountList = accounts.value;
  const cache = assignments.value;
  const items = useMemo(() => {
    const many = accountList.length > 1;
    const list: PickerItem[] = [{ value: 'local', project: t('picker_local') }];
    for (const account of accountList) {
      for (const a of cache[account.id]?.list ?? []) {
        list.push({
          value: bookingValue({ accountId: account.id, projectId: a.projectId, taskId: a.taskId }),
          project: a.projectName,
          task: a.taskName || undefined,
          client: a.clientName || undefined,
          code: a.projectCode || undefined,
          account: many ? account.accountName : undefined,
        });
      }
    }
    return list;
  }, [accountList, cache]);
  const index = useMemo(() => buildIndex(items), [items]);
  // A large list: get the search up to speed while the user has not typed yet.
  useEffect(() => {
    if (index.entries.length < 1000) return;
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 50));
    const cancel = globalThis.cancelIdleCallback ?? clearTimeout;
    const handle = idle(() => warmUp(index));
    return () => cancel(handle as number);
  }, [index]);
  const selected = items.find((i) => i.value === value);
  const found = useMemo(
    () => (open ? search(index, dirty ? query : '', { recent, limit: LIMIT }) : null),
    [open, index, dirty, query, recent],
  );
  const results = found?.results ?? [];
  const recentSet = useMemo(() => new Set(recent), [recent]);

  useEffect(() => {
    if (active >= 0) listRef.current?.querySelector(`#${CSS.escape(`${id}-opt-${active}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  function openList() {
    setOpen(true);
    const at = dirty ? 0 : search(index, '', { recent, limit: LIMIT }).results.findIndex((r) => r.value === value);
    setActive(Math.max(0, at));
  }
  function close() {
    setOpen(false);
    setDirty(false);
    setQuery('');
    setActive(-1);
  }
  function choose(item: PickerItem) {
    onChange(item.value);
    close();
  }

  function onKeyDown(e: KeyboardEvent) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openList();
        else setActive((a) => Math.min(a + 1, results.length - 1));
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) openList();
        else setActive((a) => Math.max(a - 1, 0));
        return;
      case 'Enter': {
        const item = open ? results[active] : undefined;
        if (item) {
          e.preventDefault();
          choose(item);
        } else if (open && dirty) {
          e.preventDefault(); // typed something that matches nothing: never submit the old choice by surprise
        }
        return;
      }
      case 'Escape':
        // Closes the list (or undoes the typing); the dialog closes only on an Escape nobody handled.
        if (open || dirty) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
      case 'Tab':
        if (open) close();
        return;
    }
  }

  const activeId = open && active >= 0 && active < results.length ? `${id}-opt-${active}` : undefined;
  const more = found ? found.total - results.length : 0;
  return (
    <div class="picker">
      <label for={id}>{t('picker_label')}</label>
      <input
        id={id}
        ref={inputRef}
        name="booking-search"
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={`${id}-help`}
        autocomplete="off"
        spellcheck={false}
        placeholder={t('picker_placeholder')}
        value={dirty ? query : selected ? itemLabel(selected) : ''}
        onMouseUp={(e) => {
          // While the field shows the current choice's label, a click selects it whole (typing replaces it)
          // rather than putting the caret in the middle of the label; a typed query is edited as text.
          if (dirty) return;
          e.preventDefault();
          e.currentTarget.select();
        }}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => (open ? close() : openList())}
        onBlur={close}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setDirty(true);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <input type="hidden" name="booking" value={value} />
      <div id={listId} ref={listRef} role="listbox" aria-label={t('picker_label')} class="picker-list" hidden={!open}>
        {/* Rows keyed by position: a keystroke rewrites their text in place instead of replacing the elements. */}
        {results.map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard through the combobox (aria-activedescendant).
          // biome-ignore lint/a11y/useFocusableInteractive: same: the focus stays in the combobox input, as ARIA's combobox pattern says.
          <div
            key={i}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            data-value={item.value}
            class={item.value === value ? 'current' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(item)}
          >
            <span class="opt-main">
              {item.project}
              {item.code ? ` (${item.code})` : ''}
              {item.task ? ` / ${item.task}` : ''}
            </span>
            {(item.client || item.account) && <span class="opt-sub">{[item.client, item.account].filter(Boolean).join(' · ')}</span>}
            {recentSet.has(item.value) && <span class="opt-recent">{t('picker_recent')}</span>}
          </div>
        ))}
      </div>
      {open && results.length === 0 && <p class="picker-empty">{t('picker_no_match', query)}</p>}
      {open && more > 0 && <p class="picker-more">{tp('picker_more', more)}</p>}
      <p id={`${id}-help`} class="sr-only">
        {t('picker_help')}
      </p>
      <span class="sr-only" role="status">
        {open && dirty ? tp('picker_results', found?.total ?? 0) : ''}
      </span>
    </div>
  );
}
