import { join } from 'node:path';
import { locateExecutable } from '../../electron/powershell/executable-locator';
import { repoRoot } from './test-router';

/** PowerShell 7 for the tier that runs scripts for real: .tools/pwsh (provisioned by CI) or PATH. */
export const pwshPath = await locateExecutable([join(repoRoot, '.tools', 'pwsh', 'pwsh'), 'pwsh']);
