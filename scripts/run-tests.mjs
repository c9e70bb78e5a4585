// `npm test`: lint, typecheck, the PowerShell syntax check, the build, then every test tier,
// each reporting its own count; exits non-zero if anything fails or a tier runs no test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join('tests', 'artifacts', 'results');
const tiers = ['unit', 'powershell', 'integration', 'e2e'];
const onlyTiers = process.argv.slice(2).filter((arg) => tiers.includes(arg));
const selected = onlyTiers.length > 0 ? onlyTiers : tiers;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${title}: ${run.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  return run.status === 0;
}

const failedSteps = [];
if (onlyTiers.length === 0) {
  for (const [title, script] of [
    ['lint', 'lint'],
    ['typecheck', 'typecheck'],
    ['PowerShell syntax', 'check:ps'],
    ['build', 'build'],
  ]) {
    if (!step(title, npm, ['run', '--silent', script])) failedSteps.push(title);
  }
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const counts = [];
for (const tier of selected) {
  const outputFile = join(resultsDir, `${tier}.json`);
  const ok = step(`${tier} tests`, npx, [
    'vitest',
    'run',
    '--project',
    tier,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
  ]);
  let report = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
  try {
    report = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    failedSteps.push(`${tier} tests (no report)`);
  }
  const tierCount = {
    tier,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  counts.push(tierCount);
  if (!ok) failedSteps.push(`${tier} tests`);
  if (tierCount.passed === 0) failedSteps.push(`${tier} tests ran no test`);
}

console.log('\n=== test counts');
for (const c of counts) {
  console.log(
    `${c.tier.padEnd(12)} ${String(c.passed).padStart(4)} passed ${String(c.failed).padStart(4)} failed ${String(c.skipped).padStart(4)} skipped`,
  );
}
const total = counts.reduce(
  (sum, c) => ({
    passed: sum.passed + c.passed,
    failed: sum.failed + c.failed,
    skipped: sum.skipped + c.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
if (failedSteps.length > 0) console.log(`\nFailed: ${[...new Set(failedSteps)].join(', ')}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = failedSteps.length > 0 ? 1 : 0;
