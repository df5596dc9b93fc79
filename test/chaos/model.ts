import { toHarvestHours } from '../../lib/providers/harvest-entries';

/** What the chaos run (./engine.ts) works with: the pages, the shapes it reads from storage and Harvest, helpers. */

export const ISSUES = ['https://github.com/octo-org/hello-world/issues/12', 'https://github.com/octo-org/hello-world/issues/13'] as const;
export const TASK_KEYS = ['github:octo-org/hello-world#12', 'github:octo-org/hello-world#13'] as const;
export const TIMES = ['0:15', '1:30', '45m', '1.25', '2h', '0:05', '9:00-10:30', '13:15-14:00', '20m', '0.1'];

export interface Booking {
  accountId: string;
  projectId: string;
  taskId: string;
}
export interface LocalEntry {
  id: string;
  notes: string;
  day: string;
  running: boolean;
  durationMs: number;
  task: { integration: string; id: string } | null;
  booking: (Booking & { projectName?: string }) | null;
}
export interface Outboxed {
  remoteId: string | null;
  deleted: boolean;
  pushedVersion: number;
  wantVersion: number;
  nextAt: number | null;
  error: string | null;
}
export interface RemoteJson {
  id: number;
  notes: string | null;
  hours: number;
  is_running: boolean;
  spent_date: string;
  project: { id: number };
  task: { id: number };
}
export type Reply = { ok: boolean; error?: string; data?: unknown } | null | undefined;

export const bookingKey = (b: Booking | null | undefined) => (b ? `${b.accountId}|${b.projectId}|${b.taskId}` : 'local');
export const taskKeyOf = (e: LocalEntry | null) => (e?.task ? `${e.task.integration}:${e.task.id}` : null);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const today = (offsetDays = 0) => new Date(Date.now() - offsetDays * 86_400_000).toLocaleDateString('en-CA');

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null && v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out: ${what}${last ? ` (${String(last)})` : ''}`);
    await sleep(100);
  }
}

/** The end of a run: every local entry booked to Harvest exists there exactly once, right; nothing else does. */
export function compareWithHarvest(booked: readonly LocalEntry[], remote: readonly RemoteJson[], problem: (what: string) => void): void {
  for (const e of booked) {
    const found = remote.filter((r) => (r.notes ?? '') === e.notes);
    if (found.length === 0) {
      problem(`LOST: "${e.notes}" is not in Harvest`);
      continue;
    }
    if (found.length > 1)
      problem(`DUPLICATED: "${e.notes}" is in Harvest ${found.length} times (ids ${found.map((r) => r.id).join(', ')})`);
    const r = found[0] as RemoteJson;
    const hours = toHarvestHours(e.durationMs);
    if (Math.abs(r.hours - hours) > 0.011) problem(`WRONG HOURS: "${e.notes}" ${r.hours} h in Harvest, ${hours} h here`);
    if (String(r.project.id) !== e.booking?.projectId || String(r.task.id) !== e.booking?.taskId) {
      problem(`WRONG PROJECT: "${e.notes}" is ${r.project.id}/${r.task.id} in Harvest, ${e.booking?.projectId}/${e.booking?.taskId} here`);
    }
    if (r.spent_date !== e.day) problem(`WRONG DAY: "${e.notes}" on ${r.spent_date} in Harvest, ${e.day} here`);
    if (r.is_running) problem(`STILL RUNNING: "${e.notes}" runs in Harvest after the final stop`);
  }
  const wanted = new Set(booked.map((e) => e.notes));
  for (const r of remote) if (!wanted.has(r.notes ?? '')) problem(`EXTRA in Harvest: "${r.notes}" (id ${r.id}, ${r.hours} h)`);
}

/** Every time-entry request Harvest saw, to tell a lost answer from a re-send or a missing delete. */
export function harvestTrace(
  entries: readonly { path: string; body: string; seq: number; method: string; query: string; outcome: unknown; fault?: unknown }[],
): string[] {
  const lines: string[] = [];
  for (const q of entries) {
    if (!q.path.startsWith('/v2/time_entries')) continue;
    const notes = /"notes":"([^"]*)"/.exec(q.body)?.[1];
    lines.push(
      `  harvest saw #${q.seq} ${q.method} ${q.path}${q.query} → ${q.outcome}${q.fault ? ` (${q.fault})` : ''}${notes ? ` "${notes}"` : ''}`,
    );
  }
  return lines;
}

/** Asks Stint to sync until its outbox is clean (90 s at most); records parked or stuck records as problems. */
export async function settleOutbox(
  send: (message: unknown) => Promise<Reply>,
  read: <T>(keys: string[]) => Promise<T>,
  problem: (what: string) => void,
): Promise<void> {
  const settleBy = Date.now() + 90_000;
  let outbox: Record<string, Outboxed> = {};
  for (;;) {
    await send({ type: 'sync.now' });
    outbox = (await read<{ outbox?: Record<string, Outboxed> }>(['outbox'])).outbox ?? {};
    const dirty = Object.values(outbox).filter((r) => r.deleted || r.remoteId === null || r.pushedVersion < r.wantVersion);
    if (dirty.length === 0) break;
    const parked = dirty.filter((r) => r.nextAt === null);
    if (parked.length > 0 && Date.now() > settleBy - 60_000) {
      for (const r of parked) problem(`outbox record parked: ${r.error}`);
      break;
    }
    if (Date.now() > settleBy) {
      problem(`outbox not clean after 90 s: ${JSON.stringify(dirty).slice(0, 500)}`);
      break;
    }
    await sleep(1000);
  }
}
