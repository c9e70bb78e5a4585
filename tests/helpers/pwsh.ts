import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { locateExecutable } from '../../electron/powershell/executable-locator';
import { repoRoot } from './test-router';

const provisioned = join(repoRoot, '.tools', 'pwsh', 'pwsh');
const pesterCandidate = join(repoRoot, '.tools', 'pester', 'pester', '5.7.1', 'tools', 'Pester.psd1');

/** PowerShell 7 for the tier that runs scripts for real: .tools/pwsh (npm run provision:pwsh) or PATH. */
export const pwshPath = await locateExecutable([provisioned, 'pwsh']);

/** Pester 5.7.1 as `npm run provision:pwsh` installs it. */
export const pesterModulePath = existsSync(pesterCandidate) ? pesterCandidate : null;

/** Why the real-pwsh tests cannot run here, or null when they can. */
export const powershellTierMissing =
  pwshPath === null
    ? 'PowerShell 7 is not installed (run npm run provision:pwsh)'
    : pesterModulePath === null
      ? 'Pester 5.7.1 is not installed (run npm run provision:pwsh)'
      : null;

// In CI the tier must run: a missing pwsh or Pester fails the run instead of skipping it.
if (powershellTierMissing !== null && process.env.CI === 'true') {
  throw new Error(`CI=true but ${powershellTierMissing}`);
}
if (powershellTierMissing !== null) {
  console.warn(`powershell tier: skipping the real-pwsh tests: ${powershellTierMissing}`);
}
