import type { Page } from 'playwright-core';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';
import { readState } from '../support/state';
import { throughModal } from './modal';
import {
  type Booking,
  bookingKey,
  compareWithHarvest,
  harvestTrace,
  ISSUES,
  type LocalEntry,
  type RemoteJson,
  type Reply,
  settleOutbox,
  sleep,
  TASK_KEYS,
  TIMES,
  taskKeyOf,
  today,
  until,
} from './model';
import { prng, type Rng } from './prng';

/**
 * The chaos run behind test/e2e/chaos.test.ts (short, part of `npm test`) and `npm run chaos` (long): a seeded
 * random sequence of what a user does — start / stop from the button on two GitHub issue tabs, manual entries in
 * the modal, edits / deletes / "continue" and saves from the popup — while the run kills the service worker,
 * cuts the network, and makes the Harvest emulator answer 429, 5xx, drop connections or commit and then drop.
 *
 * After every op the local state (timer + entries, read from storage) must be exactly what the user did (the
 * model). At the end faults are cleared, Stint syncs until its outbox is clean, and every local entry booked to
 * Harvest must exist exactly once in Harvest with its notes, hours (±0.01), project/task and day; nothing else
 * of the run may exist there (deleted or moved-to-Local entries removed). Every op uses unique notes, which is
 * how local and remote entries are matched.
 */

export interface ChaosOptions {
  seed: number;
  ops: number;
  /** Called with each line of the trace as it happens (the CLI prints it; the test keeps it for failures). */
  log?: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  ops: number;
  ms: number;
  /** What the run did, by kind. */
  did: Record<string, number>;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
  /** Requests the emulator received, by route. */
  requests: Record<string, number>;
  localBooked: number;
  remote: number;
  /** Everything that went wrong: lost, duplicated, wrong, refused, stuck. Empty = pass. */
  problems: string[];
  trace: string[];
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const rnd: Rng = prng(options.seed);
  const trace: string[] = [];
  const problems: string[] = [];
  const did: Record<string, number> = {};
  const faults: Record<string, number> = {};
  const count = (map: Record<string, number>, k: string) => {
    map[k] = (map[k] ?? 0) + 1;
  };
  const log = (line: string) => {
    const stamped = `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s ${line}`;
    trace.push(stamped);
    options.log?.(stamped);
  };
  const problem = (what: string) => {
    problems.push(what);
    log(`PROBLEM ${what}`);
  };
  log(`chaos seed=${options.seed} ops=${options.ops}`);

  const emu: HarvestEmulator = createHarvestEmulator();
  const demo: DemoSeed = emu.seedDemo();
  const server = await new HostsServer().start();
  server.emulator(emu);
  serveFixtures(server, [fixture]);
  let stint: Stint | null = null;
  let localBooked = 0;
  let remoteCount = 0;
  const report = (): ChaosReport => ({
    seed: options.seed,
    ops: options.ops,
    ms: Date.now() - started,
    did,
    faults,
    requests: emu.log.byRoute(),
    localBooked,
    remote: remoteCount,
    problems,
    trace,
  });

  try {
    stint = await launchStint({ port: server.port });
    const s = stint;
    const accountId = `harvest:${demo.accountId}`;

    // The control page: an extension page (the popup) that sends what the popup's own controls send.
    const control = await s.popup();
    const send = (message: unknown): Promise<Reply> =>
      control.evaluate(
        (m) =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }).chrome.runtime.sendMessage(m),
        message,
      );
    const read = <T>(keys: string[]) => readState(control, keys) as Promise<T>;
    const local = async () => {
      const got = await read<{ timer?: LocalEntry | null; entries?: LocalEntry[] }>(['timer', 'entries']);
      return { timer: got.timer ?? null, entries: got.entries ?? [] };
    };

    // Link Harvest the way the options page does.
    const linked = await send({ type: 'account.link', provider: 'harvest', token: demo.token, remoteAccountId: String(demo.accountId) });
    if (!linked?.ok) throw new Error(`could not link Harvest: ${JSON.stringify(linked)}`);
    const assignments = await until('project assignments', async () => {
      const got = await read<{ assignments?: Record<string, { list: { projectId: string; taskId: string }[] }> }>(['assignments']);
      const list = got.assignments?.[accountId]?.list ?? [];
      return list.length > 0 ? list : null;
    });
    const pairs: Booking[] = assignments.map((a) => ({ accountId, projectId: a.projectId, taskId: a.taskId }));
    log(`linked ${accountId}: ${pairs.length} project/task pairs`);

    const tabs: Page[] = [];
    for (const url of ISSUES) {
      const page = await s.context.newPage();
      await page.goto(url);
      await page.locator('stint-button').waitFor();
      tabs.push(page);
    }

    /** The model: entry id → what the user last made of it. */
    const model = new Map<string, { notes: string; booking: string }>();
    let seq = 0;
    const uniqueNotes = () => `chaos-${options.seed}-${++seq}`;

    async function verifyLocal(when: string) {
      const { timer, entries } = await local();
      const live = [...(timer ? [timer] : []), ...entries];
      const ids = new Set(live.map((e) => e.id));
      for (const [id, want] of model) {
        const got = live.find((e) => e.id === id);
        if (!got) problem(`${when}: entry "${want.notes}" lost locally`);
        else if (got.notes !== want.notes || bookingKey(got.booking) !== want.booking) {
          problem(
            `${when}: entry "${want.notes}" is ${JSON.stringify({ notes: got.notes, booking: bookingKey(got.booking) })}, expected ${JSON.stringify(want)}`,
          );
        }
      }
      for (const e of live)
        if (!model.has(e.id))
          problem(
            `${when}: unexpected local entry ${JSON.stringify({ notes: e.notes, running: e.running, booking: bookingKey(e.booking) })}`,
          );
      // Re-sync the model with what is there, so one problem is reported once.
      if (problems.length > 0) {
        model.clear();
        for (const e of live) model.set(e.id, { notes: e.notes, booking: bookingKey(e.booking) });
      }
      return ids;
    }

    const findByNotes = (notes: string) =>
      until(`entry "${notes}" in storage`, async () => {
        const { timer, entries } = await local();
        return [...(timer ? [timer] : []), ...entries].find((e) => e.notes === notes) ?? null;
      });

    const randomRef = (): Booking | null => (rnd.chance(0.15) ? null : rnd.pick(pairs));

    // ---- the user ----
    async function userOp(n: number): Promise<void> {
      const { timer, entries } = await local();
      const stopped = entries.filter((e) => model.has(e.id));
      const runningTab = TASK_KEYS.indexOf(taskKeyOf(timer) as (typeof TASK_KEYS)[number]);
      let op = rnd.weighted({ tab: 24, save: 18, popupSave: 10, edit: 16, delete: 10, continue: 10, stop: 8, rebook: 4 });
      if ((op === 'edit' || op === 'delete' || op === 'rebook') && model.size === 0) op = 'save';
      if (op === 'continue' && stopped.length === 0) op = 'tab';
      if (op === 'stop' && !timer) op = 'tab';
      count(did, op);

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

    // ---- the world ----
    let outage = 0;
    async function kill(n: number) {
      try {
        await s.killWorker();
        log(`#${n} ~ service worker killed`);
      } catch (err) {
        log(`#${n} ~ kill skipped: ${(err as Error).message}`);
      }
    }
    async function fault(n: number): Promise<(() => Promise<void>) | null> {
      const kind = rnd.weighted({ kill: 26, outage: 12, storm: 14, fail5xx: 14, drop: 10, commitThenDrop: 16, slowKill: 8 });
      count(faults, kind);
      switch (kind) {
        case 'kill':
          await kill(n);
          return null;
        case 'outage':
          outage = rnd.int(1, 3);
          emu.faults.setDown('drop');
          log(`#${n} ~ network down for ${outage} ops`);
          return null;
        case 'storm': {
          const k = rnd.int(1, 6);
          emu.faults.rateLimitStorm(k, { retryAfterSec: 1 });
          log(`#${n} ~ next ${k} requests answer 429 (Retry-After: 1)`);
          return null;
        }
        case 'fail5xx': {
          const k = rnd.int(1, 3);
          const status = rnd.pick([500, 502, 503]);
          emu.faults.failNext(k, { status, path: /^\/v2\/time_entries/ });
          log(`#${n} ~ next ${k} time-entry requests answer ${status}`);
          return null;
        }
        case 'drop': {
          const k = rnd.int(1, 2);
          emu.faults.dropNext(k, { path: /^\/v2\/time_entries/ });
          log(`#${n} ~ next ${k} time-entry requests dropped`);
          return null;
        }
        case 'commitThenDrop': {
          const method = rnd.pick(['POST', 'PATCH', 'DELETE', 'POST']);
          const k = rnd.int(1, 2);
          emu.faults.commitThenDrop(k, { method, path: /^\/v2\/time_entries/ });
          log(`#${n} ~ next ${k} ${method} time-entry requests commit, then the connection drops`);
          return null;
        }
        case 'slowKill': {
          const latency = rnd.int(600, 1500);
          emu.faults.setLatency(latency);
          log(`#${n} ~ ${latency} ms latency; the worker dies while requests are in flight`);
          return async () => {
            await sleep(rnd.int(150, 500));
            await kill(n);
            emu.faults.setLatency(0);
          };
        }
      }
    }

    for (let n = 1; n <= options.ops; n++) {
      const after = rnd.chance(0.35) ? await fault(n) : null;
      try {
        await userOp(n);
      } catch (err) {
        problem(`#${n} failed: ${(err as Error).message.split('\n')[0]}`);
      }
      if (after) await after();
      await verifyLocal(`after #${n}`);
      if (outage > 0 && --outage === 0) {
        emu.faults.setDown(false);
        log(`#${n} ~ network back`);
      }
      // Sometimes give the engine a moment to get into trouble; sometimes pile ops up.
      if (rnd.chance(0.3)) await sleep(rnd.int(100, 1200));
    }

    // ---- the end: the network comes back, the user stops the timer and opens the popup ----
    emu.faults.clear();
    log('faults cleared');
    if ((await local()).timer) {
      const reply = await send({ type: 'timer.stop' });
      if (!reply?.ok) problem(`final stop refused: ${reply?.error}`);
    }
    await verifyLocal('at the end');

    await settleOutbox(send, read, problem);
    log('synced');
    // One more look for remote changes (the minute poll), then compare.
    await send({ type: 'sync.now' });
    await verifyLocal('after sync');

    const { timer, entries } = await local();
    const booked = [...(timer ? [timer] : []), ...entries].filter((e) => e.booking?.accountId === accountId);
    const remote = emu.timeEntries({ accountId: demo.accountId }) as unknown as RemoteJson[];
    localBooked = booked.length;
    remoteCount = remote.length;
    compareWithHarvest(booked, remote, problem);
    // On trouble, every time-entry request Harvest saw.
    if (problems.length > 0) for (const line of harvestTrace(emu.log.entries)) log(line);
    log(`compared: ${booked.length} local entries booked to Harvest, ${remote.length} in Harvest, ${problems.length} problems`);
    await control.close();
    for (const t of tabs) await t.close();
  } catch (err) {
    problem(`run aborted: ${(err as Error).stack ?? String(err)}`);
  } finally {
    emu.faults.clear();
    await stint?.close();
    await server.stop();
  }
  return report();
}
