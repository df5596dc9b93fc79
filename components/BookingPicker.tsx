import type { BookingRef } from '@/lib/messages';
import { accounts, assignments } from '@/lib/ui-state';

/** `accountId|projectId|taskId`, or 'local'. */
export const bookingValue = (ref: BookingRef): string => (ref ? `${ref.accountId}|${ref.projectId}|${ref.taskId}` : 'local');

export function parseBookingValue(value: string): BookingRef {
  if (value === 'local') return null;
  const [accountId = '', projectId = '', taskId = ''] = value.split('|');
  return { accountId, projectId, taskId };
}

interface Props {
  value: string;
  onChange(value: string): void;
}

/** Project and task: every assignable pair of every linked account, grouped by account and client; or Local. */
export function BookingPicker({ value, onChange }: Props) {
  return (
    <label>
      Project / task
      <select name="booking" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="local">Local (this browser only)</option>
        {accounts.value.map((account) => (
          <optgroup key={account.id} label={account.accountName}>
            {(assignments.value[account.id]?.list ?? []).map((a) => (
              <option
                key={`${a.projectId}|${a.taskId}`}
                value={bookingValue({ accountId: account.id, projectId: a.projectId, taskId: a.taskId })}
              >
                {a.clientName ? `${a.clientName} — ` : ''}
                {a.projectName}
                {a.taskName ? ` / ${a.taskName}` : ''}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
