import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file';
import { LabEstate } from './lab-estate';

// A lab's state between CLI commands: what `fix --lab demo` changed is what the next `check --lab demo` reads.

/** The lab state file cannot be read as a lab: named, with how to start again. */
export class LabStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabStateError';
  }
}

export function labStatePath(dataDir: string, name: string): string {
  return join(dataDir, 'labs', `${name}.json`);
}

/** The lab as the last command left it, or as built in when no command has changed it yet. */
export async function loadLabState(dataDir: string, name: string, initial: LabEstate): Promise<LabEstate> {
  const path = labStatePath(dataDir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return initial;
    throw error;
  }
  const reset = `run 'exready check --lab ${name} --reset' to start the lab again`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LabStateError(`${path} is not JSON: ${reset}`);
  }
  const parsed = LabEstate.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LabStateError(
      `${path} is not a lab state at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}: ${reset}`,
    );
  }
  if (parsed.data.name !== initial.name)
    throw new LabStateError(`${path} holds the lab "${parsed.data.name}", not "${initial.name}": ${reset}`);
  return parsed.data;
}

export async function saveLabState(dataDir: string, name: string, estate: LabEstate): Promise<void> {
  await writeFileAtomic(labStatePath(dataDir, name), `${JSON.stringify(estate, null, 2)}\n`);
}

/** Puts the built-in lab back: the next command starts from it. */
export async function resetLabState(dataDir: string, name: string): Promise<void> {
  await rm(labStatePath(dataDir, name), { force: true });
}
