import type { BrowserContext } from 'playwright-core';
import { breakdown, PAINT_RUNS, paintRuns } from './popup';
import { percentile, round, summary } from './results';

/**
 * popup_paint_ms_p95_readback (npm run bench): the popup of a Harvest user with 200 entries this week made in
 * Harvest itself, already read back once (the data layer is the cache). Each opening is timed from navigation start
 * (the page's performance time origin) to (1) the first screen from the cache (today's entries and the week's
 * table in the DOM) and (2) the fresh data painted: an entry added on the server just before the opening, which
 * only the read-back the opening triggers can bring. Seen by a MutationObserver a Playwright init script installs
 * before any page script runs; each time to the animation frame after it (painted). Openings of the trivial
 * extension page (the popup_paint floor) are interleaved, so a loaded machine slows both alike.
 */

export const READBACK_RUNS = { warmup: 3, runs: 25 };
/** Harvest's budget spreads read-backs (4 × 15 s / 80 reads left = 0.75 s apart at most): openings are 1 s apart. */
const GAP_MS = 1_000;

interface Samples {
  first: number[];
  firstFrame: number[];
  fresh: number[];
  freshFrame: number[];
  /** fresh painted − first painted, per opening. */
  after: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `url` with the observer; resolves with its marks once `fresh` (or, without it, the first screen) is painted. */
async function open(context: BrowserContext, url: string, ready: string[], fresh: string | null) {
  const page = await context.newPage();
  await page.addInitScript(
    ({ ready, fresh }: { ready: string[]; fresh: string | null }) => {
      const w = window as unknown as Record<string, number | undefined>;
      const check = () => {
        const t = performance.now();
        if (w.__first === undefined && ready.every((s) => document.querySelector(s))) {
          w.__first = t;
          requestAnimationFrame(() => {
            w.__firstFrame = performance.now();
          });
        }
        if (fresh !== null && w.__fresh === undefined) {
          for (const el of document.querySelectorAll('.today .entry-title')) {
            if (el.textContent !== fresh) continue;
            w.__fresh = t;
            requestAnimationFrame(() => {
              w.__freshFrame = performance.now();
            });
            break;
          }
        }
        if (w.__first !== undefined && (fresh === null || w.__fresh !== undefined)) mo.disconnect();
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { ready, fresh },
  );
  await page.goto(url);
  const done = fresh === null ? '__firstFrame' : '__freshFrame';
  await page.waitForFunction((k) => (window as unknown as Record<string, unknown>)[k] !== undefined, done, { timeout: 15_000 });
  const marks = await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    return { first: w.__first, firstFrame: w.__firstFrame, fresh: w.__fresh, freshFrame: w.__freshFrame };
  });
  await page.close();
  return marks as { first: number; firstFrame: number; fresh?: number; freshFrame?: number };
}

export async function readbackPaint(
  context: BrowserContext,
  u: { popup: string; ext: string; web: string; serverEntries: number; addFresh(i: number): string },
): Promise<Record<string, unknown>> {
  const ready = ['.today .entries li', '.week-table td[data-day]'];
  // The first screen from the cache: popup_paint's method and floors (test/bench/popup.ts), interleaved.
  const paint = await paintRuns(
    context,
    [
      { name: 'web', url: u.web, ready: ['.running'] },
      { name: 'ext', url: u.ext, ready: ['.running'] },
      { name: 'popup', url: u.popup, ready },
    ],
    { ...PAINT_RUNS, keepOpen: [u.ext] },
  );
  const popup = paint.popup as (typeof paint)[string];
  const ext = paint.ext as (typeof paint)[string];
  const web = paint.web as (typeof paint)[string];
  // Fresh data: an entry added on the server before each opening, painted once the read-back brings it.
  const kept = await context.newPage();
  await kept.goto(u.ext);
  const s: Samples = { first: [], firstFrame: [], fresh: [], freshFrame: [], after: [] };
  for (let i = 1; i <= READBACK_RUNS.warmup + READBACK_RUNS.runs; i++) {
    const notes = u.addFresh(i);
    await sleep(GAP_MS);
    const m = await open(context, u.popup, ready, notes);
    if (i <= READBACK_RUNS.warmup) continue;
    s.first.push(m.first);
    s.firstFrame.push(m.firstFrame);
    s.fresh.push(m.fresh as number);
    s.freshFrame.push(m.freshFrame as number);
    s.after.push((m.freshFrame as number) - m.firstFrame);
  }
  await kept.close();
  const first = summary(popup.appear);
  const floor = summary(ext.appear);
  const n = `${PAINT_RUNS.runs} openings (after ${PAINT_RUNS.warmup} warm-up)`;
  return {
    popup_paint_ms_p95_readback: first.p95,
    popup_paint_ms_p95_readback_method: `${n} of popup.html in a tab, Harvest linked with ${u.serverEntries} entries this week made in Harvest (the emulator) and read back once before (the cache): navigation start (performance time origin) → ${ready.join(' + ')} in the DOM (the first screen, from the cache), seen by a MutationObserver installed before any page script (test/bench/popup.ts paintRuns, interleaved with its two floor pages). Nearest-rank p95.`,
    popup_paint_ms_readback: { ...first, frame: summary(popup.frame), breakdown_p50: breakdown(popup) },
    popup_paint_readback_floor_ratio: round(first.p95 / floor.p95, 2),
    popup_paint_readback_floor_ratio_method: `popup_paint_ms_p95_readback ÷ the p95 of the trivial extension page (popup_paint_ext_floor_ms_p95's page: floor.html of a second extension, one module script adds the element) in the same run: ${first.p95} ms ÷ ${floor.p95} ms. At the median: ${round(percentile(popup.appear, 50) / percentile(ext.appear, 50), 2)}×. Against the loopback web page: ${round(first.p95 / summary(web.appear).p95, 2)}×.`,
    popup_paint_readback_ext_floor_ms: { ...floor, breakdown_p50: breakdown(ext) },
    popup_paint_readback_web_floor_ms: summary(web.appear),
    popup_readback_fresh_ms_p95: summary(s.freshFrame).p95,
    popup_readback_fresh_ms_method: `${READBACK_RUNS.runs} openings (after ${READBACK_RUNS.warmup} warm-up), ${GAP_MS} ms after an entry is added on the server: navigation start → that entry in today's list (only the read-back the opening triggers brings it), to the animation frame after. popup_readback_fresh_after_first_ms: the same per opening, less the first screen's frame.`,
    popup_readback_fresh_ms: { ...summary(s.fresh), frame: summary(s.freshFrame) },
    popup_readback_fresh_after_first_ms_p95: summary(s.after).p95,
    popup_readback_fresh_after_first_ms: summary(s.after),
  };
}
