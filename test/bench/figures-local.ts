import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture as githubFixture } from '../fixtures/sites/github/fixture';
import { sendFromPopup } from '../support/actions';
import { launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';
import { readState, writeState } from '../support/state';
import { clickToRunning } from './click';
import { popupUrl } from './extension-page';
import { FLOOR_PAGE, FLOOR_URL, HISTORY, ISSUE_URL, SAVE_RUNS } from './figures-common';
import { firefoxClickToRunning } from './firefox';
import { history } from './history';
import { fallbackInjectLatency, injectLatency } from './inject';
import { modalOpen } from './modal';
import { mutationOverhead } from './mutation';
import { CHURN_PAGE, FALLBACK_PAGE, NAV_PAGE, REPO } from './pages';
import { floorExtension, popupOpenCpu, popupPaint, popupRatio } from './popup';
import { measure, record } from './results';
import { saveLatency } from './saves';
import { SLACK_CHANNEL, SLACK_PAGE, SLACK_WITHOUT, slackOverhead } from './slack';

/** The figures on task pages and in the popup, Local backend: one browser for them all (figures.test.ts calls this). */
export function localFigures(): void {
  describe('on task pages and in the popup (Local backend)', () => {
    let server: HostsServer;
    let stint: Stint;
    // Made when the suite runs, not when it is collected: a suite `-t` filters out runs no afterAll to remove it.
    let floorExt: ReturnType<typeof floorExtension>;
    const countEntries = async () => ((await readState(await stint.worker(), ['entries'])).entries as unknown[]).length;
    let seeded: Promise<void> | null = null;
    const withHistory = () => {
      seeded ??= (async () => writeState(await stint.worker(), { entries: history(HISTORY) }))();
      return seeded;
    };
    const CHURN = {
      without: `https://no-extension.test/${REPO}/issues/1`,
      stint: `https://github.com/${REPO}/issues/1`,
      baseline: `https://toggl-like.test/${REPO}/issues/1`,
    };

    beforeAll(async () => {
      server = await new HostsServer().start();
      serveFixtures(server, [githubFixture]);
      server.page(`https://github.com/${REPO}/issues/100`, NAV_PAGE);
      server.page(`https://github.com/${REPO}/issues/300`, FALLBACK_PAGE);
      for (const url of Object.values(CHURN)) server.page(url, CHURN_PAGE);
      for (const url of [SLACK_CHANNEL, SLACK_WITHOUT]) server.page(url, SLACK_PAGE);
      server.page(FLOOR_URL, FLOOR_PAGE);
      floorExt = floorExtension();
      stint = await launchStint({ port: server.port, extensions: [floorExt.dir] });
    });

    afterAll(async () => {
      await stint?.close();
      await server?.stop();
      if (floorExt) rmSync(floorExt.dir, { recursive: true, force: true });
    });

    it('inject_latency_ms_p95', () =>
      measure(['inject_latency_ms_p95'], async () => {
        record(await injectLatency(stint));
      }));

    it('fallback_inject_latency_ms_p95', () =>
      measure(['fallback_inject_latency_ms_p95'], async () => {
        record(await fallbackInjectLatency(stint));
      }));

    it('mutation_overhead_ratio', () =>
      measure(['mutation_overhead_ratio', 'baseline_mutation_overhead_ratio'], async () => {
        record(await mutationOverhead(stint, CHURN));
      }));

    it('slack_mutation_overhead_ratio', () =>
      measure(['slack_mutation_overhead_ratio'], async () => {
        record(await slackOverhead(stint));
      }));

    it('click_to_running_ms_p95', () =>
      measure(['click_to_running_ms_p95'], async () => {
        record(await clickToRunning(stint, ISSUE_URL));
      }));

    it('firefox_click_to_running_ms_p95', () =>
      measure(['firefox_click_to_running_ms_p95'], async () => {
        record(await firefoxClickToRunning());
      }));

    it('modal_open_ms_p95', () =>
      measure(['modal_open_ms_p95', 'modal_open_cold_ms_p95'], async () => {
        record(await modalOpen(stint, ISSUE_URL));
      }));

    it('popup_paint_ms_p95', () =>
      measure(['popup_paint_ms_p95'], async () => {
        expect(await sendFromPopup(stint, { type: 'timer.start', task: null, notes: 'bench popup', booking: null })).toMatchObject({
          ok: true,
        });
        record(
          await popupPaint(stint.context, { popup: popupUrl(stint), web: FLOOR_URL, ext: floorExt.url, entries: await countEntries() }),
        );
      }));

    // From here on the history holds 10,000 entries (seeded straight into the data layer, as years of use leave it).
    it('popup_paint_ratio_at_10000', () =>
      measure(['popup_paint_ratio_at_10000'], async () => {
        await withHistory();
        record(
          await popupRatio(stint.context, { popup: popupUrl(stint), web: FLOOR_URL, ext: floorExt.url, entries: await countEntries() }),
        );
      }));

    it('popup_open_cpu_ms_per_s', () =>
      measure(['popup_open_cpu_ms_per_s'], async () => {
        await withHistory();
        record(await popupOpenCpu(stint.context, popupUrl(stint)));
      }));

    it('local_save_ms_p95_at_10000', () =>
      measure(['local_save_ms_p95_at_10000'], async () => {
        await withHistory();
        const page = await stint.popup();
        const run = await saveLatency(page, { ...SAVE_RUNS, booking: null, notes: 'bench local save' });
        await page.close();
        record({
          local_save_ms_p95_at_10000: run.summary.p95,
          local_save_ms_p95_at_10000_method: `${SAVE_RUNS.runs} saves (after ${SAVE_RUNS.warmup} warm-up), one at a time ${SAVE_RUNS.gapMs} ms apart (each after an empty state.get, the messaging floor, recorded alongside), of a manual entry (entry.save, "0:15" today, Local backend) from popup.html with ${HISTORY} entries stored (test/bench/history.ts, 10 a day) and a timer running: performance.now() in the page before runtime.sendMessage → its reply. Nearest-rank p95.`,
          local_save_ms: { ...run.summary, entries_stored_after: await countEntries() },
          local_save_floor_ms: { ...run.floor, what: 'empty state.get round trip from the same page, interleaved' },
        });
      }));
  });
}
