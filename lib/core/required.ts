import { formatList, t } from '../i18n';
import type { RequiredFields } from './schemas';

/** A field a workspace requires on every entry. */
export type RequiredField = keyof RequiredFields;

/**
 * The fields an entry lacks for its workspace (Clockify forceProjects/forceTasks/forceDescription/forceTags).
 * `tags`: how many tags the entry carries (the workspace's tags, chosen in the forms or pinned by a rule).
 */
export function missingFields(
  required: RequiredFields,
  entry: { projectId: string; taskId: string; notes: string; tags?: number },
): RequiredField[] {
  const missing: RequiredField[] = [];
  if (required.project && !entry.projectId) missing.push('project');
  if (required.task && !entry.taskId) missing.push('task');
  if (required.description && !entry.notes.trim()) missing.push('description');
  if (required.tags && !entry.tags) missing.push('tags');
  return missing;
}

const WORDS = { project: 'req_project', task: 'req_task', description: 'req_notes', tags: 'req_tags' } as const;

/** The service's refusal, in words: `… requires a project and a task …` (the pages check first, in their own words). */
export function missingMessage(workspace: string, missing: readonly RequiredField[]): string {
  return t('required_refusal', workspace, formatList(missing.map((f) => t(WORDS[f]))));
}
