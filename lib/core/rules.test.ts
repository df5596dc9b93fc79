import { describe, expect, it } from 'vitest';
import { putRule, ruleFor } from './rules';

const gh = { integration: 'github', groupId: '*', accountId: 'clockify:w', projectId: 'p1', taskId: '' };
const repo = { integration: 'github', groupId: 'octo/app', accountId: 'harvest:1', projectId: '5', taskId: '6' };
const jira = { integration: 'jira', groupId: 'PROJ', accountId: 'harvest:1', projectId: '7', taskId: '8' };

describe('rules', () => {
  it('prefers the exact group, then the integration-wide rule', () => {
    const rules = [gh, repo, jira];
    expect(ruleFor(rules, { integration: 'github', groupId: 'octo/app' })).toEqual({ accountId: 'harvest:1', projectId: '5', taskId: '6' });
    expect(ruleFor(rules, { integration: 'github', groupId: 'octo/other' })).toEqual({
      accountId: 'clockify:w',
      projectId: 'p1',
      taskId: '',
    });
    expect(ruleFor(rules, { integration: 'jira', groupId: 'PROJ' })?.projectId).toBe('7');
    expect(ruleFor(rules, { integration: 'jira', groupId: 'OTHER' })).toBeUndefined();
    expect(ruleFor(rules, null)).toBeUndefined();
  });

  it('replaces a rule for the same group', () => {
    expect(putRule([repo], { ...repo, projectId: '9' })).toEqual([{ ...repo, projectId: '9' }]);
  });
});
