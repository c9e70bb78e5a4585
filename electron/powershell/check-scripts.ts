import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { locateExecutable } from './executable-locator';
import { runScriptProcess } from './script-process';

/** The PowerShell 7 the checks run in: the provisioned .tools/pwsh (npm run provision:pwsh), else pwsh on PATH. */
export function locateCheckPwsh(repoRoot: string): Promise<string | null> {
  const onPath = process.platform === 'win32' ? ['pwsh.exe'] : ['pwsh'];
  return locateExecutable([join(repoRoot, '.tools', 'pwsh', 'pwsh'), ...onPath]);
}

/** A script under scripts/powershell/, where the checks that run inside pwsh live. */
export function checkScriptPath(name: string): string {
  return fileURLToPath(new URL(`../../scripts/powershell/${name}`, import.meta.url));
}

/** Runs one check script in one pwsh process for all files and validates the JSON object it prints. */
export async function runCheckScript<T>(
  pwsh: string,
  name: string,
  files: readonly string[],
  schema: z.ZodType<T>,
): Promise<T> {
  const output = await runScriptProcess({
    executable: pwsh,
    scriptPath: checkScriptPath(name),
    parameters: { files },
    timeoutMs: 300_000,
    signal: new AbortController().signal,
  });
  if (output.exitCode !== 0) {
    throw new Error(`${name} failed (exit ${output.exitCode}): ${output.stderr || output.stdout}`);
  }
  return schema.parse(JSON.parse(output.stdout));
}
