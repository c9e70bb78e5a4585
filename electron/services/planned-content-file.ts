import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The planned web.config holds the secrets: it reaches the script as a file, never inside the command text
// (script-block logging records command text, and the base64 JSON argument is part of it).

/** Writes the bytes to a folder of their own (0700, file 0600, unguessable name) and hands its path to `use`, then removes it. */
export async function withPlannedContentFile<T>(
  contentBase64: string,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'exready-plan-'));
  try {
    const path = join(folder, 'web.config.planned');
    await writeFile(path, Buffer.from(contentBase64, 'base64'), { mode: 0o600, flag: 'wx' });
    return await use(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
