import { execFileSync } from 'node:child_process';
import { fixture as githubFixture } from '../fixtures/sites/github/fixture';
import { centreOf, FIREFOX, FIREFOX_BUILD_DIR, launchFirefoxStint } from '../support/firefox';
import { clickTaskButton, openModal } from '../support/firefox-actions';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';
import { clearRunning, runningAt, watchRunning } from './click';
import { clockOffset, epochNow } from './measure';
import { REPO } from './pages';
import { round, summary } from './results';

/**
 * firefox_click_to_running_ms_p95: the Chromium figure's method in Firefox ESR on the production Firefox build
 * (puppeteer-core over WebDriver BiDi, github.com reached through the loopback CONNECT proxy).
 */
export async function firefoxClickToRunning(): Promise<Record<string, unknown>> {
  const WARMUP = 3;
  const RUNS = 25;
  const url = `https://github.com/${REPO}/issues/12`;
  const version = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8' }).trim();
  const server = await new HostsServer().start();
  serveFixtures(server, [githubFixture]);
  const stint = await launchFirefoxStint({ server });
  try {
    const page = await stint.newPage();
    await page.goto(url);
    await page.waitForSelector('stint-button');
    await page.evaluate(watchRunning);
    const clock = await clockOffset(page);
    const samples: number[] = [];
    for (let i = 1; i <= WARMUP + RUNS; i++) {
      const frame = await openModal(page);
      // The modal's frame covers the viewport, so its coordinates are the page's.
      const { x, y } = await centreOf(frame, 'button[type="submit"]', 'Start timer');
      await page.evaluate(clearRunning);
      await page.mouse.move(x, y);
      await page.mouse.down();
      const t0 = epochNow(); // the click event fires on this mouseup (a trusted BiDi input action)
      await page.mouse.up();
      await page.waitForFunction(runningAt, { timeout: 10_000 });
      const at = (await page.evaluate(runningAt)) as number;
      if (i > WARMUP) samples.push(at - clock.offsetMs - t0);
      // Stop between runs (a trusted click on the running button).
      await clickTaskButton(page);
      await page.waitForFunction(() => document.querySelector('stint-button')?.getAttribute('data-state') === 'idle');
    }
    const s = summary(samples);
    return {
      firefox_click_to_running_ms_p95: s.p95,
      firefox_click_to_running_ms_p95_method: `${version}, ${FIREFOX_BUILD_DIR}. ${RUNS} runs (after ${WARMUP} warm-up) on ${url}: the button opens the modal, then a trusted mouse click (WebDriver BiDi input.performActions, puppeteer-core) on the modal's "Start timer"; from the mouseup dispatch (Node clock) to data-state="running" on <stint-button> seen by a MutationObserver in the page (page clock, performance.timeOrigin + now(), mapped to Node's by an NTP-style offset, best round trip ${round(clock.rttMs)} ms). Stopped between runs. Nearest-rank p95. Local backend. Same method as click_to_running_ms_p95.`,
      firefox_click_to_running_ms: s,
    };
  } finally {
    await stint.close();
    await server.stop();
  }
}
