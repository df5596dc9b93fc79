import { formatList, t } from '../i18n';
import type { RequiredFields } from './schemas';

/** A field a workspace requires on every entry. */
export type RequiredField = keyof RequiredFields;

/**
 * The fields an entry lacks for its workspace (Clockify forceProjects/forceTasks/forceDescription/forceTags).
 * Stint books to a project always; it has no tags yet, so a workspace that requires tags is never satisfied.
 */
export function missingFields(required: RequiredFields, entry: { projectId: string; taskId: string; notes: string }): RequiredField[] {
  const missing: RequiredField[] = [];
  if (required.project && !entry.projectId) missing.push('project');
  if (required.task && !entry.taskId) missing.push('task');
  if (required.description && !entry.notes.trim()) missing.push('description');
  if (required.tags) missing.push('tags');
  return missing;
}

const WORDS = { project: 'req_project', task: 'req_task', description: 'req_notes', tags: 'req_tags' } as const;

/** The service's refusal, in words: `… requires a project and a task …` (the pages check first, in their own words). */
export function missingMessage(workspace: string, missing: readonly RequiredField[]): string {
  const refusal = t('required_refusal', workspace, formatList(missing.map((f) => t(WORDS[f]))));
  return missing.includes('tags') ? `${refusal} ${t('required_refusal_tags')}` : refusal;
}
