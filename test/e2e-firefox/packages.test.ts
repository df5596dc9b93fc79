import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumArgs } from '../../scripts/chromium.mjs';
import { renderIcons } from '../../scripts/icons';
import { launchFirefoxStint, ORIGIN } from '../support/firefox';
import { HostsServer } from '../support/hosts-server';
import { unzip } from '../support/unzip';

/**
 * The store packages that `npm run zip` writes (npm test makes them first): the Chrome zip, unpacked, loads in
 * Chromium and its service worker starts; the Firefox zip passes web-ext lint (with AMO's checks) with no error
 * and installs in Firefox ESR as the archive itself. Both carry the icons rendered from icons/*.svg.
 */

const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const OUT = resolve(process.env.STINT_OUT_DIR ?? '.output');
const zipOf = (target: 'chrome' | 'firefox') => join(OUT, `stint-${version}-${target}.zip`);
const work = mkdtempSync(join(tmpdir(), 'stint-packages-'));
const unpacked = (target: 'chrome' | 'firefox') => join(work, target);

beforeAll(() => {
  for (const target of ['chrome', 'firefox'] as const) {
    if (!existsSync(zipOf(target))) throw new Error(`No ${zipOf(target)}: run npm run zip`);
    unzip(zipOf(target), unpacked(target));
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const manifestOf = (target: 'chrome' | 'firefox') => JSON.parse(readFileSync(join(unpacked(target), 'manifest.json'), 'utf8'));

describe('store packages from npm run zip', () => {
  it('carry the icons rendered from icons/*.svg, named by their manifests', () => {
    const fresh = renderIcons(join(work, 'fresh'));
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = manifestOf(target);
      expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
      expect(manifest.action.default_icon).toEqual({ 16: 'icons/stint-16.png', 32: 'icons/stint-32.png' });
      for (const { relativeDest, absoluteSrc } of fresh)
        expect(readFileSync(join(unpacked(target), relativeDest)).equals(readFileSync(absoluteSrc)), `${target} ${relativeDest}`).toBe(
          true,
        );
    }
  });

  it('the Chrome zip, unpacked, loads in Chromium and its service worker starts', async () => {
    const dir = unpacked('chrome');
    const profile = mkdtempSync(join(tmpdir(), 'stint-zip-profile-'));
    // The shared flags without their --load-extension of the build folder: this loads the package instead.
    const args = chromiumArgs().filter((a: string) => !a.startsWith('--load-extension') && !a.startsWith('--disable-extensions-except'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...args, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
      expect(new URL(worker.url()).pathname).toBe('/background.js');
      const manifest = await worker.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.getManifest());
      expect(manifest).toMatchObject({ version, manifest_version: 3 });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('the Firefox zip passes web-ext lint with 0 errors', async () => {
    const bin = resolve('node_modules/.bin/web-ext');
    // Exit code 1 when there are errors; the JSON report is read either way.
    const run = await promisify(execFile)(bin, [
      'lint',
      '--source-dir',
      unpacked('firefox'),
      '--output',
      'json',
      '--no-config-discovery',
    ]).catch((err: { stdout: string }) => err);
    const report = JSON.parse(run.stdout) as { errors: { code: string; message: string }[]; summary: { errors: number } };
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
    expect(manifestOf('firefox').browser_specific_settings.gecko).toMatchObject({
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('the Firefox zip installs in Firefox ESR as it is, and runs: toolbar icon and popup', async () => {
    const server = await new HostsServer().start();
    const stint = await launchFirefoxStint({ server, archive: zipOf('firefox') });
    try {
      expect(await stint.toolbarButton()).toEqual({ icon: `${ORIGIN}/icons/stint-16.png`, badge: '' });
      const popup = await stint.extensionPage('popup.html');
      await popup.waitForSelector('main.popup');
      expect(await popup.evaluate(() => document.title)).toBe('Stint');
    } finally {
      await stint.close();
      await server.stop();
    }
  });
});
