import { t } from '@/lib/i18n';

interface Props {
  /** Clockify and Toggl: the user sets it (defaulting from the project and task). */
  editable: boolean;
  value: boolean | undefined;
  onChange(on: boolean): void;
}

/**
 * The billable flag: a checkbox where the tracker lets entries set it (Clockify, Toggl); where the task assignment
 * sets it (Harvest), a line saying which, and nothing to change. Nothing when the tracker says nothing.
 */
export function BillableField({ editable, value, onChange }: Props) {
  if (editable) {
    return (
      <label class="check billable">
        <input type="checkbox" name="billable" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
        {t('billable_label')}
      </label>
    );
  }
  if (value === undefined) return null;
  return (
    <p class="billable-note muted" data-billable={String(value)}>
      {t(value ? 'billable_yes_task' : 'billable_no_task')}
    </p>
  );
}
