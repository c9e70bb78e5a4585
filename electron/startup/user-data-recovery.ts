import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyInventory, Inventory } from '../../shared/domain/inventory';
import type { StartupNotice } from '../../shared/domain/startup-notice';
import {
  openSecretStore,
  parseSecretsFile,
  UnreadableSecretsError,
  type SecretStore,
  type StringEncryptor,
} from '../secrets/secret-store';
import { JsonStore, StoredFileError } from '../storage/json-store';
import { RunHistory } from '../storage/run-history';
import { setAsideUnreadableFile } from '../storage/unreadable-file';

// Start-up never stops on a damaged user-data file: it is moved aside (kept, renamed) and the notice says so.

// StoredFileError says "<path>: is not valid JSON"; the notice names the file itself.
const problemOf = (error: Error, path: string) => `it ${error.message.replace(`${path}: `, '')}`;

/** Opens the secret store; an unreadable secrets.json is set aside and the store starts empty. */
export async function openSecretsSettingAsideUnreadable(
  userDataDir: string,
  encryptor: StringEncryptor,
  now: Date,
): Promise<{ secrets: SecretStore; notices: StartupNotice[] }> {
  try {
    return { secrets: await openSecretStore(userDataDir, encryptor), notices: [] };
  } catch (error) {
    if (!(error instanceof UnreadableSecretsError)) throw error;
    const notice = await setAsideUnreadableFile(
      userDataDir,
      error.path,
      error.problem,
      'ExReady started with no stored secrets: enter the MFA API key and secret (and any saved credentials) again.',
      now,
    );
    return { secrets: await openSecretStore(userDataDir, encryptor), notices: [notice] };
  }
}

/** The CLI cannot decrypt (no safeStorage there), but a secrets.json cut short or of the wrong shape is set aside too. */
export async function setAsideMalformedSecretsFile(userDataDir: string, now: Date): Promise<StartupNotice[]> {
  const path = join(userDataDir, 'secrets.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    parseSecretsFile(path, text);
    return [];
  } catch (error) {
    if (!(error instanceof UnreadableSecretsError)) throw error;
    const kept = 'no secret is stored now: enter the MFA API key and secret again in the app.';
    return [await setAsideUnreadableFile(userDataDir, path, error.problem, kept, now)];
  }
}

/** An inventory.json that is not valid JSON or not an inventory is set aside; the inventory starts empty. */
export async function setAsideUnreadableInventory(userDataDir: string, now: Date): Promise<StartupNotice[]> {
  const path = join(userDataDir, 'inventory.json');
  try {
    await new JsonStore(path, Inventory, () => emptyInventory).read();
    return [];
  } catch (error) {
    if (!(error instanceof StoredFileError)) throw error;
    const kept =
      'ExReady started with an empty inventory: add the servers again (the old file can be read for their names).';
    return [await setAsideUnreadableFile(userDataDir, path, problemOf(error, path), kept, now)];
  }
}

/** Every run file that is not a saved run is set aside; the other runs stay in the history. */
export async function setAsideUnreadableRuns(userDataDir: string, now: Date): Promise<StartupNotice[]> {
  const history = new RunHistory(userDataDir);
  let names: string[];
  try {
    names = await readdir(history.folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runFiles = names.filter((file) => file.endsWith('.json') && !file.startsWith('.'));
  const bad: { path: string; problem: string }[] = [];
  for (const name of runFiles) {
    try {
      await history.open(name.slice(0, -'.json'.length));
    } catch (error) {
      if (error instanceof StoredFileError)
        bad.push({ path: error.path, problem: problemOf(error, error.path) });
    }
  }
  const left = runFiles.length - bad.length;
  const kept =
    left === 0
      ? 'there is no other saved run.'
      : left === 1
        ? 'the other saved run is kept in the history.'
        : `the other ${left} saved runs are kept in the history.`;
  const notices: StartupNotice[] = [];
  for (const file of bad)
    notices.push(await setAsideUnreadableFile(userDataDir, file.path, file.problem, kept, now));
  return notices;
}

/** inventory.json and the run files, as both the app and the CLI check them before anything else. */
export async function setAsideUnreadableUserData(userDataDir: string, now: Date): Promise<StartupNotice[]> {
  return [
    ...(await setAsideUnreadableInventory(userDataDir, now)),
    ...(await setAsideUnreadableRuns(userDataDir, now)),
  ];
}
