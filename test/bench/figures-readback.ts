import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { sendFromPopup } from '../support/actions';
import { launchStint, type Stint } from '../support/browser';
import { HostsServer } from '../support/hosts-server';
import { readState } from '../support/state';
import { popupUrl } from './extension-page';
import { FLOOR_PAGE, FLOOR_URL } from './figures-common';
import { floorExtension } from './popup';
import { readbackPaint } from './readback';
import { measure, record } from './results';

/** The read-back timesheet's figures: 200 entries made in Harvest this week (figures.test.ts calls this). */
export function readbackFigures(): void {
  describe('the read-back timesheet (Harvest)', () => {
    const SERVER_ENTRIES = 200;
    let server: HostsServer;
    let stint: Stint;
    let emu: HarvestEmulator;
    let demo: DemoSeed;
    // Made when the suite runs, not when it is collected: a suite `-t` filters out runs no afterAll to remove it.
    let floorExt: ReturnType<typeof floorExtension>;

    beforeAll(async () => {
      emu = createHarvestEmulator();
      demo = emu.seedDemo();
      server = await new HostsServer().start();
      server.emulator(emu);
      server.page(FLOOR_URL, FLOOR_PAGE);
      floorExt = floorExtension();
      stint = await launchStint({ port: server.port, extensions: [floorExt.dir] });
    });

    afterAll(async () => {
      await stint?.close();
      await server?.stop();
      if (floorExt) rmSync(floorExt.dir, { recursive: true, force: true });
    });

    it('popup_paint_ms_p95_readback', () =>
      measure(['popup_paint_ms_p95_readback', 'popup_readback_fresh_after_first_ms_p95'], async () => {
        const today = new Date();
        const days: string[] = [];
        // This week up to today (Monday first, Stint's default): the entries are spread over its days.
        for (let d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7)); d <= today; ) {
          days.push(d.toLocaleDateString('en-CA'));
          d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
        }
        const base = { userId: demo.userId, projectId: demo.projects.analytical.id, taskId: demo.taskIds.meetings };
        for (let i = 0; i < SERVER_ENTRIES; i++) {
          emu.addTimeEntry({ ...base, spentDate: days[i % days.length] as string, hours: 0.25, notes: `Made in Harvest ${i + 1}` });
        }
        const link = { type: 'account.link', provider: 'harvest', token: demo.token, remoteAccountId: String(demo.accountId) };
        expect(await sendFromPopup(stint, link)).toMatchObject({ ok: true });
        // The first opening reads the week back: from then on the data layer is the cache.
        const first = await stint.popup();
        await expect
          .poll(async () => ((await readState(await stint.worker(), ['entries'])).entries as unknown[]).length, { timeout: 30_000 })
          .toBe(SERVER_ENTRIES);
        await first.close();
        const today0 = today.toLocaleDateString('en-CA');
        record(
          await readbackPaint(stint.context, {
            popup: popupUrl(stint),
            ext: floorExt.url,
            web: FLOOR_URL,
            serverEntries: SERVER_ENTRIES,
            addFresh: (i) => {
              const notes = `Fresh from Harvest ${i}`;
              emu.addTimeEntry({ ...base, spentDate: today0, hours: 0.1, notes });
              return notes;
            },
          }),
        );
      }));
  });
}
