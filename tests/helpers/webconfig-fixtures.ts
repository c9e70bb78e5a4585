import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Tests read fixtures from tests/fixtures only, and edit copies in a temporary folder.
export const webconfigFixtureDir = fileURLToPath(new URL('../fixtures/webconfig/', import.meta.url));

export async function webconfigFixtureNames(): Promise<string[]> {
  return (await readdir(webconfigFixtureDir)).filter((name) => name !== 'SOURCES.md').sort();
}

export function readWebconfigFixture(name: string): Promise<Buffer> {
  return readFile(join(webconfigFixtureDir, name));
}

export function makeTempDir(prefix = 'exready-webconfig-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Copies a fixture (or the given bytes) to `<dir>/web.config` and returns that path. */
export async function copyWebconfig(dir: string, source: string | Uint8Array): Promise<string> {
  const bytes = typeof source === 'string' ? await readWebconfigFixture(source) : source;
  const path = join(dir, 'web.config');
  await writeFile(path, bytes);
  return path;
}

/** The same bytes with every LF turned into CRLF: how the files sit on the Exchange servers. */
export function toCrlf(bytes: Uint8Array): Buffer {
  return Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
