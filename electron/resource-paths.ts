import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The PowerShell scripts folder: beside the packaged app (process.resourcesPath/powershell), or
 * resources/powershell found by walking up from the running bundle or source file.
 */
export function locatePowerShellScripts(startDir: string, packagedResourcesPath?: string): string {
  if (packagedResourcesPath !== undefined) {
    const packaged = join(packagedResourcesPath, 'powershell');
    if (existsSync(packaged)) return packaged;
  }
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'powershell');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`resources/powershell was not found above ${startDir}`);
}
