import { rename } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { StartupNotice } from '../../shared/domain/startup-notice';

/** `20261202T120000Z`: the moment a file was set aside, sortable and safe in a file name. */
export function unreadableStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Renames an unreadable file to `<name>.unreadable-<UTC stamp>` beside it, so start-up goes on
 * without it and the file is kept for whoever wants to look; answers the notice that says so.
 */
export async function setAsideUnreadableFile(
  userDataDir: string,
  path: string,
  problem: string,
  kept: string,
  now: Date,
): Promise<StartupNotice> {
  const target = join(dirname(path), `${basename(path)}.unreadable-${unreadableStamp(now)}`);
  await rename(path, target);
  const shown = (file: string) => relative(userDataDir, file).split('\\').join('/');
  return { file: shown(path), problem: problem.slice(0, 500), movedTo: shown(target), kept };
}
