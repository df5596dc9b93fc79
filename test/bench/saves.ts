import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoSeed, HarvestEmulator } from '../emulators/harvest';
import { linkHarvestByToken, stored } from '../support/actions';
import type { Stint } from '../support/browser';
import type { Chrome } from './extension-page';
import { summary } from './results';

/**
 * Save latency (npm run bench): one `entry.save` at a time from an extension page (popup.html), timed in that
 * page from just before `runtime.sendMessage` to its reply: message delivery, the background's parse, lock,
 * intent (lib/background/intents.ts) and its IndexedDB transaction, and the reply's way back. Saves are spaced
 * out (`gapMs`) so each one meets a worker that finished the previous save's aftermath (the `state.changed`
 * re-reads, the sync attempt), as a person's saves do.
 */

export interface SaveRun {
  /** Reply times (ms) after the warm-up. */
  summary: ReturnType<typeof summary>;
  /** The messaging floor, interleaved: an empty `state.get` (no state read) from the same page, ms. */
  floor: ReturnType<typeof summary>;
}

/**
 * Each save is preceded, one gap earlier, by an empty `state.get` timed the same way: the round trip to the worker
 * and back with no state work, on the same page in the same moment (on a loaded machine most of a slow save's
 * time is this).
 */
export async function saveLatency(
  page: Page,
  o: { warmup: number; runs: number; gapMs: number; booking: unknown; notes: string },
): Promise<SaveRun> {
  const all = await page.evaluate(
    async ({ warmup, runs, gapMs, booking, notes }) => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const d = new Date();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const timed = async (message: unknown) => {
        await new Promise((r) => setTimeout(r, gapMs));
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage(message);
        const ms = performance.now() - t0;
        if (!reply?.ok) throw new Error(`refused: ${reply?.error ?? 'no answer'}`);
        return ms;
      };
      const saves: number[] = [];
      const floor: number[] = [];
      for (let i = 1; i <= warmup + runs; i++) {
        floor.push(await timed({ type: 'state.get', topics: [] }));
        saves.push(await timed({ type: 'entry.save', task: null, notes: `${notes} ${i}`, time: '0:15', day, booking }));
      }
      return { saves, floor };
    },
    { ...o, booking: o.booking ?? null },
  );
  return { summary: summary(all.saves.slice(o.warmup)), floor: summary(all.floor.slice(o.warmup)) };
}

/** `n` manual entries saved as fast as the background takes them (25 in flight), from an extension page. */
export async function saveMany(page: Page, n: number, booking: unknown, notes: string): Promise<{ errors: string[] }> {
  return page.evaluate(
    async ({ n, booking, notes }) => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const d = new Date();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const errors: string[] = [];
      // 25 in flight at a time; the background applies them one by one, in order, under its lock.
      for (let from = 1; from <= n; from += 25) {
        const batch: ReturnType<Chrome['runtime']['sendMessage']>[] = [];
        for (let i = from; i < Math.min(from + 25, n + 1); i++)
          batch.push(chrome.runtime.sendMessage({ type: 'entry.save', task: null, notes: `${notes} ${i}`, time: '0:15', day, booking }));
        for (const r of await Promise.all(batch)) if (!r?.ok) errors.push(r?.error ?? 'no answer');
      }
      return { errors };
    },
    { n, booking, notes },
  );
}

type OutboxRecord = { remoteId: string | null; deleted: boolean; pushedVersion: number; wantVersion: number };
const isDirty = (r: OutboxRecord) => r.deleted || r.remoteId === null || r.pushedVersion < r.wantVersion;

export interface HarvestRig {
  emu: HarvestEmulator;
  demo: DemoSeed;
  stint: Stint;
}

/**
 * Harvest linked through the options page (then `prepare`, e.g. a pace to set), then unreachable (the emulator
 * drops every connection); `n` entries booked to it saved from popup.html (`saveMany`, notes "<notes> <i>") and
 * seen unsynced in the outbox. The popup stays open for what the figure does next.
 */
export async function offlineBacklog(h: HarvestRig, o: { n: number; notes: string; prepare?: () => Promise<void> }) {
  const { emu, demo, stint } = h;
  const options = await linkHarvestByToken(stint, demo.token, demo.accountId);
  await options.close();
  await o.prepare?.();
  emu.faults.setDown('drop');
  const booking = {
    accountId: `harvest:${demo.accountId}`,
    projectId: String(demo.projects.difference.id),
    taskId: String(demo.taskIds.programming),
  };
  const popup = await stint.popup();
  const savedAt = Date.now();
  const made = await saveMany(popup, o.n, booking, o.notes);
  const saveMs = Date.now() - savedAt;
  expect(made.errors).toEqual([]);
  const dirty = async () =>
    Object.values((await stored<Record<string, OutboxRecord>>(await stint.worker(), 'outbox')) ?? {}).filter(isDirty).length;
  await expect.poll(dirty, { timeout: 60_000 }).toBe(o.n);
  return { popup, booking, saveMs, dirty };
}

/**
 * offline_save_ms_p95_at_500: Harvest linked through the options page, then unreachable (the emulator drops
 * every connection); `backlog` entries saved to it, so the outbox holds that many unsynced records; then the
 * timed saves, booked to Harvest too. Returns the figures to record.
 */
export async function offlineSave(
  h: HarvestRig,
  o: { backlog: number; warmup: number; runs: number; gapMs: number },
): Promise<Record<string, unknown>> {
  const { popup, booking, dirty } = await offlineBacklog(h, { n: o.backlog, notes: 'backlog' });
  const run = await saveLatency(popup, { ...o, booking, notes: 'bench offline save' });
  await popup.close();
  const after = await dirty();
  const requests = h.emu.log.entries.length;
  return {
    offline_save_ms_p95_at_500: run.summary.p95,
    offline_save_ms_p95_at_500_method: `Harvest linked through the options page, then unreachable (the emulator drops every connection); ${o.backlog} entries saved to it from popup.html (entry.save, 25 in flight), so the outbox held ${o.backlog} unsynced records. Then ${o.runs} saves (after ${o.warmup} warm-up) of one more entry booked to Harvest, one at a time ${o.gapMs} ms apart (each after an empty state.get, the messaging floor, recorded alongside): performance.now() in popup.html before runtime.sendMessage → its reply. The sync attempt each save starts (and fails) runs after the reply. Nearest-rank p95.`,
    offline_save_ms: { ...run.summary, unsynced_after: after, emulator_requests_seen: requests },
    offline_save_floor_ms: { ...run.floor, what: 'empty state.get round trip from the same page, interleaved' },
  };
}
