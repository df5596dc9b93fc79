import type { Ref } from 'preact';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { bookingValue } from '@/lib/core/booking';
import { buildIndex, itemLabel, type PickerItem, search, warmUp } from '@/lib/core/picker';
import { t, tp } from '@/lib/i18n';
import { accounts, assignments, defaultAccount } from '@/lib/ui/state';
import { PickerOption } from './PickerOption';

/** Options rendered at once (about three screens of the list); the rest are counted and narrowed by typing. */
const LIMIT = 20;

const LOCAL_ITEM = (): PickerItem => ({ value: 'local', project: t('picker_local') });

/** The option row an event happened in, if any. */
const optionOf = (e: Event): HTMLElement | null => (e.target as Element | null)?.closest<HTMLElement>('[role="option"]') ?? null;

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
    const list: PickerItem[] = [];
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
    // Local last: once an account is linked, the browser-only choice is the exception, never the first row.
    list.push(LOCAL_ITEM());
    return list;
  }, [accountList, cache]);
  const index = useMemo(() => buildIndex(items), [items]);
  // A large list: get the search up to speed while the user has not typed yet, a step per idle period.
  useEffect(() => {
    if (index.items.length < 1000) return;
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 50));
    const cancel = globalThis.cancelIdleCallback ?? clearTimeout;
    let step = 0;
    const next = () => {
      if (warmUp(index, step++)) handle = idle(next);
    };
    let handle = idle(next);
    return () => cancel(handle as number);
  }, [index]);
  // Once per choice, not per keystroke: a scan of 10,000 pairs.
  const selected = useMemo(() => items.find((i) => i.value === value), [items, value]);
  // The choice shown can change under the user's focus (the project lists and the last booking arrive a moment after
  // the popup opens, and move the preselection): it stays all selected, as focusing left it, so what is typed next
  // replaces it instead of being added to it.
  const label = selected ? itemLabel(selected) : '';
  useLayoutEffect(() => {
    const input = document.getElementById(id);
    if (!dirty && input instanceof HTMLInputElement && input === document.activeElement) input.select();
  }, [label]);
  // The fixed strings once per picker: each t() is a call into the browser's i18n API, and a keystroke re-renders.
  const text = useMemo(
    () => ({ label: t('picker_label'), placeholder: t('picker_placeholder'), help: t('picker_help'), recent: t('picker_recent') }),
    [],
  );
  // Local is "recent" (listed first) only while it is the default: a linked account's projects come first.
  const ranked = useMemo(
    () => (defaultAccount.value === 'local' ? recent : recent.filter((v) => v !== 'local')),
    [recent, defaultAccount.value],
  );
  const list = (q: string) => {
    const hits = search(index, q, { recent: ranked, limit: LIMIT });
    // With no query, Local always shows, last, even when the projects fill the list.
    if (q || hits.results.some((r) => r.value === 'local')) return hits;
    return { results: [...hits.results.slice(0, LIMIT - 1), LOCAL_ITEM()], total: hits.total };
  };
  const found = useMemo(() => (open ? list(dirty ? query : '') : null), [open, index, dirty, query, ranked]);
  const results = found?.results ?? [];
  const recentSet = useMemo(() => new Set(ranked), [ranked]);

  useEffect(() => {
    if (active >= 0) listRef.current?.querySelector(`#${CSS.escape(`${id}-opt-${active}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  function openList() {
    setOpen(true);
    const at = dirty ? 0 : list('').results.findIndex((r) => r.value === value);
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
  // Counts in words only when the count changes (typing on often keeps it).
  const moreText = useMemo(() => (more > 0 ? tp('picker_more', more) : ''), [more]);
  const total = open && dirty ? (found?.total ?? 0) : -1;
  const totalText = useMemo(() => (total >= 0 ? tp('picker_results', total) : ''), [total]);
  return (
    <div class="picker">
      <label for={id}>{text.label}</label>
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
        placeholder={text.placeholder}
        value={dirty ? query : label}
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
      {/* Clicks are taken here for every row (PickerOption); a press on a row keeps the focus in the combobox. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard through the combobox (aria-activedescendant). */}
      <div
        id={listId}
        ref={listRef}
        role="listbox"
        aria-label={text.label}
        class="picker-list"
        hidden={!open}
        onMouseDown={(e) => {
          if (optionOf(e)) e.preventDefault();
        }}
        onClick={(e) => {
          const item = results[Number(optionOf(e)?.dataset.index)];
          if (item) choose(item);
        }}
      >
        {/* Rows keyed by position: a keystroke rewrites their text in place instead of replacing the elements. */}
        {results.map((item, i) => (
          <PickerOption
            key={i}
            id={`${id}-opt-${i}`}
            item={item}
            index={i}
            active={i === active}
            current={item.value === value}
            recent={recentSet.has(item.value) ? text.recent : ''}
          />
        ))}
      </div>
      {open && results.length === 0 && <p class="picker-empty">{t('picker_no_match', query)}</p>}
      {open && more > 0 && <p class="picker-more">{moreText}</p>}
      <p id={`${id}-help`} class="sr-only">
        {text.help}
      </p>
      <span class="sr-only" role="status">
        {totalText}
      </span>
    </div>
  );
}
