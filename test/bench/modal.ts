import type { Page } from 'playwright-core';
import { buttons, modal } from '../support/actions';
import type { Stint } from '../support/browser';
import { clockOffset, epochNow } from './measure';
import { round, summary } from './results';

/**
 * modal_open_ms_p95 and modal_open_cold_ms_p95 (npm run bench): a trusted click on a task page's button → the
 * modal's primary button painted. The modal is a fresh out-of-process frame on every open, so the stamps are
 * taken inside it by an init script (Playwright runs it in every new document, this frame included). Cold: the
 * service worker is stopped before each click, as MV3 does after 30 s idle; with it goes the extension's
 * renderer process when no other extension page is open, so the frame also pays a process start.
 */

interface Stamps {
  /** The modal document's time origin (its navigation start), epoch ms. */
  origin: number;
  /** The primary button first in the DOM, ms after the origin. */
  inDom: number;
  /** The frame after that one (the button painted), ms after the origin. */
  painted: number;
}

/** Installed in every document; only the modal's acts. Stamps when `.primary` appears and the next frame after. */
function stampPrimaryButton() {
  if (!location.href.includes('/modal.html')) return;
  const w = window as unknown as { __stint_open?: Partial<Stamps> };
  w.__stint_open = { origin: performance.timeOrigin };
  const mo = new MutationObserver(() => {
    if (!document.querySelector('button.primary')) return;
    mo.disconnect();
    const stamps = w.__stint_open as Partial<Stamps>;
    stamps.inDom = performance.now();
    // rAF runs before the frame that shows the button is produced; the one after it runs once it was.
    requestAnimationFrame(() => requestAnimationFrame(() => (stamps.painted = performance.now())));
  });
  mo.observe(document, { childList: true, subtree: true });
}

async function openOnce(page: Page, offsetMs: number) {
  await page.bringToFront(); // an extension page may have been opened over it (waking the worker)
  const button = buttons(page).getByRole('button');
  await button.click({ trial: true }); // actionable: visible, stable, enabled, receives events
  const box = await button.boundingBox();
  if (!box) throw new Error('the page button has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const t0 = epochNow(); // the click event fires on this mouseup (a trusted CDP Input event)
  await page.mouse.up();
  await modal(page).getByRole('button', { name: 'Start timer' }).waitFor({ timeout: 10_000 });
  const frame = page.frames().find((f) => f.url().includes('/modal.html') && !f.isDetached());
  if (!frame) throw new Error('the modal frame is not reachable');
  await frame.waitForFunction(() => (window as unknown as { __stint_open?: Stamps }).__stint_open?.painted !== undefined, null, {
    timeout: 10_000,
  });
  const s = await frame.evaluate(() => (window as unknown as { __stint_open: Stamps }).__stint_open);
  await modal(page).getByRole('button', { name: 'Close' }).click();
  await page.waitForFunction(() => ![...document.querySelectorAll('iframe')].some((f) => f.style.display !== 'none'));
  const at = (ms: number) => s.origin + ms - offsetMs - t0;
  return { painted: at(s.painted), inDom: at(s.inDom), frameStart: at(0) };
}

export async function modalOpen(stint: Stint, url: string): Promise<Record<string, unknown>> {
  const WARMUP = 3;
  const RUNS = 25;
  const page = await stint.context.newPage();
  await page.addInitScript(stampPrimaryButton);
  await page.goto(url);
  await buttons(page).waitFor({ state: 'attached' });
  await page.bringToFront();
  const clock = await clockOffset(page);
  const runs: Record<'warm' | 'cold', { painted: number[]; inDom: number[]; frameStart: number[] }> = {
    warm: { painted: [], inDom: [], frameStart: [] },
    cold: { painted: [], inDom: [], frameStart: [] },
  };
  // Interleaved, so both see the same machine load.
  for (let i = 1; i <= WARMUP + RUNS; i++) {
    for (const kind of ['warm', 'cold'] as const) {
      await stint.worker(); // running, so there is one to stop (or it stays warm)
      if (kind === 'cold') await stint.killWorker();
      const r = await openOnce(page, clock.offsetMs);
      if (i <= WARMUP) continue;
      runs[kind].painted.push(r.painted);
      runs[kind].inDom.push(r.inDom);
      runs[kind].frameStart.push(r.frameStart);
    }
  }
  await page.close();
  const detail = (k: 'warm' | 'cold') => ({
    painted: summary(runs[k].painted),
    primary_in_dom: summary(runs[k].inDom),
    frame_navigation_start: summary(runs[k].frameStart),
  });
  const how = `${RUNS} opens each (after ${WARMUP} warm-up), warm and cold interleaved, on ${url}, the tab in front: a trusted Playwright mouse click (CDP Input) on the page's <stint-button>; from the mouseup dispatch (Node clock) to the second animation frame after the modal's button.primary ("Start timer") appeared in its DOM (seen by a MutationObserver from an init script in the modal's document; its clock mapped to Node's by an NTP-style offset taken on the page, best round trip ${round(clock.rttMs)} ms). The modal is closed between opens. Nearest-rank p95. Local backend, no linked account, no history.`;
  return {
    modal_open_ms_p95: summary(runs.warm.painted).p95,
    modal_open_ms_p95_method: `${how} Warm: the service worker running (an extension page was opened just before).`,
    modal_open_ms: detail('warm'),
    modal_open_cold_ms_p95: summary(runs.cold.painted).p95,
    modal_open_cold_ms_p95_method: `${how} Cold: the service worker stopped before each click (CDP ServiceWorker.stopWorker, as Chrome's 30 s idle stop does), with no extension page open.`,
    modal_open_cold_ms: detail('cold'),
  };
}
