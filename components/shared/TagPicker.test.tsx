import { describe, expect, it } from 'vitest';
import { accounts, assignments } from '@/lib/ui/state';
import { LabelsFields } from './LabelsFields';
import { linkedAccount, mount, type, usePickers } from './picker.fixture';
import { useLabels } from './useLabels';

/**
 * "Create tag" is offered only where the user may create one: the account's cached tags say so (`tagsCreatable`, from
 * the provider's `canCreate`: a Clockify admin or owner may in a workspace where only admins may, a member may not).
 */
describe('TagPicker: creating a tag', () => {
  const account = linkedAccount('clockify', 'w1');
  const ACCOUNT = account.id;
  usePickers();

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
    const { root, input } = mount(<Form />);
    await type(input, 'review');
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
    await type(root.querySelector<HTMLInputElement>('input[role="combobox"]') as HTMLInputElement, 'Urgent');
    expect(options(root)).toEqual(['urgent']);
  });
});
