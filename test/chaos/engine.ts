import type { Page } from 'playwright-core';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';
import { readState } from '../support/state';
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
  until,
} from './model';
import { prng, type Rng } from './prng';
import { chaosUser } from './user';
import { chaosWorld } from './world';

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

    const userOp = chaosUser({ rnd, tabs, pairs, model, send, local, uniqueNotes, log, problem, tally: (k) => count(did, k) });
    const world = chaosWorld({ rnd, emu, stint: s, log, tally: (k) => count(faults, k) });

    for (let n = 1; n <= options.ops; n++) {
      const after = rnd.chance(0.35) ? await world.fault(n) : null;
      try {
        await userOp(n);
      } catch (err) {
        problem(`#${n} failed: ${(err as Error).message.split('\n')[0]}`);
      }
      if (after) await after();
      await verifyLocal(`after #${n}`);
      world.afterOp(n);
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
