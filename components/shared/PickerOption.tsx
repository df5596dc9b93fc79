import { Component } from 'preact';
import type { PickerItem } from '@/lib/core/picker';

interface Props {
  id: string;
  item: PickerItem;
  index: number;
  active: boolean;
  current: boolean;
  /** The "Recent" mark, or '' (already localized: a row never calls the i18n API). */
  recent: string;
}

/**
 * One row of the project/task listbox. A keystroke over a long list mostly leaves the 20 rows shown as they were
 * (same pair, same place, same state): such a row is skipped whole instead of diffed (shouldComponentUpdate).
 * Clicks are handled by the listbox (event delegation), so a row holds no callback that would change every render.
 */
export class PickerOption extends Component<Props> {
  shouldComponentUpdate(next: Props): boolean {
    const p = this.props;
    return (
      next.item !== p.item ||
      next.index !== p.index ||
      next.active !== p.active ||
      next.current !== p.current ||
      next.recent !== p.recent ||
      next.id !== p.id
    );
  }

  render({ id, item, index, active, current, recent }: Props) {
    return (
      // biome-ignore lint/a11y/useFocusableInteractive: the focus stays in the combobox input, as ARIA's combobox pattern says (aria-activedescendant).
      <div id={id} role="option" aria-selected={active} data-value={item.value} data-index={index} class={current ? 'current' : undefined}>
        <span class="opt-main">
          {item.project}
          {item.code ? ` (${item.code})` : ''}
          {item.task ? ` / ${item.task}` : ''}
        </span>
        {(item.client || item.account) && <span class="opt-sub">{[item.client, item.account].filter(Boolean).join(' · ')}</span>}
        {recent && <span class="opt-recent">{recent}</span>}
      </div>
    );
  }
}
