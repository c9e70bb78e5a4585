import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A stand-in PowerShell executable: a real process that records its pid (in dir/pid) and runs `body`. */
export async function fakePowerShell(dir: string, body: string): Promise<string> {
  const path = join(dir, 'pwsh');
  await writeFile(path, `#!/bin/sh\necho $$ > "${dir}/pid"\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}
