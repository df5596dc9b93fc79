import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `toggl_requests_per_hour`: the simulated hour of lib/sync/toggl-budget.test.ts (Toggl emulator with a Free plan's
 * documented quotas; the service, sync engine, triggers and real Toggl client on a simulated clock), run as it is
 * in `npm test`, in a child vitest (the unit project: fake IndexedDB and browser), which writes the hour's counts.
 * Deterministic: the same events at the same simulated times every run.
 */

const TEST = 'lib/sync/toggl-budget.test.ts';

export interface TogglHour {
  me: number;
  workspace: number;
  polls: number;
  entries: number;
  byEndpoint: Record<string, number>;
}

export function togglHour(): { figure: number; method: string; detail: TogglHour } {
  const out = join(tmpdir(), `stint-toggl-hour-${process.pid}.json`);
  rmSync(out, { force: true });
  execFileSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', TEST, '-t', '10 starts and stops', '--reporter=dot'],
    { env: { ...process.env, STINT_TOGGL_HOUR_OUT: out }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
  );
  const detail = JSON.parse(readFileSync(out, 'utf8')) as TogglHour;
  rmSync(out, { force: true });
  return {
    figure: Math.max(detail.me, detail.workspace),
    method:
      `The larger of the two Toggl quotas' request counts (/me: ${detail.me}, workspace: ${detail.workspace}) in one simulated hour ` +
      `of ${TEST} (deterministic, 1 run): a Free-plan workspace linked as the options page does, then 10 timer starts and ` +
      'stops, the popup opened 20 times (sync.now) and tabs focused 50 times, with a fresh worker after every 30 s idle; ' +
      `counted by the Toggl emulator (every request that reached it). ${detail.polls} remote-timer polls, ${detail.entries} entries synced.`,
    detail,
  };
}
