import type { Page } from 'playwright-core';
import { throughModal } from './modal';
import { type Booking, bookingKey, type LocalEntry, type Reply, TASK_KEYS, TIMES, taskKeyOf, today, until } from './model';
import type { Rng } from './prng';

/**
 * The chaos run's user (test/chaos/engine.ts): each op is a random thing a person does — start / stop from the
 * button on an issue tab, a manual entry in the modal, saves / edits / deletes / "continue" / stop from the popup —
 * and the model records what the user made of each entry.
 */

export type Model = Map<string, { notes: string; booking: string }>;

export interface UserDeps {
  rnd: Rng;
  /** The two GitHub issue tabs, in ISSUES order. */
  tabs: Page[];
  /** The project/task pairs Harvest offers. */
  pairs: Booking[];
  model: Model;
  /** Sends a message as the popup's own controls do. */
  send(message: unknown): Promise<Reply>;
  /** The timer and entries as storage holds them. */
  local(): Promise<{ timer: LocalEntry | null; entries: LocalEntry[] }>;
  uniqueNotes(): string;
  log(line: string): void;
  problem(what: string): void;
  /** Counts an op by kind. */
  tally(kind: string): void;
}

/** The user's ops: call with each op's number. */
export function chaosUser({ rnd, tabs, pairs, model, send, local, uniqueNotes, log, problem, tally }: UserDeps) {
  const findByNotes = (notes: string) =>
    until(`entry "${notes}" in storage`, async () => {
      const { timer, entries } = await local();
      return [...(timer ? [timer] : []), ...entries].find((e) => e.notes === notes) ?? null;
    });

  const randomRef = (): Booking | null => (rnd.chance(0.15) ? null : rnd.pick(pairs));

  async function userOp(n: number): Promise<void> {
    const { timer, entries } = await local();
    const stopped = entries.filter((e) => model.has(e.id));
    const runningTab = TASK_KEYS.indexOf(taskKeyOf(timer) as (typeof TASK_KEYS)[number]);
    let op = rnd.weighted({ tab: 24, save: 18, popupSave: 10, edit: 16, delete: 10, continue: 10, stop: 8, rebook: 4 });
    if ((op === 'edit' || op === 'delete' || op === 'rebook') && model.size === 0) op = 'save';
    if (op === 'continue' && stopped.length === 0) op = 'tab';
    if (op === 'stop' && !timer) op = 'tab';
    tally(op);

    switch (op) {
      case 'tab': {
        const t = rnd.int(0, 1);
        const page = tabs[t] as Page;
        if (runningTab === t) {
          log(`#${n} stop from the button on #${12 + t}`);
          await page.bringToFront();
          // The button shows what storage says: wait until it does (the timer may have been started elsewhere).
          await until(
            'the button to show the running timer',
            async () => (await page.locator('stint-button').getAttribute('data-state')) === 'running',
          );
          await page.locator('stint-button').getByRole('button').click();
          await until('timer to stop', async () => (await local()).timer?.id !== timer?.id);
          return;
        }
        const notes = uniqueNotes();
        log(`#${n} start from the button on #${12 + t}: "${notes}"`);
        await throughModal(page, notes, null);
        const e = await findByNotes(notes);
        model.set(e.id, { notes, booking: bookingKey(e.booking) });
        return;
      }
      case 'save': {
        const t = runningTab === 0 ? 1 : runningTab === 1 ? 0 : rnd.int(0, 1);
        const notes = uniqueNotes();
        const time = rnd.pick(TIMES);
        log(`#${n} save ${time} in the modal on #${12 + t}: "${notes}"`);
        await throughModal(tabs[t] as Page, notes, time);
        const e = await findByNotes(notes);
        model.set(e.id, { notes, booking: bookingKey(e.booking) });
        return;
      }
      case 'popupSave': {
        const notes = uniqueNotes();
        const booking = randomRef();
        const time = rnd.pick(TIMES);
        const day = today(rnd.int(0, 6));
        log(`#${n} save ${time} on ${day} (${bookingKey(booking)}) from the popup: "${notes}"`);
        const reply = await send({ type: 'entry.save', task: null, notes, time, day, booking });
        if (!reply?.ok) return problem(`#${n} save refused: ${reply?.error}`);
        const e = await findByNotes(notes);
        model.set(e.id, { notes, booking: bookingKey(booking) });
        return;
      }
      case 'edit':
      case 'rebook': {
        const id = rnd.pick([...model.keys()]);
        const current = model.get(id) as { notes: string; booking: string };
        const isTimer = timer?.id === id;
        const notes = uniqueNotes();
        const message: Record<string, unknown> = { type: 'entry.update', id, notes };
        if (!isTimer && op === 'edit' && rnd.chance(0.5)) message.time = rnd.pick(TIMES);
        let booking = current.booking;
        if (op === 'rebook' || rnd.chance(0.25)) {
          const ref = randomRef();
          message.booking = ref;
          booking = bookingKey(ref);
        }
        log(
          `#${n} edit "${current.notes}" → "${notes}"${message.time ? ` ${String(message.time)}` : ''}${'booking' in message ? ` (${booking})` : ''}`,
        );
        const reply = await send(message);
        if (!reply?.ok) return problem(`#${n} edit refused: ${reply?.error}`);
        model.set(id, { notes, booking });
        return;
      }
      case 'delete': {
        const id = rnd.pick([...model.keys()]);
        log(`#${n} delete "${model.get(id)?.notes}"${timer?.id === id ? ' (the running timer)' : ''}`);
        const reply = await send({ type: 'entry.delete', id });
        if (!reply?.ok) return problem(`#${n} delete refused: ${reply?.error}`);
        model.delete(id);
        return;
      }
      case 'continue': {
        const from = rnd.pick(stopped);
        const notes = uniqueNotes();
        log(`#${n} continue "${from.notes}" as "${notes}"`);
        const reply = await send({ type: 'entry.continue', id: from.id });
        if (!reply?.ok) return problem(`#${n} continue refused: ${reply?.error}`);
        const fresh = await until('the continued timer', async () => {
          const t = (await local()).timer;
          return t && !model.has(t.id) ? t : null;
        });
        model.set(fresh.id, { notes: fresh.notes, booking: bookingKey(fresh.booking) });
        // Unique notes again (continue copies them), the way the popup's running editor renames a timer.
        const renamed = await send({ type: 'entry.update', id: fresh.id, notes });
        if (!renamed?.ok) return problem(`#${n} rename refused: ${renamed?.error}`);
        model.set(fresh.id, { notes, booking: bookingKey(fresh.booking) });
        return;
      }
      case 'stop': {
        log(`#${n} stop from the popup`);
        const reply = await send({ type: 'timer.stop' });
        if (!reply?.ok) return problem(`#${n} stop refused: ${reply?.error}`);
        return;
      }
    }
  }

  return userOp;
}
