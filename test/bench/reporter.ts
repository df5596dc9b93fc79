import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Reporter } from 'vitest/reporters';
import { RESULTS_FILE, table } from './results';

/** Prints the figures table after vitest's own summary, from the bench/results.json this run wrote. */
export default class BenchTableReporter implements Reporter {
  private startedAt = Date.now();

  onTestRunStart(): void {
    this.startedAt = Date.now();
  }

  onTestRunEnd(): void {
    if (!existsSync(RESULTS_FILE) || statSync(RESULTS_FILE).mtimeMs < this.startedAt - 1000) {
      console.log('\nStint bench: no results were written this run.');
      return;
    }
    const out = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
    console.log(`\nStint bench figures (${RESULTS_FILE}):\n\n${table(out)}\n`);
  }
}
