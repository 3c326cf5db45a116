#!/usr/bin/env node
// `npm test`: runs every project's vitest suite through Nx, then adds up the JSON reports the
// projects write (see vitest.shared.ts) and ends with one plain line: `N passed, N failed, N skipped`.
// A project whose suite crashed before writing a report counts as a failure, never as silence.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reportDir = path.join(root, 'tmp', 'test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const extra = process.argv.slice(2);
const nx = spawnSync('npx', ['nx', 'run-many', '-t', 'test', '--parallel=2', '--outputStyle=stream', '--skip-nx-cache', ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});

const projects = JSON.parse(
  spawnSync('npx', ['nx', 'show', 'projects', '--with-target', 'test', '--json', ...projectFilter(extra)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  }).stdout || '[]',
);

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
const skippedTests = [];
for (const project of projects.sort()) {
  const name = project.replace(/^@pedigree\//, '');
  const file = path.join(reportDir, `${name}.json`);
  if (!existsSync(file)) {
    failed += 1;
    lines.push(`  ${name}: no test report (the suite crashed or did not run)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) + failedSuitesWithoutTests(report);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  lines.push(`  ${name}: ${p} passed, ${f} failed, ${s} skipped`);
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') {
        skippedTests.push(`  SKIPPED ${name}: ${t.fullName ?? t.title}`);
      }
    }
  }
}
const stray = readdirSync(reportDir).filter((f) => !projects.some((p) => `${p.replace(/^@pedigree\//, '')}.json` === f));
if (stray.length > 0) lines.push(`  (reports from unknown projects ignored: ${stray.join(', ')})`);

console.log('\nTest summary by project:');
for (const l of lines) console.log(l);
if (skippedTests.length > 0) {
  console.log(`\n${skippedTests.length} test(s) SKIPPED:`);
  for (const l of skippedTests) console.log(l);
}
if (nx.status !== 0 && failed === 0) {
  failed += 1;
  console.log('\nNx reported a failing test target although every report passed; counting it as a failure.');
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || nx.status !== 0 ? 1 : 0);

function failedSuitesWithoutTests(report) {
  // A suite that failed to load (syntax error, missing import) has no assertion results.
  return (report.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
}

function projectFilter(args) {
  const i = args.findIndex((a) => a === '-p' || a === '--projects');
  if (i >= 0 && args[i + 1]) return ['--projects', args[i + 1]];
  const eq = args.find((a) => a.startsWith('--projects='));
  return eq ? [eq] : [];
}
