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

const WORDS: Record<RequiredField, string> = { project: 'a project', task: 'a task', description: 'notes (a description)', tags: 'tags' };

/** The service's refusal, in words (the pages show their own translated text before sending). */
export function missingMessage(workspace: string, missing: readonly RequiredField[]): string {
  const list = missing.map((f) => WORDS[f]).join(', ');
  const tags = missing.includes('tags')
    ? ' Stint cannot set tags yet: ask a workspace admin to stop requiring tags, or book this to another account.'
    : '';
  return `The workspace “${workspace}” requires ${list} on every entry.${tags}`;
}
