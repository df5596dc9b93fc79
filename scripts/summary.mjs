// Prints the closing line CI reads ("N passed, N failed") from vitest's JSON report of `npm test`.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('.output/test-results.json', 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
