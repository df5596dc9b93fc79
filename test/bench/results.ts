import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The bench's one JSON object (bench/results.json): every figure with a sibling `<key>_method` saying how it was
 * measured, the goals, and a `pass` map. Figures are information: a missed goal never fails the run; only a
 * measurement that crashed does (its figure is then null with `<key>_error`).
 */

export const RESULTS_FILE = resolve('bench/results.json');

export interface Goal {
  /** The figure passes when it is at most this. */
  max: number;
  unit: string;
  /** 'brief': set by the project; 'provisional': the bench's own pick until the project sets one. */
  source: 'brief' | 'provisional';
  why?: string;
}

export const GOALS: Record<string, Goal> = {
  content_script_gzip_bytes: { max: 15_360, unit: 'B', source: 'brief' },
  inject_latency_ms_p95: { max: 16, unit: 'ms', source: 'brief' },
  fallback_inject_latency_ms_p95: { max: 16, unit: 'ms', source: 'brief' },
  mutation_overhead_ratio: { max: 1.01, unit: '×', source: 'brief' },
  slack_mutation_overhead_ratio: {
    max: 1.01,
    unit: '×',
    source: 'brief',
    why: 'issue 14: mutation_overhead_ratio’s goal, on a busy Slack channel',
  },
  click_to_running_ms_p95: { max: 50, unit: 'ms', source: 'brief' },
  firefox_click_to_running_ms_p95: { max: 50, unit: 'ms', source: 'brief' },
  popup_paint_ms_p95: { max: 100, unit: 'ms', source: 'brief' },
  modal_open_ms_p95: { max: 150, unit: 'ms', source: 'brief' },
  modal_open_cold_ms_p95: { max: 400, unit: 'ms', source: 'brief' },
  picker_filter_ms_p95: { max: 5, unit: 'ms', source: 'brief' },
  picker_handler_ms_p95: { max: 3, unit: 'ms', source: 'brief' },
  offline_save_ms_p95_at_500: { max: 5, unit: 'ms', source: 'brief' },
  local_save_ms_p95_at_10000: { max: 5, unit: 'ms', source: 'brief' },
  popup_paint_ratio_at_10000: { max: 1.5, unit: '×', source: 'brief' },
  popup_paint_ms_p95_readback: { max: 100, unit: 'ms', source: 'brief', why: '200 server entries this week, first paint from the cache' },
  popup_readback_fresh_after_first_ms_p95: {
    max: 1000,
    unit: 'ms',
    source: 'brief',
    why: 'fresh data painted ≤ 1 s after the first paint',
  },
  flush_500_ratio: { max: 1.1, unit: '×', source: 'brief' },
  flush_500_duplicates: { max: 0, unit: '', source: 'brief' },
  flush_500_lost: { max: 0, unit: '', source: 'brief' },
  toggl_requests_per_hour: { max: 30, unit: '', source: 'brief', why: 'Toggl Free: 30 per hour on /me, 30 per hour on the workspace' },
  sw_heap_mb: {
    max: 16,
    unit: 'MB',
    source: 'provisional',
    why: '10,000 projects are ~2 MB of JSON; the worker should hold at most a few copies',
  },
};

/** Informational figures printed in the table without a goal. */
export const INFO_KEYS: Record<string, string> = {
  baseline_mutation_overhead_ratio: '×',
  mutation_overhead_noise_ratio: '×',
  slack_mutation_overhead_noise_ratio: '×',
  // Stint's own share of that page, precise where the ratio is within its noise: its content script's CPU per second.
  slack_content_script_cpu_ms_per_s: 'ms/s',
  // picker_handler_ms_p95 in wall-clock time, with whatever the thread waited for a core.
  picker_handler_wallclock_ms_p95: 'ms',
  popup_paint_floor_ms_p95: 'ms',
  popup_paint_ext_floor_ms_p95: 'ms',
  popup_readback_fresh_ms_p95: 'ms',
  popup_paint_readback_floor_ratio: '×',
  // What an open popup costs while only the clock moves (a timer running, 10,000 entries).
  popup_open_cpu_ms_per_s: 'ms/s',
  popup_js_gzip_bytes: 'B',
  modal_js_gzip_bytes: 'B',
  options_js_gzip_bytes: 'B',
  flush_500_ratio_scaled: '×',
};

export const results: Record<string, unknown> = {};

export function record(values: Record<string, unknown>): void {
  Object.assign(results, values);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** n, min, p50, p95, max (rounded) of a sample in ms. */
export function summary(xs: readonly number[]) {
  return {
    n: xs.length,
    min: round(Math.min(...xs)),
    p50: round(percentile(xs, 50)),
    p95: round(percentile(xs, 95)),
    max: round(Math.max(...xs)),
  };
}

/**
 * Runs one measurement. When it throws, its figures are recorded as null with the error (so the JSON and the
 * table still show every figure) and the error is rethrown, which fails the run.
 */
export async function measure(keys: readonly string[], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    for (const key of keys) {
      if (results[key] === undefined || results[key] === null) {
        results[key] = null;
        results[`${key}_error`] = message.split('\n')[0];
      }
    }
    throw err;
  }
}

/** The final object: figures as recorded, then `goals` and `pass` (null when the figure is missing). */
export function finalResults(): Record<string, unknown> {
  const pass: Record<string, boolean | null> = {};
  for (const [key, goal] of Object.entries(GOALS)) {
    const value = results[key];
    pass[key] = typeof value === 'number' ? value <= goal.max : null;
  }
  const goals = Object.fromEntries(Object.entries(GOALS).map(([k, g]) => [k, { max: g.max, unit: g.unit, source: g.source, why: g.why }]));
  return { ...results, goals, pass };
}

export function writeResults(): Record<string, unknown> {
  const out = finalResults();
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
  return out;
}

/** The printed table: figure, value, goal, pass. */
export function table(out: Record<string, unknown>): string {
  const rows: string[][] = [['figure', 'value', 'goal', 'pass']];
  const fmt = (v: unknown, unit: string) => (typeof v === 'number' ? `${v}${unit && unit !== '×' ? ` ${unit}` : unit}` : 'null');
  const pass = (out.pass ?? {}) as Record<string, boolean | null>;
  for (const [key, goal] of Object.entries(GOALS)) {
    const ok = pass[key];
    rows.push([
      key,
      fmt(out[key], goal.unit),
      `≤ ${goal.max}${goal.unit && goal.unit !== '×' ? ` ${goal.unit}` : goal.unit}${goal.source === 'provisional' ? ' (prov.)' : ''}`,
      ok === null || ok === undefined ? (out[`${key}_error`] ? 'CRASHED' : 'n/a') : ok ? 'yes' : 'NO',
    ]);
  }
  for (const [key, unit] of Object.entries(INFO_KEYS)) rows.push([key, fmt(out[key], unit), 'info', '']);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0] ?? []), sep, ...rows.slice(1).map(line)].join('\n');
}
