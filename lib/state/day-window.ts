import type { Entry } from '../core/entry';

/**
 * The entries of one day and later, held in memory by the data layer (lib/state/store.ts) and kept in step by its
 * writes. The popup re-reads the last two weeks after every save (its `state.changed`): a range read of the day
 * index and a schema check of each entry (~140 with ten a day) after each one: the largest JS allocation of a
 * save's cycle in the worker's heap profile. Entries in it are frozen and shared: nobody edits one in place.
 */
export class DayWindow {
  private readonly byId: Map<string, Entry>;

  constructor(
    /** The first day held (YYYY-MM-DD): every stored entry of this day or later is in the window. */
    readonly from: string,
    entries: readonly Entry[],
  ) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
  }

  /** Whether every entry of `day` and later is here. */
  covers(day: string): boolean {
    return day >= this.from;
  }

  /** The entries of `day` and later (a new array, in no order). */
  since(day: string): Entry[] {
    const out: Entry[] = [];
    for (const e of this.byId.values()) if (e.day >= day) out.push(e);
    return out;
  }

  /** A written entry: kept if its day is in the window, dropped if it moved out of it. */
  put(e: Entry): void {
    if (e.day >= this.from) this.byId.set(e.id, e);
    else this.byId.delete(e.id);
  }

  delete(id: string): void {
    this.byId.delete(id);
  }
}
