import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { StoredFileError } from './json-store';

// A run id becomes a file name: nothing that could climb out of the folder.
const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The file of a run in a folder of <runId>.json files; a name that is no run id is not found. */
export function runFilePath(folder: string, runId: string, notFound: (runId: string) => Error): string {
  if (!runIdPattern.test(runId) || runId.includes('..')) throw notFound(runId);
  return join(folder, `${runId}.json`);
}

/** Reads and validates one run file: missing is not found, anything else wrong is a StoredFileError naming it. */
export async function readRunFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
  notFound: () => Error,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StoredFileError(path, 'is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new StoredFileError(path, `is not ${what}`);
  return parsed.data;
}

/** The run ids a folder holds (its *.json files); none when the folder does not exist yet. */
export async function runIdsIn(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((file) => file.endsWith('.json') && !file.startsWith('.'))
    .map((file) => file.slice(0, -'.json'.length));
}
