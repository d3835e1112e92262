// Sums the JSON reports the test runners wrote (vitest's jest-style JSON and
// Playwright's JSON reporter) into "N passed, N failed[, N skipped]".
// Exits 1 when a runner reported a failure or no report was written at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
// The exit status of the test command: a typecheck or lint failure has no report of its own.
const commandStatus = Number(process.argv[3] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  if (typeof report.numTotalTests === 'number') {
    reports += 1;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A test file that failed to load has no tests but is still a failure.
    failed += (report.testResults ?? []).filter(
      (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
    ).length;
  } else if (report.stats && typeof report.stats.expected === 'number') {
    reports += 1;
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped ?? 0;
    failed += (report.errors ?? []).length;
  }
}

if (commandStatus !== 0 && failed === 0) {
  console.error(
    'The test command failed outside the test runners (typecheck, lint or build); see above.',
  );
  failed += 1;
}

const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
console.log(line);
process.exit(failed > 0 || reports === 0 ? 1 : 0);
