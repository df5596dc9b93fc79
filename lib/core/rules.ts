import type { Task } from './entry';
import type { BookingRef, Rule } from './schemas';

/**
 * Per-site rules pinned in options: a task's integration + group (repository, board, Jira project…) → account,
 * project and task. The exact group wins over the integration-wide rule ('*'). Rules beat remembered choices.
 */
export function ruleFor(rules: readonly Rule[], task: Pick<Task, 'integration' | 'groupId'> | null): BookingRef | undefined {
  if (!task) return undefined;
  const exact = rules.find((r) => r.integration === task.integration && r.groupId === task.groupId);
  const wide = rules.find((r) => r.integration === task.integration && r.groupId === '*');
  const r = exact ?? wide;
  if (!r) return undefined;
  return { accountId: r.accountId, projectId: r.projectId, taskId: r.taskId, ...(r.tagIds ? { tagIds: r.tagIds } : {}) };
}

/** Adds or replaces the rule for an integration + group. */
export function putRule(rules: readonly Rule[], rule: Rule): Rule[] {
  return [...rules.filter((r) => !(r.integration === rule.integration && r.groupId === rule.groupId)), rule];
}
