// @ts-check
// Runs the whole suite with Vitest and ends with the one line CI reads: "N passed, N failed, N skipped".
// Vitest's own summary stays on screen for people; the counts come from its JSON report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'lan-chat-test-'));
const report = join(dir, 'report.json');
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let summary;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = json.numPendingTests + json.numTodoTests;
  summary = `${json.numPassedTests} passed, ${json.numFailedTests} failed, ${skipped} skipped`;
  if (json.numFailedTestSuites > 0 && json.numFailedTests === 0) {
    // A file that fails to load has no failed test of its own; count it so the line is never green by accident.
    summary = `${json.numPassedTests} passed, ${json.numFailedTestSuites} failed, ${skipped} skipped`;
  }
} catch {
  summary = '0 passed, 1 failed';
  console.error('vitest wrote no JSON report');
}
rmSync(dir, { recursive: true, force: true });
console.log(summary);
process.exit(run.status ?? 1);
