import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import BenchTableReporter from './reporter';

/**
 * `npm run bench`: the figures of test/bench/ against the production builds in real Chromium (and Firefox ESR for
 * firefox_click_to_running_ms_p95). A config of its
 * own (not a project of vitest.config.ts), so `npm test` never runs it. See test/bench/README.md.
 */

// A build made with STINT_OUT_DIR is the one measured, unless STINT_BUILD_DIR says otherwise.
const outDir = process.env.STINT_OUT_DIR;
const env: Record<string, string> = {
  ...(outDir && !process.env.STINT_BUILD_DIR ? { STINT_BUILD_DIR: join(outDir, 'chrome-mv3') } : {}),
  ...(outDir && !process.env.STINT_FIREFOX_BUILD_DIR ? { STINT_FIREFOX_BUILD_DIR: join(outDir, 'firefox-mv3') } : {}),
};

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'bench',
    environment: 'node',
    include: ['test/bench/**/*.test.ts'],
    env,
    // One browser at a time on a 2-core machine: figures measured side by side would disturb each other.
    fileParallelism: false,
    testTimeout: 420_000,
    hookTimeout: 120_000,
    reporters: ['default', new BenchTableReporter()],
  },
});
