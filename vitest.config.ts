import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    // The JSON report feeds the closing "N passed, N failed" line of .ci/run (scripts/summary.mjs).
    reporters: ['default', ['json', { outputFile: '.output/test-results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          // t() reads English (public/_locales/en), so tests see the messages users see.
          setupFiles: ['test/unit/setup-i18n.ts'],
          include: [
            'lib/**/*.test.{ts,tsx}',
            'components/**/*.test.{ts,tsx}',
            'test/unit/**/*.test.{ts,tsx}',
            'test/emulators/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // As for Firefox below: a change crossing processes (modal → worker → data layer → projection → page) is
          // waited for, not timed; a 1 s poll was a speed assertion (a fresh-clone run once saw a start's button
          // stay idle past it). Its speed is a bench figure (modal_open_ms_p95, inject_latency_ms_p95).
          expect: { poll: { timeout: 5_000 } },
        },
      },
      {
        extends: true,
        test: {
          // Real Firefox ESR against the production Firefox build (.output/firefox-mv3), over WebDriver BiDi.
          // fileParallelism false, as for e2e: vitest runs both projects' files one at a time, after the unit tests,
          // so two browsers never compete for the two cores.
          name: 'firefox',
          environment: 'node',
          include: ['test/e2e-firefox/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A change that crosses processes (page → event page → storage → page) is waited for, not timed: on a
          // loaded CI machine a first start once took over vitest's 1 s default. Its speed is a bench figure.
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
});
