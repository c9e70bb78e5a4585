import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Which PowerShell to run: Windows PowerShell 5.1 on the jump host by default (what Exchange
 * administration expects), pwsh when configured or on other systems.
 */
export function defaultPowerShellCandidates(platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? ['powershell.exe', 'pwsh.exe'] : ['pwsh'];
}

/** Finds the first candidate that exists, searching PATH for bare names; null when none does. */
export async function locateExecutable(
  candidates: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const directories = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const candidate of candidates) {
    const paths = isAbsolute(candidate) ? [candidate] : directories.map((dir) => join(dir, candidate));
    for (const path of paths) {
      try {
        await access(path, constants.X_OK);
        return path;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}
