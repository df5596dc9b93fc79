import { BillableField } from './BillableField';
import { TagPicker } from './TagPicker';
import type { useLabels } from './useLabels';

/**
 * A form's tags and billable flag for its booking (lib/core/tags.ts): the tag picker and the billable checkbox for
 * Clockify and Toggl, Harvest's billable flag as its task assignment sets it, nothing for Local.
 */
export function LabelsFields({ labels }: { labels: ReturnType<typeof useLabels> }) {
  const { info } = labels;
  if (!info.accountId) return null;
  return (
    <div class="labels">
      {info.tagged && (
        <TagPicker
          accountId={info.accountId}
          tags={info.tags}
          creatable={info.creatable}
          value={labels.tags}
          onChange={labels.chooseTags}
        />
      )}
      <BillableField editable={info.tagged} value={info.tagged ? labels.billable : info.billableDefault} onChange={labels.chooseBillable} />
    </div>
  );
}
