// `npm start`: build Stint, serve the demo board on loopback, open Chromium with the extension loaded.
// With no display (or `npm start -- --headless`) it runs the same demo headless, clicks through
// start → stop, writes screenshots to .output/demo/ and exits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { assertPrerequisites, CHROMIUM, chromiumArgs, extensionIdOf, welcomePage } from './chromium.mjs';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const shots = '.output/demo';

execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], { stdio: 'inherit' });
assertPrerequisites();

const board = readFileSync(new URL('./demo/board.html', import.meta.url));
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(board); // every path shows the board, so card links work too
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const demoUrl = `http://localhost:${server.address().port}/`;

const profile = mkdtempSync(join(tmpdir(), 'stint-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless,
  viewport: headless ? { width: 1100, height: 700 } : null,
  args: chromiumArgs(),
});
const extensionId = await extensionIdOf(context);
// The fresh profile is a first install: Stint's welcome page opens first, as for a new user.
await welcomePage(context, extensionId);
const cleanup = async () => {
  await context.close().catch(() => {});
  server.close();
  rmSync(profile, { recursive: true, force: true });
};

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demoUrl);
  await page.locator('stint-button').first().waitFor();
  console.log(`Stint demo board: ${demoUrl}  (popup: chrome-extension://${extensionId}/popup.html)`);
  if (!headless) {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await page.bringToFront();
    console.log('Close the browser window to stop the demo.');
    await new Promise((resolve) => context.on('close', resolve));
  } else {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}/1-board.png` });
    await page.locator('stint-button').first().getByRole('button').click();
    const modal = page.frameLocator('iframe[title="Stint timer"]');
    await modal.getByRole('button', { name: 'Start timer' }).waitFor();
    await page.screenshot({ path: `${shots}/2-modal.png` });
    await modal.getByRole('button', { name: 'Start timer' }).click();
    await page.locator('stint-button[data-state="running"]').waitFor();
    await page.waitForTimeout(1100);
    await page.screenshot({ path: `${shots}/3-running.png` });
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 420 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.locator('.running').waitFor();
    await popup.screenshot({ path: `${shots}/4-popup-running.png` });
    await page.bringToFront();
    await page.locator('stint-button[data-state="running"]').getByRole('button').click();
    await page.locator('stint-button[data-state="running"]').waitFor({ state: 'detached' });
    await popup.reload();
    await popup.locator('.entries li').first().waitFor();
    await popup.screenshot({ path: `${shots}/5-popup-entry.png` });
    // The calendar event on the board: the modal opens on its date and range, ready to log.
    await page.bringToFront();
    await page.locator('stint-button[data-task-id="MEET-1"]').getByRole('button', { name: 'Log this meeting' }).click();
    await modal.getByRole('button', { name: 'Save entry' }).waitFor();
    await page.screenshot({ path: `${shots}/6-meeting.png` });
    await page.keyboard.press('Escape');
    console.log(`Demo ran headless: start → stop done, a meeting's modal opened on its time; screenshots in ${shots}/`);
  }
} finally {
  await cleanup();
}
