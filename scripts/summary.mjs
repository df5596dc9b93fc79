// Prints the closing line CI reads ("N passed, N failed") from vitest's JSON report of `npm test`.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('.output/test-results.json', 'utf8'));
// A file whose setup failed (a browser or a build missing) marks its tests skipped: they count as failed here,
// since they could not run (a missing prerequisite is a failure, never a skip).
const unrun = (report.testResults ?? [])
  .filter((file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'))
  .reduce((n, file) => n + Math.max(1, file.assertionResults.filter((a) => a.status !== 'passed').length), 0);
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + unrun;
const skipped = Math.max(0, (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) - unrun);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
