import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { afterAll, beforeAll, it } from 'vitest';
import { BUILD_DIR, CHROMIUM } from '../support/browser';
import { ISSUE_URL } from './figures-common';
import { harvestFigures } from './figures-harvest';
import { localFigures } from './figures-local';
import { readbackFigures } from './figures-readback';
import { injectedFiles, pageScripts } from './measure';
import { measure, record, writeResults } from './results';
import { togglHour } from './toggl-hour';

/**
 * Stint's figures (npm run bench): the production build in real Chromium, every host served on loopback.
 * Each `it` is one measurement; it records figures (results.ts) and never asserts a goal. A measurement that
 * crashes fails the run. The JSON is written once all have run; the reporter prints the table.
 */

beforeAll(() => {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // reported as unknown
  }
  record({
    generated_at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, chromium, build: BUILD_DIR },
  });
});

afterAll(() => {
  writeResults();
});

/** A matched page of each site added by issue 14 (their content scripts are measured beside GitHub's). */
const SITE_PAGES = {
  slack: 'https://app.slack.com/client/T01ACME42/C04APOLLO',
  'google-calendar': 'https://calendar.google.com/calendar/u/0/r/week/2026/3/10',
  outlook: 'https://outlook.office.com/calendar/item/AAMkAGI2TG93AAA%3D',
};

it('content_script_gzip_bytes', () =>
  measure(['content_script_gzip_bytes'], async () => {
    const files = injectedFiles(BUILD_DIR, ISSUE_URL);
    if (files.length === 0) throw new Error(`the manifest injects nothing into ${ISSUE_URL}`);
    const gzip = files.reduce((n, f) => n + f.gzipBytes, 0);
    const raw = files.reduce((n, f) => n + f.bytes, 0);
    // The sites of issue 14 carry their own content scripts: each matched page is measured the same way.
    const sites = Object.fromEntries(
      Object.entries(SITE_PAGES).map(([site, url]) => [site, injectedFiles(BUILD_DIR, url).reduce((n, f) => n + f.gzipBytes, 0)]),
    );
    record({
      content_script_gzip_bytes_by_site: { github: gzip, ...sites },
      content_script_gzip_bytes: gzip,
      content_script_gzip_bytes_method: `Sum of gzip -9 sizes of each JS and CSS file that ${BUILD_DIR}/manifest.json content_scripts inject into ${ISSUE_URL} (matches/exclude_matches evaluated); ${raw} bytes uncompressed. Static, 1 run.`,
      content_script_files: files,
    });
  }));

it('page_js_gzip_bytes', () =>
  measure(['popup_js_gzip_bytes', 'modal_js_gzip_bytes', 'options_js_gzip_bytes'], async () => {
    const js = Object.fromEntries(['popup', 'modal', 'options'].map((p) => [p, pageScripts(BUILD_DIR, `${p}.html`)]));
    record({
      popup_js_gzip_bytes: js.popup?.gzipBytes ?? null,
      modal_js_gzip_bytes: js.modal?.gzipBytes ?? null,
      options_js_gzip_bytes: js.options?.gzipBytes ?? null,
      page_js_gzip_bytes_method: `Per extension page of ${BUILD_DIR}: its HTML's module scripts and every file they import statically, followed file by file (test/bench/measure.ts pageScripts), each file gzip -9, summed. "zod" marks a file carrying the schema library. Static, 1 run.`,
      page_js: js,
    });
  }));

// The areas below keep their describe blocks, and every figure its test name (figures are selected with -t). They
// are functions called here, in this order, rather than test files of their own: the bench's one results object
// (results.ts) lives in this file's module graph, and vitest isolates each test file.
localFigures();

it('toggl_requests_per_hour', () =>
  measure(['toggl_requests_per_hour'], async () => {
    const hour = togglHour();
    record({ toggl_requests_per_hour: hour.figure, toggl_requests_per_hour_method: hour.method, toggl_hour: hour.detail });
  }));

harvestFigures();

readbackFigures();
