import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { percentile, round, summary } from './results';

/**
 * Popup paint (npm run bench): pages opened in a new tab, timed from navigation start (the page's performance
 * time origin) to the moment every `ready` selector matches, seen by a MutationObserver that a Playwright init
 * script installs before any page script runs; and to the next animation frame after that (painted). The
 * variants of a run are opened in turn, round after round, so a loaded machine slows them alike.
 */

export interface PaintVariant {
  name: string;
  url: string;
  /** Selectors that must all match (the first screen is in the DOM). */
  ready: string[];
}

export interface PaintSamples {
  /** navigation start → ready, ms. */
  appear: number[];
  /** navigation start → the animation frame after ready, ms. */
  frame: number[];
  responseEnd: number[];
  dcl: number[];
  /** Extension pages: when the first `state.get` left for the worker, and when its answer came back. */
  stateSent: number[];
  stateReply: number[];
}

export async function paintRuns(
  context: BrowserContext,
  variants: readonly PaintVariant[],
  o: { warmup: number; runs: number; keepOpen?: readonly string[] },
): Promise<Record<string, PaintSamples>> {
  // Pages kept open meanwhile: an extension page keeps its extension's renderer process alive, as Stint's service
  // worker does for Stint's pages (a tab of an extension with no live process waits for a new process first).
  const kept = await Promise.all(
    (o.keepOpen ?? []).map(async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    }),
  );
  const out: Record<string, PaintSamples> = {};
  for (const v of variants) out[v.name] = { appear: [], frame: [], responseEnd: [], dcl: [], stateSent: [], stateReply: [] };
  for (let i = 1; i <= o.warmup + o.runs; i++) {
    for (const v of variants) {
      const page = await context.newPage();
      await page.addInitScript((ready: string[]) => {
        const w = window as unknown as { __seen?: number; __frame?: number };
        const check = () => {
          if (w.__seen !== undefined || !ready.every((s) => document.querySelector(s))) return;
          w.__seen = performance.now();
          mo.disconnect();
          requestAnimationFrame(() => {
            w.__frame = performance.now();
          });
        };
        const mo = new MutationObserver(check);
        mo.observe(document, { childList: true, subtree: true });
        // The first state.get's way to the worker and back, seen from the page (the extension API is wrapped
        // before any page script takes a reference to it; the answer is a promise, or a callback on older browsers).
        const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome
          ?.runtime;
        const send = runtime?.sendMessage;
        if (runtime && send) {
          const t = window as unknown as { __stateSent?: number; __stateReply?: number };
          runtime.sendMessage = (...args: unknown[]) => {
            const first = (args[0] as { type?: string } | null)?.type === 'state.get' && t.__stateSent === undefined;
            if (first) t.__stateSent = performance.now();
            const last = args[args.length - 1];
            if (first && typeof last === 'function')
              args[args.length - 1] = (...r: unknown[]) => {
                t.__stateReply ??= performance.now();
                return (last as (...x: unknown[]) => unknown)(...r);
              };
            const result = send.apply(runtime, args);
            if (first && typeof (result as Promise<unknown> | undefined)?.then === 'function')
              (result as Promise<unknown>).then(() => {
                t.__stateReply ??= performance.now();
              });
            return result;
          };
        }
      }, v.ready);
      await page.goto(v.url);
      await page.waitForFunction(() => (window as unknown as { __frame?: number }).__frame !== undefined, null, { timeout: 10_000 });
      const t = await page.evaluate(() => {
        const w = window as unknown as { __seen: number; __frame: number; __stateSent?: number; __stateReply?: number };
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return {
          seen: w.__seen,
          frame: w.__frame,
          responseEnd: nav?.responseEnd ?? 0,
          dcl: nav?.domContentLoadedEventEnd ?? 0,
          stateSent: w.__stateSent,
          stateReply: w.__stateReply,
        };
      });
      await page.close();
      if (i <= o.warmup) continue;
      const s = out[v.name] as PaintSamples;
      s.appear.push(t.seen);
      s.frame.push(t.frame);
      s.responseEnd.push(t.responseEnd);
      s.dcl.push(t.dcl);
      if (t.stateSent !== undefined && t.stateReply !== undefined) {
        s.stateSent.push(t.stateSent);
        s.stateReply.push(t.stateReply);
      }
    }
  }
  for (const page of kept) await page.close();
  return out;
}

/** Median navigation timings of a variant: where the time goes before the first screen is in the DOM. */
export const breakdown = (s: PaintSamples) => {
  const median = (xs: readonly number[]) => (xs.length > 0 ? round(percentile(xs, 50)) : null);
  const each = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x - (b[i] as number));
  return {
    html_received: median(s.responseEnd),
    modules_run_dom_content_loaded: median(s.dcl),
    state_get_sent: median(s.stateSent),
    state_get_answered: median(s.stateReply),
    ready_in_dom: median(s.appear),
    painted_frame: median(s.frame),
    // Per opening, then the median: the worker's round trip, and the render after the answer.
    state_get_round_trip: median(each(s.stateReply, s.stateSent)),
    answer_to_ready: s.stateReply.length === s.appear.length ? median(each(s.appear, s.stateReply)) : null,
  };
};

export const paintSummary = (s: PaintSamples) => ({ ...summary(s.appear), frame: summary(s.frame), breakdown_p50: breakdown(s) });

/**
 * A trivial extension, loaded next to Stint, for the popup's floor: floor.html is built like popup.html (one
 * module script from the extension's own files, which adds the element), with no Stint code. Its manifest
 * carries a fresh public key, so its id is known before Chromium starts (id = the key's SHA-256, in a–p).
 */
export function floorExtension(): { dir: string; id: string; url: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stint-floor-ext-'));
  const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + Number.parseInt(c, 16)))
    .join('');
  const manifest = { manifest_version: 3, name: 'Stint bench floor', version: '1.0', key: der.toString('base64') };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'floor.html'),
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/floor.js"></script></head><body></body></html>',
  );
  writeFileSync(join(dir, 'floor.js'), "const d = document.createElement('div');\nd.className = 'running';\ndocument.body.append(d);\n");
  return { dir, id, url: `chrome-extension://${id}/floor.html` };
}

export const PAINT_RUNS = { warmup: 3, runs: 25 };

interface PaintUrls {
  popup: string;
  /** The trivial web page on the loopback server. */
  web: string;
  /** The trivial extension page (floorExtension): kept open in a tab meanwhile, so its process is up, as Stint's worker keeps Stint's. */
  ext: string;
  /** Entries stored, for the method text. */
  entries: number;
}

const runs = (context: BrowserContext, u: PaintUrls, popupReady: string[]) =>
  paintRuns(
    context,
    [
      { name: 'web', url: u.web, ready: ['.running'] },
      { name: 'ext', url: u.ext, ready: ['.running'] },
      { name: 'popup', url: u.popup, ready: popupReady },
    ],
    { ...PAINT_RUNS, keepOpen: [u.ext] },
  ) as Promise<Record<'popup' | 'web' | 'ext', PaintSamples>>;

/** popup_paint_ms_p95 and its floors (a timer running). */
export async function popupPaint(context: BrowserContext, u: PaintUrls): Promise<Record<string, unknown>> {
  const { popup, web, ext } = await runs(context, u, ['.running']);
  const s = summary(popup.appear);
  const n = `${PAINT_RUNS.runs} openings (after ${PAINT_RUNS.warmup} warm-up)`;
  return {
    popup_paint_ms_p95: s.p95,
    popup_paint_ms_p95_method: `${n} of popup.html in a tab (chrome-extension://…/popup.html) with a timer running and ${u.entries} entries stored: navigation start (performance time origin) → .running first in the DOM, seen by a MutationObserver installed before any page script (Playwright init script). Nearest-rank p95. popup_paint_frame_ms: the same to the next animation frame after it appeared (when it is painted).`,
    popup_paint_ms: s,
    popup_paint_floor_ms_p95: summary(web.appear).p95,
    popup_paint_floor_ms_p95_method: `The floor of that method on this machine: the same ${n}, interleaved, of a trivial page on the loopback server (${u.web}) whose one inline module script adds the element: tab and renderer start-up, no extension code.`,
    popup_paint_floor_ms: summary(web.appear),
    popup_paint_ext_floor_ms_p95: summary(ext.appear).p95,
    popup_paint_ext_floor_ms_p95_method: `The same ${n}, interleaved, of a trivial extension page: floor.html of a second unpacked extension loaded next to Stint (test/bench/popup.ts floorExtension), one module script from the extension's files adds the element; no Stint code. A tab of it stays open meanwhile, so its renderer process is up, as Stint's worker keeps Stint's.`,
    popup_paint_ext_floor_ms: summary(ext.appear),
    popup_paint_frame_ms: summary(popup.frame),
    popup_paint_breakdown_ms_p50: {
      popup: breakdown(popup),
      ext_floor: breakdown(ext),
      note: 'medians from navigation start: HTML received, DOMContentLoaded (the module scripts have run), the first state.get sent to the worker and answered (seen by a wrapper of runtime.sendMessage installed before the page scripts), the element in the DOM, the next frame',
    },
  };
}

/** popup_paint_ratio_at_10000: today and this week painted, over the trivial extension page. */
export async function popupRatio(context: BrowserContext, u: PaintUrls): Promise<Record<string, unknown>> {
  // The timer, today's list and this week's table all filled: the popup's first screen.
  const ready = ['.running', '.today .entries li', '.week-table td[data-day]'];
  const { popup, web, ext } = await runs(context, u, ready);
  const p95 = summary(popup.appear).p95;
  const floor = summary(ext.appear).p95;
  return {
    popup_paint_ratio_at_10000: round(p95 / floor, 2),
    popup_paint_ratio_at_10000_method: `p95 of popup.html opened in a tab, navigation start → ${ready.join(' + ')} all in the DOM (timer running, today's entries, this week's table), with ${u.entries} entries stored, ÷ p95 of the trivial extension page (popup_paint_ext_floor_ms_p95's page) by the same method; ${PAINT_RUNS.runs} openings each (after ${PAINT_RUNS.warmup} warm-up), interleaved, same browser. Nearest-rank p95: ${p95} ms ÷ ${floor} ms. Against the loopback web page (popup_paint_floor_ms_p95's page): ${round(p95 / summary(web.appear).p95, 2)}×.`,
    // The same ratio at the median: p95s of 25 openings on a loaded 2-core machine swing with a few slow ones.
    popup_paint_ratio_at_10000_p50: round(percentile(popup.appear, 50) / percentile(ext.appear, 50), 2),
    popup_paint_at_10000_ms: paintSummary(popup),
    popup_paint_at_10000_ext_floor_ms: paintSummary(ext),
    popup_paint_at_10000_web_floor_ms: paintSummary(web),
  };
}

/**
 * popup_open_cpu_ms_per_s (information): popup.html left open with a timer running and the history seeded, its
 * main thread's CPU time per second over `seconds`, after the first screen settled: CDP Performance metrics in
 * thread ticks (TaskDuration: every task, script, style, layout and paint; ScriptDuration: script alone, microtasks
 * included). What an open popup costs while nothing happens but the clock.
 */
export async function popupOpenCpu(context: BrowserContext, popupUrl: string, seconds = 10): Promise<Record<string, unknown>> {
  const page = await context.newPage();
  await page.goto(popupUrl);
  await page.locator('.running').waitFor();
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () => {
    const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const of = (name: string) => (list.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
    return { task: of('TaskDuration'), script: of('ScriptDuration') };
  };
  const before = await metrics();
  await page.waitForTimeout(seconds * 1000);
  const after = await metrics();
  await cdp.detach();
  await page.close();
  return {
    popup_open_cpu_ms_per_s: round((after.task - before.task) / seconds, 2),
    popup_open_cpu_ms_per_s_method: `popup.html open in a tab with a timer running and the history seeded, for ${seconds} s after its first screen settled (1.5 s): its main thread's CPU time per second (CDP Performance.getMetrics TaskDuration delta, Performance.enable timeDomain threadTicks). 1 run.`,
    popup_open_cpu: { seconds, task_cpu_ms: round(after.task - before.task), script_cpu_ms: round(after.script - before.script) },
  };
}
