// Sums the jest JSON reports each package wrote and prints the closing line CI reads.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let passed = 0,
  failed = 0,
  skipped = 0,
  suitesFailed = 0;
const perPackage = [];
// A package with a test script but no report crashed before jest could write one (or was never
// run): it counts as a failure, so a summary can never be green by leaving packages out.
const expectAll = process.argv.includes('--expect-all');
const silent = [];
for (const dir of ['apps', 'packages']) {
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const manifest = path.join(root, dir, name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const hasTests = Boolean(JSON.parse(fs.readFileSync(manifest, 'utf8')).scripts?.test);
    const file = path.join(root, dir, name, '.jest-results.json');
    if (!fs.existsSync(file)) {
      if (hasTests && expectAll) silent.push(`${dir}/${name}`);
      continue;
    }
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    suitesFailed += r.numFailedTestSuites;
    perPackage.push(`${dir}/${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
}
console.log(perPackage.join('\n'));
if (suitesFailed > 0) console.log(`${suitesFailed} test suite(s) failed`);
if (silent.length) console.log(`${silent.length} package(s) wrote no test report: ${silent.join(', ')}`);
console.log(
  `${passed} passed, ${failed} failed, ${skipped} skipped` +
    (silent.length ? `, ${silent.length} package(s) without a report` : ''),
);
process.exit(failed > 0 || suitesFailed > 0 || silent.length > 0 || passed === 0 ? 1 : 0);
