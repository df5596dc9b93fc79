import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarvestEmulator, type DemoSeed, type HarvestEmulator } from '../emulators/harvest';
import { fixture } from '../fixtures/sites/github/fixture';
import { type FirefoxStint, launchFirefoxStint } from '../support/firefox';
import { buttonState, clickTaskButton, linkHarvestByToken, settled, startFromModal } from '../support/firefox-actions';
import { serveFixtures } from '../support/fixtures';
import { harvestEntries } from '../support/harvest-json';
import { HostsServer } from '../support/hosts-server';

/**
 * Firefox runs Stint's background as an event page, which it stops after an idle spell (30 s by default; 1 s
 * here, through Firefox's own preference, so the test need not wait). What was started before the stop is still
 * there after it: a reloaded page's button shows it, and stopping it syncs one entry, once.
 */

const ISSUE_12 = 'https://github.com/octo-org/hello-world/issues/12';
let server: HostsServer;
let stint: FirefoxStint;
let emu: HarvestEmulator;
let demo: DemoSeed;

beforeAll(async () => {
  emu = createHarvestEmulator();
  demo = emu.seedDemo();
  server = await new HostsServer().start();
  server.emulator(emu);
  serveFixtures(server, [fixture]);
  stint = await launchFirefoxStint({ server, prefs: { 'extensions.background.idle.timeout': 1000 } });
});

afterAll(async () => {
  await stint?.close();
  await server?.stop();
});

const entries = () => harvestEntries(emu, demo);

describe('the event page, stopped by Firefox when idle', () => {
  it('a timer started before the event page stops is stopped after it into one Harvest entry', async () => {
    await (await linkHarvestByToken(stint, demo.token, demo.accountId)).close();
    const page = await stint.newPage();
    await page.goto(ISSUE_12);
    await startFromModal(page, { booking: `harvest:${demo.accountId}|${demo.projects.difference.id}|${demo.taskIds.programming}` });
    await expect.poll(() => buttonState(page)).toBe('running');
    await expect.poll(() => entries().filter((e) => e.is_running).length).toBe(1);

    await expect.poll(() => stint.backgroundState(), { timeout: 20_000 }).toBe('stopped');
    await page.reload();
    await expect.poll(() => buttonState(page)).toBe('running');

    await clickTaskButton(page);
    await expect.poll(() => buttonState(page)).toBe('idle');
    await expect.poll(() => entries()[0]?.is_running).toBe(false);
    await settled(stint);
    expect(entries()).toHaveLength(1);
    expect(emu.log.count({ method: 'POST', path: '/v2/time_entries' })).toBe(1);
    await page.close();
  });
});
