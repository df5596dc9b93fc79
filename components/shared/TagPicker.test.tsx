import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '@/lib/core/schemas';
import { accounts, assignments } from '@/lib/ui/state';
import { LabelsFields } from './LabelsFields';
import { useLabels } from './useLabels';

/**
 * "Create tag" is offered only where the user may create one: the account's cached tags say so (`tagsCreatable`, from
 * the provider's `canCreate`: a Clockify admin or owner may in a workspace where only admins may, a member may not).
 */
describe('TagPicker: creating a tag', () => {
  const ACCOUNT = 'clockify:w1';
  const account: Account = {
    id: ACCOUNT,
    provider: 'clockify',
    remoteAccountId: 'w1',
    accountName: 'Acme',
    userId: 'u1',
    userName: 'Ada',
    auth: 'token',
    timestampTimers: true,
    clock: '24h',
    addedAt: 1,
    required: { project: false, task: false, description: false, tags: false },
  };
  const roots: HTMLElement[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) render(null, root);
    accounts.value = [];
    assignments.value = {};
  });

  function Form() {
    const labels = useLabels(`${ACCOUNT}|p1|`, { task: null });
    return <LabelsFields labels={labels} />;
  }

  /** The form for an account whose cache says `creatable`, with "review" typed in its tag field. */
  async function typed(creatable: boolean | undefined): Promise<HTMLElement> {
    accounts.value = [account];
    assignments.value = {
      [ACCOUNT]: {
        fetchedAt: 1,
        list: [{ projectId: 'p1', projectName: 'Website', taskId: '', taskName: '' }],
        tags: [{ id: 'g1', name: 'urgent' }],
        ...(creatable === undefined ? {} : { tagsCreatable: creatable }),
      },
    };
    const root = document.createElement('div');
    document.body.append(root);
    roots.push(root);
    render(<Form />, root);
    const input = root.querySelector<HTMLInputElement>('input[role="combobox"]');
    if (!input) throw new Error('no tag field');
    input.value = 'review';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    return root;
  }

  const options = (root: HTMLElement) => [...root.querySelectorAll('[role="option"]')].map((o) => o.textContent);

  it('offers "Create tag" to a user who may create one (a Clockify admin in an admin-only workspace)', async () => {
    const root = await typed(true);
    expect(options(root)).toEqual(['Create tag “review”']);
  });

  it('does not offer it to a member where only admins may, nor when the cache does not say', async () => {
    const member = await typed(false);
    expect(options(member)).toEqual([]);
    expect(member.querySelector('.picker-empty')?.textContent).toMatch(/review/);
    const unknown = await typed(undefined);
    expect(options(unknown)).toEqual([]);
  });

  it('offers an existing tag by search either way, never "Create" for a name the workspace has', async () => {
    const root = await typed(true);
    const input = root.querySelector<HTMLInputElement>('input[role="combobox"]') as HTMLInputElement;
    input.value = 'Urgent';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(options(root)).toEqual(['urgent']);
  });
});
