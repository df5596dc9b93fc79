import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { parseBookingValue } from '@/lib/core/booking';
import type { Entry, Task } from '@/lib/core/entry';
import { initialTags } from '@/lib/core/tags';
import { providerInfo } from '@/lib/providers/catalog';
import { accounts, assignments, lastBooking, rules } from '@/lib/ui/state';

/** What a booking value offers for tags and billable, from the page's snapshot. */
export function labelsOf(booking: string) {
  const ref = parseBookingValue(booking);
  const account = ref ? accounts.value.find((a) => a.id === ref.accountId) : undefined;
  const cache = ref ? assignments.value[ref.accountId] : undefined;
  const pair = ref ? cache?.list.find((a) => a.projectId === ref.projectId && a.taskId === ref.taskId) : undefined;
  return {
    accountId: ref?.accountId ?? null,
    provider: account?.provider ?? '',
    /** Tags and an editable billable flag (Clockify, Toggl). */
    tagged: !!account && providerInfo(account.provider)?.tags === true,
    tags: cache?.tags ?? [],
    creatable: cache?.tagsCreatable === true,
    /** The project's and task's billable flag, when the tracker says (Harvest shows it; Clockify and Toggl default to it). */
    billableDefault: pair?.billable,
  };
}

/**
 * The tags and billable flag a form offers for its booking. A new entry starts from the rule's or the remembered
 * tags (lib/core/tags.ts) and the project's billable default; an edited entry from its own. Until the user changes
 * them, both follow the booking; tags chosen in one workspace are dropped when the booking moves to another.
 * `changed` says what the user touched (an editor sends only that).
 */
export function useLabels(booking: string, o: { task?: Task | null; entry?: Entry }) {
  const info = labelsOf(booking);
  // An entry's own tags while it stays in its workspace; otherwise what a new entry would be offered there.
  const start = () =>
    o.entry && o.entry.booking?.accountId === info.accountId
      ? (o.entry.tags ?? []).map((x) => x.id)
      : initialTags(o.task ?? o.entry?.task ?? null, info.accountId, ctx());
  const [tags, setTags] = useState<string[]>(start);
  const [billable, setBillable] = useState<boolean | undefined>(() => o.entry?.billable ?? info.billableDefault);
  const touched = useRef({ tags: false, billable: false });
  const account = useRef(info.accountId);
  const pairKey = booking;
  const firstPair = useRef(pairKey);

  // A layout effect: it runs as the render that moved the booking commits. A plain effect waits for the next frame
  // (or for this component's next render, which Preact precedes with it): a tag chosen sooner than that was
  // wiped by this move's reset (seen in real Chromium, 26 ms after a pick).
  useLayoutEffect(() => {
    const moved = account.current !== info.accountId;
    account.current = info.accountId;
    if (moved) {
      touched.current.tags = false;
      setTags(start());
    } else if (!touched.current.tags && !o.entry) setTags(start());
    if (!touched.current.billable) {
      const own = o.entry && pairKey === firstPair.current ? o.entry.billable : undefined;
      setBillable(own ?? info.billableDefault);
    }
  }, [pairKey, rules.value, lastBooking.value, info.billableDefault]);

  return {
    info,
    tags,
    billable,
    chooseTags(ids: string[]) {
      touched.current.tags = true;
      setTags(ids);
    },
    chooseBillable(on: boolean) {
      touched.current.billable = true;
      setBillable(on);
    },
    changed: () => ({ ...touched.current }),
    /** After a start: the next entry is offered its tags afresh. */
    reset() {
      touched.current = { tags: false, billable: false };
      setTags(start());
      setBillable(info.billableDefault);
    },
  };
}

const ctx = () => ({ rules: rules.value, lastBooking: lastBooking.value });

/**
 * An editor's changes to an entry's tags and billable flag, for `entry.update` / `timer.update`: only what differs
 * from the entry (a move to another workspace sends the tags chosen there, even none).
 */
export function editedLabels(labels: ReturnType<typeof useLabels>, entry: Entry): { tags?: string[]; billable?: boolean } {
  if (!labels.info.tagged) return {};
  const own = (entry.tags ?? []).map((x) => x.id);
  const moved = entry.booking?.accountId !== labels.info.accountId;
  const tagsChanged = moved || own.length !== labels.tags.length || own.some((id, i) => labels.tags[i] !== id);
  const out: { tags?: string[]; billable?: boolean } = {};
  if (tagsChanged && (moved || labels.changed().tags)) out.tags = labels.tags;
  if (labels.changed().billable && labels.billable !== undefined && labels.billable !== entry.billable) out.billable = labels.billable;
  return out;
}
