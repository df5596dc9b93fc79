import { expect } from 'vitest';
import { buttons } from '../support/actions';
import type { Stint } from '../support/browser';
import { scriptMs, traceScriptCpu } from './measure';
import { BASELINE_SCRIPT } from './pages';
import { round } from './results';

/**
 * mutation_overhead_ratio (npm run bench): main-thread script CPU time of a page churning its DOM, with Stint's
 * content script ÷ with none, and the same for a Toggl-button-style baseline; variants interleaved. Returns the
 * figures to record.
 */
export async function mutationOverhead(
  stint: Stint,
  CHURN: { without: string; stint: string; baseline: string },
): Promise<Record<string, unknown>> {
  const RATE = 5000;
  const ROUND_MS = 2500;
  const ROUNDS = 4;
  const variants = [
    { name: 'without', url: CHURN.without, script: null },
    { name: 'stint', url: CHURN.stint, script: null },
    { name: 'baseline', url: CHURN.baseline, script: BASELINE_SCRIPT },
  ] as const;
  type Run = {
    variant: string;
    round: number;
    scriptCpuMs: number;
    pageScriptCpuMs: number;
    otherScriptCpuMs: number;
    scriptDurationMs: number;
    mutations: number;
    wallMs: number;
  };
  const runs: Run[] = [];
  for (let round_ = 1; round_ <= ROUNDS; round_++) {
    for (const v of variants) {
      const page = await stint.context.newPage();
      const cdp = await stint.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      if (v.script) {
        await cdp.send('Page.enable');
        await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: v.script, worldName: 'bench-toggl-like' });
      }
      await page.goto(v.url);
      await page.bringToFront();
      // Each variant is what it claims to be: Stint's button only on github.com, the baseline's link only with it.
      if (v.name === 'stint') await buttons(page).waitFor({ state: 'attached' });
      if (v.name === 'baseline') await page.locator('a.toggl-button').waitFor({ state: 'attached' });
      await page.waitForTimeout(500);
      expect(await buttons(page).count()).toBe(v.name === 'stint' ? 1 : 0);
      expect(await page.locator('a.toggl-button').count()).toBe(v.name === 'baseline' ? 1 : 0);
      const before = await scriptMs(cdp);
      const traced = await traceScriptCpu(cdp, new URL(v.url).origin, () =>
        page.evaluate(
          ([ms, rate]) =>
            (window as unknown as { __churn(ms: number, rate: number): Promise<{ mutations: number; ms: number }> }).__churn(ms, rate),
          [ROUND_MS, RATE] as const,
        ),
      );
      const after = await scriptMs(cdp);
      expect(traced.result.mutations).toBe((ROUND_MS * RATE) / 1000);
      runs.push({
        variant: v.name,
        round: round_,
        scriptCpuMs: round(traced.totalMs),
        pageScriptCpuMs: round(traced.pageMs),
        otherScriptCpuMs: round(traced.otherMs),
        scriptDurationMs: round(after - before),
        mutations: traced.result.mutations,
        wallMs: round(traced.result.ms),
      });
      await cdp.detach();
      await page.close();
    }
  }
  const total = (name: string, field: 'scriptCpuMs' | 'scriptDurationMs' | 'otherScriptCpuMs', odd?: boolean) =>
    runs.filter((r) => r.variant === name && (odd === undefined || r.round % 2 === (odd ? 1 : 0))).reduce((n, r) => n + r[field], 0);
  const without = total('without', 'scriptCpuMs');
  const seconds = (ROUNDS * ROUND_MS) / 1000;
  return {
    mutation_overhead_ratio: round(total('stint', 'scriptCpuMs') / without, 3),
    mutation_overhead_ratio_method: `A github.com issue page (Stint's button mounted) making ${RATE} childList mutations/s for ${ROUNDS} × ${ROUND_MS / 1000} s, all outside the button's subtree and spread across the document in turn: a live feed and a sidebar deep in the page, toasts in <body> and banners in the page's main container (both ancestors of the button, so an observer of its anchor chain sees them); about half add a 3-element row, half remove one (test/bench/pages.ts CHURN_PAGE). Main-thread script time = CPU thread time (tdur) of every top-level FunctionCall/EvaluateScript trace event of the page's renderer during the churn (CDP Tracing, devtools.timeline; all worlds: page and content scripts). Divided by the same for the same page and churn on a host no content script matches (no-extension.test), same browser. Variants interleaved (without, Stint, baseline) × ${ROUNDS} rounds, a fresh tab each, totals compared. CPU time rather than wall-clock ScriptDuration because this 2-core machine is shared (see mutation_overhead_wallclock_ratio).`,
    baseline_mutation_overhead_ratio: round(total('baseline', 'scriptCpuMs') / without, 3),
    baseline_mutation_overhead_ratio_method: `As mutation_overhead_ratio, with a Toggl-button-style script instead of Stint (test/bench/pages.ts BASELINE_SCRIPT) in an isolated world (CDP Page.addScriptToEvaluateOnNewDocument worldName) on toggl-like.test: 5 render calls, each its own subtree MutationObserver on document running document.querySelectorAll(selector) per mutation batch.`,
    mutation_overhead_wallclock_ratio: round(total('stint', 'scriptDurationMs') / total('without', 'scriptDurationMs'), 3),
    baseline_mutation_overhead_wallclock_ratio: round(total('baseline', 'scriptDurationMs') / total('without', 'scriptDurationMs'), 3),
    mutation_overhead_wallclock_ratio_method:
      'The same runs measured with CDP Performance.getMetrics ScriptDuration deltas (wall clock: inflated by whatever else runs on the machine).',
    mutation_overhead_noise_ratio: round(total('without', 'scriptCpuMs', true) / total('without', 'scriptCpuMs', false), 3),
    mutation_overhead_noise_ratio_method:
      'Script CPU time of the page without any extension, odd rounds / even rounds (an A/A check): how far apart identical runs land; differences within it are noise.',
    stint_content_script_cpu_ms_per_s: round(total('stint', 'otherScriptCpuMs') / seconds),
    baseline_script_cpu_ms_per_s: round(total('baseline', 'otherScriptCpuMs') / seconds),
    content_script_cpu_method:
      "CPU ms per second of churn spent in callbacks whose function belongs to the content script (Stint's, or the baseline's isolated world), from the same traces.",
    mutation_overhead_runs: runs,
  };
}
