import { afterAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture as githubFixture } from '../fixtures/sites/github/fixture';
import { linkHarvestByToken, stored } from '../support/actions';
import { launchStint, type Stint } from '../support/browser';
import { serveFixtures } from '../support/fixtures';
import { HostsServer } from '../support/hosts-server';
import { ISSUE_URL, SAVE_RUNS } from './figures-common';
import { flushRun } from './flush';
import { workerCdp } from './measure';
import { pickerFilter } from './picker';
import { measure, record, round } from './results';
import { offlineSave } from './saves';

/** A Harvest emulator (demo account; `seed` adds more) behind its own loopback server (with the GitHub fixture), and a browser. */
export async function harvestSetup(seed: (emu: HarvestEmulator, demo: DemoSeed) => void = () => undefined) {
  const emu = createHarvestEmulator();
  const demo = emu.seedDemo();
  seed(emu, demo);
  const server = await new HostsServer().start();
  server.emulator(emu);
  serveFixtures(server, [githubFixture]);
  let stint: Stint;
  try {
    stint = await launchStint({ port: server.port });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    emu,
    demo,
    stint,
    async close() {
      await stint.close();
      await server.stop();
    },
  };
}

/** The figures with Harvest linked: saves offline, the 500-entry flush, 10,000 projects (figures.test.ts calls this). */
export function harvestFigures(): void {
  describe('Harvest', () => {
    it('offline_save_ms_p95_at_500', () =>
      measure(['offline_save_ms_p95_at_500'], async () => {
        const h = await harvestSetup();
        try {
          record(await offlineSave(h, { backlog: 500, ...SAVE_RUNS }));
        } finally {
          await h.close();
        }
      }));

    /**
     * The headline run uses Harvest's own limit (100 requests / 15 s), unscaled; a time-scaled run (100 / 1.5 s)
     * shows the fixed costs (sync start, the first window's send spread) that scaling inflates tenfold.
     */
    it('flush_500_ratio', () =>
      measure(['flush_500_ratio', 'flush_500_duplicates', 'flush_500_lost', 'flush_500_ratio_scaled'], async () => {
        const runs: Awaited<ReturnType<typeof flushRun>>[] = [];
        for (const windowMs of [15_000, 1_500]) {
          const h = await harvestSetup();
          try {
            runs.push(await flushRun(h, { n: 500, limit: 100, windowMs, settleLimitMs: 240_000 }));
          } finally {
            await h.close();
          }
        }
        const [real, scaled] = runs as [(typeof runs)[0], (typeof runs)[0]];
        const how =
          'Harvest linked through the options page; 500 entries saved offline (emulator dropping every connection) with entry.save from popup.html; then the emulator is brought back and sync.now sent. 1 run each';
        record({
          flush_500_ratio: real.ratio,
          flush_500_ratio_method: `${how}; ${real.method}.`,
          flush_500_ratio_scaled: scaled.ratio,
          flush_500_ratio_scaled_method: `The same, time-scaled tenfold: ${scaled.method}.`,
          flush_500_duplicates: real.duplicates + scaled.duplicates,
          flush_500_duplicates_method:
            'Emulator entries whose notes ("bench 1" … "bench 500") occur more than once (total − distinct) once the outbox has no dirty record, both runs added.',
          flush_500_lost: real.lost + scaled.lost,
          flush_500_lost_method: '500 − distinct "bench n" notes in the emulator once the outbox has no dirty record, both runs added.',
          flush_500: real.detail,
          flush_500_scaled: scaled.detail,
        });
      }));

    describe('with 10,000 projects', () => {
      const PROJECTS = 10_000;
      let h: Awaited<ReturnType<typeof harvestSetup>> | undefined;
      let pairs = 0;
      let heapBeforeLink = 0;
      // Linking uses expect.poll, which only runs inside a test: the first measurement that needs it does it, once.
      let linking: Promise<NonNullable<typeof h>> | null = null;
      const linked = () => {
        linking ??= (async () => {
          // 10,000 projects, each with one of the demo's three tasks: 10,000 project/task pairs (the brief's figure
          // for the picker) and 10,000 projects cached (for the heap).
          h = await harvestSetup((emu, demo) => {
            const tasks = [demo.taskIds.programming, demo.taskIds.design, demo.taskIds.meetings];
            tasks.forEach((task, i) => {
              const count = Math.floor(PROJECTS / 3) + (i < PROJECTS % 3 ? 1 : 0);
              emu.addProjects(demo.accountId, count, { namePrefix: `Bench project ${'ABC'[i]}`, tasks: [task] });
            });
          });
          const { demo, stint } = h;
          const cdp = await workerCdp(stint);
          try {
            heapBeforeLink = (await cdp.heap()).usedAfterGc;
          } finally {
            await cdp.close();
          }
          const options = await linkHarvestByToken(stint, demo.token, demo.accountId);
          await options.close();
          const accountId = `harvest:${demo.accountId}`;
          const cachedPairs = async () =>
            (await stored<Record<string, { list: unknown[] }>>(await stint.worker(), 'assignments'))?.[accountId]?.list.length ?? 0;
          await expect.poll(cachedPairs, { timeout: 120_000 }).toBeGreaterThanOrEqual(PROJECTS);
          pairs = await cachedPairs();
          return h;
        })();
        return linking;
      };

      afterAll(async () => {
        await h?.close();
      });

      it('sw_heap_mb', () =>
        measure(['sw_heap_mb'], async () => {
          const { stint } = await linked();
          await new Promise((r) => setTimeout(r, 1000));
          const cdp = await workerCdp(stint);
          try {
            const heap = await cdp.heap();
            const mb = (b: number) => round(b / 1024 / 1024, 2);
            record({
              sw_heap_mb: mb(heap.usedAfterGc),
              sw_heap_mb_method: `Stint's service worker JS heap: CDP Runtime.getHeapUsage usedSize on the worker target after HeapProfiler.collectGarbage, once Harvest was linked through the options page with ${PROJECTS} extra projects seeded (emu.addProjects; each gets every task of the account) and storage "assignments" held ${pairs} project/task pairs. 1 run. Before linking: ${mb(heapBeforeLink)} MB.`,
              sw_heap: {
                projects: PROJECTS,
                assignment_pairs: pairs,
                used_before_gc_mb: mb(heap.usedBeforeGc),
                used_after_gc_mb: mb(heap.usedAfterGc),
                total_after_gc_mb: mb(heap.totalAfterGc),
                before_link_used_after_gc_mb: mb(heapBeforeLink),
              },
            });
          } finally {
            await cdp.close();
          }
        }));

      it('picker_filter_ms_p95', () =>
        measure(['picker_filter_ms_p95', 'picker_handler_ms_p95'], async () => {
          const { stint } = await linked();
          record(await pickerFilter(stint, ISSUE_URL, pairs));
        }));
    });
  });
}
