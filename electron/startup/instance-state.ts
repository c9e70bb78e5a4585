import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { productName } from '../../shared/product';
import { writeFileAtomic } from '../storage/atomic-file';

// The first instance writes where it is in its start-up, so a second one refused the lock can say why.

const InstanceState = z.object({
  pid: z.number().int().positive(),
  phase: z.enum(['starting', 'window-open', 'failed']),
  /** The start-up step it is in ("opening the secret store"), or why it failed. */
  step: z.string().max(500),
  since: z.iso.datetime(),
});
export type InstanceState = z.infer<typeof InstanceState>;

/** How long a start-up may take before a second instance calls it stuck. */
export const stuckAfterMs = 30_000;

export const instanceStatePath = (userDataDir: string) => join(userDataDir, 'instance.json');

export async function writeInstanceState(userDataDir: string, state: InstanceState): Promise<void> {
  await writeFileAtomic(instanceStatePath(userDataDir), `${JSON.stringify(InstanceState.parse(state))}\n`);
}

/** The first instance's last word, or null when there is none that can be read. */
export async function readInstanceState(userDataDir: string): Promise<InstanceState | null> {
  try {
    const parsed = InstanceState.safeParse(
      JSON.parse(await readFile(instanceStatePath(userDataDir), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a process id is alive; signal 0 tests without sending anything. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why this second launch stops, and whether a dialog is needed (no window of the first one came to the front). */
export function secondInstanceMessage(
  state: InstanceState | null,
  now: Date,
  isAlive: (pid: number) => boolean = processIsAlive,
): { text: string; needsDialog: boolean } {
  const endIt = (pid: number) => `End process ${pid} (Task Manager, Details) and start ${productName} again.`;
  if (state === null || !isAlive(state.pid)) {
    return {
      text:
        `${productName} is not starting a second time: another ${productName} process holds the single-instance lock ` +
        `but left no sign of where it is. End any ${productName} process in Task Manager and start it again.`,
      needsDialog: true,
    };
  }
  if (state.phase === 'window-open') {
    return {
      text: `${productName} is already running (process ${state.pid}): its window was brought to the front.`,
      needsDialog: false,
    };
  }
  const since = new Date(state.since);
  if (state.phase === 'failed') {
    return {
      text: `${productName} (process ${state.pid}) failed to start and has not exited: ${state.step}. ${endIt(state.pid)}`,
      needsDialog: true,
    };
  }
  const waitedSeconds = Math.round((now.getTime() - since.getTime()) / 1000);
  if (now.getTime() - since.getTime() < stuckAfterMs) {
    return {
      text: `${productName} is already starting (process ${state.pid}, ${state.step}): its window opens when it is ready.`,
      needsDialog: true,
    };
  }
  return {
    text:
      `${productName} is already running (process ${state.pid}) but is stuck before its window exists: ` +
      `it has been ${state.step} for ${waitedSeconds} s, since ${state.since}. ${endIt(state.pid)}`,
    needsDialog: true,
  };
}
