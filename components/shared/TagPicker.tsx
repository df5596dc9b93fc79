import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Tag } from '@/lib/core/schemas';
import { searchTags } from '@/lib/core/tags';
import { t, tp } from '@/lib/i18n';
import { send } from '@/lib/ui/client';

/** Options rendered at once; the rest are counted and narrowed by typing. */
const LIMIT = 30;

interface Props {
  accountId: string;
  /** The workspace's tags (the account's cached list). */
  tags: readonly Tag[];
  /** The user may create a tag in this workspace. */
  creatable: boolean;
  /** Chosen tag ids. */
  value: readonly string[];
  onChange(ids: string[]): void;
}

type Option = { kind: 'tag'; tag: Tag } | { kind: 'create'; name: string };

/**
 * The tag picker: the chosen tags as chips (each with a labelled remove button), then an ARIA 1.2 combobox over a
 * multi-select listbox of the workspace's tags. Type to search; ↑/↓ move, Enter adds or removes the highlighted tag
 * (or creates the typed one, where the workspace allows), Backspace in the empty field removes the last tag,
 * Escape closes the list (and only the list). Kept apart from the project picker: its keystrokes re-render only this.
 */
export function TagPicker({ accountId, tags, creatable, value, onChange }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  // Tags created here are named at once, before the workspace's list comes back with them.
  const [made, setMade] = useState<Tag[]>([]);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const known = useMemo(() => {
    const byId = new Map<string, Tag>();
    for (const tag of [...made, ...tags]) byId.set(tag.id, tag);
    return byId;
  }, [tags, made]);
  const chosen = value.flatMap((v) => {
    const tag = known.get(v);
    return tag ? [tag] : [];
  });
  const found = useMemo(() => searchTags([...known.values()], query, LIMIT), [known, query]);
  const typed = query.trim();
  const options: Option[] = [
    ...found.results.map((tag): Option => ({ kind: 'tag', tag })),
    ...(creatable && typed && !found.exact ? [{ kind: 'create', name: typed } as Option] : []),
  ];

  useEffect(() => {
    if (open) listRef.current?.querySelector(`#${CSS.escape(`${id}-opt-${active}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, open, id]);

  function close() {
    setOpen(false);
    setActive(0);
  }

  function toggle(tag: Tag) {
    const on = value.includes(tag.id);
    onChange(on ? value.filter((v) => v !== tag.id) : [...value, tag.id]);
    setSaid(t(on ? 'tags_removed' : 'tags_added', tag.name));
    setQuery('');
    // Closed after each pick, as the project picker does: the list would cover the form's buttons. Typing or ↓ reopens it.
    close();
  }

  async function create(name: string) {
    if (busy) return;
    setBusy(true);
    setError('');
    const reply = await send({ type: 'tag.create', accountId, name });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setMade((m) => [...m.filter((x) => x.id !== reply.data.id), reply.data]);
    if (!value.includes(reply.data.id)) onChange([...value, reply.data.id]);
    setSaid(t('tags_created', reply.data.name));
    setQuery('');
    close();
  }

  function pick(option: Option | undefined) {
    if (!option) return;
    if (option.kind === 'tag') toggle(option.tag);
    else void create(option.name);
  }

  function onKeyDown(e: KeyboardEvent) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((a) => Math.min(a + 1, options.length - 1));
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((a) => Math.max(a - 1, 0));
        return;
      case 'Enter':
        // Never submits the form from here: Enter picks (or does nothing while the list is closed and empty).
        if (open || typed) {
          e.preventDefault();
          pick(options[open ? active : 0]);
        }
        return;
      case 'Backspace': {
        const last = chosen[chosen.length - 1];
        if (query === '' && last) {
          e.preventDefault();
          toggle(last);
        }
        return;
      }
      case 'Escape':
        if (open || query) {
          e.preventDefault();
          e.stopPropagation();
          setQuery('');
          close();
        }
        return;
      case 'Tab':
        close();
        return;
    }
  }

  const activeId = open && active < options.length ? `${id}-opt-${active}` : undefined;
  const more = found.total - found.results.length;
  return (
    <div class="picker tag-picker">
      <label for={id}>{t('tags_label')}</label>
      {chosen.length > 0 && (
        <ul class="tag-chips" aria-label={t('tags_chosen')}>
          {chosen.map((tag) => (
            <li key={tag.id} class="tag-chip" data-tag-id={tag.id}>
              <span>{tag.name}</span>
              <button
                type="button"
                class="chip-remove"
                aria-label={t('tags_remove', tag.name)}
                onClick={() => {
                  toggle(tag);
                  inputRef.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        ref={inputRef}
        name="tags-search"
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={`${id}-help`}
        aria-busy={busy}
        autocomplete="off"
        spellcheck={false}
        placeholder={t('tags_placeholder')}
        value={query}
        onClick={() => (open ? close() : setOpen(true))}
        onBlur={close}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <input type="hidden" name="tags" value={value.join(',')} />
      <div
        id={listId}
        ref={listRef}
        role="listbox"
        aria-multiselectable="true"
        aria-label={t('tags_label')}
        class="picker-list tag-list"
        hidden={!open}
      >
        {options.map((option, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard through the combobox (aria-activedescendant).
          // biome-ignore lint/a11y/useFocusableInteractive: same: the focus stays in the combobox input, as ARIA's combobox pattern says.
          <div
            key={option.kind === 'tag' ? option.tag.id : 'create'}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={option.kind === 'tag' && value.includes(option.tag.id)}
            class={i === active ? 'active' : undefined}
            data-tag-id={option.kind === 'tag' ? option.tag.id : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setActive(i);
              pick(option);
            }}
          >
            <span class="opt-main">{option.kind === 'tag' ? option.tag.name : t('tags_create', option.name)}</span>
          </div>
        ))}
      </div>
      {open && options.length === 0 && (
        <p class="picker-empty">{known.size === 0 && !typed ? t('tags_none_yet') : t('tags_no_match', query)}</p>
      )}
      {open && more > 0 && <p class="picker-more">{tp('picker_more', more)}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p id={`${id}-help`} class="sr-only">
        {t('tags_help')}
      </p>
      <span class="sr-only" role="status">
        {said || (open && query ? tp('tags_results', found.total) : '')}
      </span>
    </div>
  );
}
