import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { accounts, assignments } from '@/lib/ui/state';
import { LabelsFields } from './LabelsFields';
import { linkedAccount, mount, usePickers } from './picker.fixture';
import { useLabels } from './useLabels';

/**
 * A booking moved to another workspace drops the tags chosen in the first one, at once: tags chosen right after the
 * move (a user quicker than the next frame) are the new workspace's and stay. Found in real Chromium: the popup's
 * tag chosen 26 ms after its project was lost to the move's reset, which waited for the frame after.
 */
describe('useLabels: a booking moved to another workspace', () => {
  const clockify = linkedAccount('clockify', 'w1');
  const toggl = linkedAccount('toggl', 'w2');
  usePickers();

  function Form({ booking }: { booking: string }) {
    const labels = useLabels(booking, { task: null });
    return <LabelsFields labels={labels} />;
  }

  /** Only microtasks (where Preact renders a state change), not timers or frames (where useEffect runs). */
  const microtasks = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  /** `query` typed in the tag field and Enter pressed, each followed by its render and nothing later. */
  const pickTag = async (input: HTMLInputElement, query: string) => {
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await microtasks();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await microtasks();
  };
  const chips = (root: HTMLElement) => [...root.querySelectorAll('.tag-chip span')].map((c) => c.textContent);

  it('keeps a tag chosen before the next frame, and drops those of the workspace left', async () => {
    accounts.value = [clockify, toggl];
    assignments.value = {
      [clockify.id]: {
        fetchedAt: 1,
        list: [{ projectId: 'p1', projectName: 'Website', taskId: '', taskName: '' }],
        tags: [{ id: 'c1', name: 'urgent' }],
      },
      [toggl.id]: {
        fetchedAt: 1,
        list: [{ projectId: 'p2', projectName: 'Design', taskId: '', taskName: '' }],
        tags: [{ id: 't1', name: 'meeting' }],
      },
    };
    const { root, input } = mount(<Form booking={`${clockify.id}|p1|`} />);
    await pickTag(input, 'urg');
    expect(chips(root)).toEqual(['urgent']);

    // The booking moves to Toggl; "meet" + Enter follow before any frame or timer.
    render(<Form booking={`${toggl.id}|p2|`} />, root);
    await microtasks();
    expect(chips(root)).toEqual([]);
    await pickTag(input, 'meet');
    expect(chips(root)).toEqual(['meeting']);
    // Frames and timers later, it is still chosen.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chips(root)).toEqual(['meeting']);
    expect(root.querySelector<HTMLInputElement>('input[name="tags"]')?.value).toBe('t1');
  });
});
