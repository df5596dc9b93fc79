import type { Task } from '../core/entry';

/**
 * Which modal frames may act: no task or state travels in the modal's URL (a page can read it and frame it from
 * anywhere). The content script registers each opening with a fresh nonce, bound to its tab; it hands the nonce
 * to its own frame by postMessage (the page cannot read that). The frame claims the registration once, with the
 * nonce, and gets its task; from then on only that frame, in that tab, may send modal messages. A copy of the
 * modal framed anywhere else has no registration and is refused everything.
 *
 * Kept in storage.session (trusted contexts only): a worker stopped between the opening and the claim still knows.
 */

interface Registration {
  nonce: string;
  task: Task | null;
  tabId: number;
  /** The modal frame that claimed it; null until claimed. */
  frameId: number | null;
  at: number;
}

/** An opening must be claimed within this time; a claimed one lives until the tab opens another. */
const CLAIM_WITHIN_MS = 60_000;
const KEY = 'modals';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(values: Record<string, unknown>): Promise<void>;
}

export function createModalRegistry(area: SessionArea, now: () => number = Date.now) {
  const load = async (): Promise<Registration[]> => {
    const list = (await area.get(KEY))[KEY];
    return Array.isArray(list) ? (list as Registration[]) : [];
  };
  const save = (list: Registration[]) => area.set({ [KEY]: list });
  const fresh = (r: Registration) => r.frameId !== null || now() - r.at < CLAIM_WITHIN_MS;

  return {
    /** The content script in `tabId` opens a modal: one live registration per tab. */
    async open(nonce: string, task: Task | null, tabId: number): Promise<void> {
      const others = (await load()).filter((r) => r.tabId !== tabId && fresh(r));
      await save([...others, { nonce, task, tabId, frameId: null, at: now() }]);
    },
    /**
     * A modal frame claims its opening; its task, or null when the nonce is not a live opening of its tab that is
     * unclaimed or already this frame's. Claiming again from the same frame answers the same: a claim whose reply
     * was lost (the worker stopped while answering) is sent again by the client, and must not lock the frame out.
     */
    async claim(nonce: string, tabId: number, frameId: number): Promise<{ task: Task | null } | null> {
      const list = await load();
      const reg = list.find((r) => r.nonce === nonce && r.tabId === tabId && (r.frameId === null || r.frameId === frameId) && fresh(r));
      if (!reg) return null;
      if (reg.frameId === null) {
        reg.frameId = frameId;
        await save(list);
      }
      return { task: reg.task };
    },
    /** Whether this frame holds the live registration of its tab. */
    async isLive(tabId: number, frameId: number): Promise<boolean> {
      return (await load()).some((r) => r.tabId === tabId && r.frameId === frameId);
    },
  };
}
export type ModalRegistry = ReturnType<typeof createModalRegistry>;
