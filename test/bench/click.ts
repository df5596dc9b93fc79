import { buttons, modal, openModal } from '../support/actions';
import type { Stint } from '../support/browser';
import { clockOffset, epochNow } from './measure';
import { round, summary } from './results';

/**
 * click_to_running_ms_p95 (npm run bench): a trusted click on the modal's "Start timer" → the page's button shows
 * the running timer, both clocks mapped onto one.
 */

type Stamped = { __runningAt: number | null };

/** In the page: stamps (epoch ms, high resolution) the moment the page's button turns running, once, in `__runningAt`. */
export function watchRunning(): void {
  const w = window as unknown as Stamped;
  w.__runningAt = null;
  new MutationObserver(() => {
    if (w.__runningAt === null && document.querySelector('stint-button')?.getAttribute('data-state') === 'running')
      w.__runningAt = performance.timeOrigin + performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}
/** In the page: ready for the next stamp. */
export function clearRunning(): void {
  (window as unknown as Stamped).__runningAt = null;
}
/** In the page: the last stamp, or null. */
export function runningAt(): number | null {
  return (window as unknown as Stamped).__runningAt;
}

export async function clickToRunning(stint: Stint, url: string): Promise<Record<string, unknown>> {
  const WARMUP = 3;
  const RUNS = 25;
  const page = await stint.context.newPage();
  await page.goto(url);
  await buttons(page).waitFor({ state: 'attached' });
  await page.evaluate(watchRunning);
  const clock = await clockOffset(page);
  const samples: number[] = [];
  for (let i = 1; i <= WARMUP + RUNS; i++) {
    await openModal(page);
    const start = modal(page).getByRole('button', { name: 'Start timer' });
    await start.click({ trial: true }); // actionable: visible, stable, enabled, receives events
    const box = await start.boundingBox();
    if (!box) throw new Error('Start timer has no box');
    await page.evaluate(clearRunning);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const t0 = epochNow(); // the click event fires on this mouseup (a trusted CDP Input event)
    await page.mouse.up();
    await page.waitForFunction(runningAt, null, { timeout: 10_000 });
    const at = (await page.evaluate(runningAt)) as number;
    if (i > WARMUP) samples.push(at - clock.offsetMs - t0);
    // Stop between runs (a trusted click on the running button).
    await buttons(page).getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('stint-button')?.getAttribute('data-state') === 'idle');
  }
  await page.close();
  const s = summary(samples);
  return {
    click_to_running_ms_p95: s.p95,
    click_to_running_ms_p95_method: `${RUNS} runs (after ${WARMUP} warm-up) on ${url}: the button opens the modal, then a trusted Playwright mouse click (CDP Input) on the modal's "Start timer"; from the mouseup dispatch (Node clock) to data-state="running" on <stint-button> seen by a MutationObserver in the page (page clock, performance.timeOrigin + now(), mapped to Node's by an NTP-style offset, best round trip ${round(clock.rttMs)} ms). Stopped between runs. Nearest-rank p95. Local backend.`,
    click_to_running_ms: s,
  };
}
