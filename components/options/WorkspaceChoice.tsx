import { t } from '@/lib/i18n';
import type { Workspace } from '@/lib/protocol/replies';

/** One Clockify/Toggl workspace as `workspaces.list` answers it. */
export type { Workspace };

/** What a workspace requires of every entry, in words (empty when nothing). */
export function requiredText(w: Pick<Workspace, 'required'>): string {
  const names = (
    [
      ['project', 'req_project'],
      ['task', 'req_task'],
      ['description', 'req_description'],
      ['tags', 'req_tags'],
    ] as const
  )
    .filter(([k]) => w.required[k])
    .map(([, key]) => t(key));
  return names.length ? t('workspace_required', names.join(', ')) : '';
}

interface Props {
  id: string;
  name: string;
  list: Workspace[];
  value: string;
  onChange(id: string): void;
}

/** The workspace select: locked workspaces are listed, disabled, with the reason. */
export function WorkspaceChoice({ id, name, list, value, onChange }: Props) {
  const chosen = list.find((w) => w.id === value);
  const needs = chosen ? requiredText(chosen) : '';
  return (
    <div class="field">
      <label for={id}>{t('workspace')}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-describedby={needs ? `${id}-needs` : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {list.map((w) => (
          <option key={w.id} value={w.id} disabled={w.locked}>
            {w.locked ? (w.reason ? t('workspace_locked', w.name, w.reason) : t('workspace_locked_plain', w.name)) : w.name}
          </option>
        ))}
      </select>
      {needs && (
        <p id={`${id}-needs`} class="help">
          {needs}
        </p>
      )}
    </div>
  );
}
