import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labHostsFile, toPowerShellLab } from '../../electron/lab/powershell-lab';
import type { LabEstate } from '../../electron/lab/lab-estate';
import { powershellEnvironment } from '../../electron/powershell/shell-environment';
import { pwshPath } from './pwsh';
import { repoRoot } from './test-router';

export const labModulePath = join(repoRoot, 'resources', 'powershell', 'lab', 'ExreadyLab.psm1');

// A "PowerShell" for `exready check --powershell PATH`: real pwsh with the lab module imported before ExReady's
// first command, in network and mount namespaces of its own: only loopback exists, and /etc/hosts is the lab's, so
// lab names resolve to the lab's listeners and no name ever reaches a real resolver.
const wrapperText = `#!/bin/sh
exec unshare --net --mount sh -c 'ip link set lo up && mount --bind "$EXREADY_LAB_HOSTS" /etc/hosts && { printf "%s\\n" "Import-Module -Name \\$env:EXREADY_LAB_MODULE -Global -Force"; cat; } | "$EXREADY_LAB_PWSH" "$@"' lab-pwsh "$@"
`;

export interface LabPowerShell {
  /** The executable to pass as --powershell. */
  executable: string;
  /** The environment the CLI must run with (the wrapper and the lab module read it). */
  env: NodeJS.ProcessEnv;
}

/** Writes the lab document of an estate and the wrapper that runs the real scripts against it. */
export async function prepareLabPowerShell(
  dir: string,
  estate: LabEstate,
  now: Date,
): Promise<LabPowerShell> {
  const labFile = join(dir, 'lab.json');
  await writeFile(labFile, JSON.stringify(toPowerShellLab(estate, now)), 'utf8');
  const hostsFile = join(dir, 'hosts');
  await writeFile(hostsFile, labHostsFile(estate), 'utf8');
  const executable = join(dir, 'lab-pwsh');
  await writeFile(executable, wrapperText, 'utf8');
  await chmod(executable, 0o755);
  return {
    executable,
    env: powershellEnvironment({
      ...process.env,
      EXREADY_LAB_FILE: labFile,
      EXREADY_LAB_MODULE: labModulePath,
      EXREADY_LAB_HOSTS: hostsFile,
      EXREADY_LAB_NETWORK: '1',
      EXREADY_LAB_PWSH: pwshPath ?? 'pwsh',
      EXREADY_USER_DATA: join(dir, 'user-data'),
    }),
  };
}
