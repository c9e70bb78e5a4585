import type { LabEstate } from '../lab/lab-estate';
import { createLabFixHost, type LabFixHost } from '../lab/lab-fix-host';
import { loadLabState, resetLabState, saveLabState } from '../lab/lab-state-file';

/** The lab a command line names with `--lab NAME` or `--lab=NAME`; null when it names none. */
export function labNameIn(args: readonly string[]): string | null {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--lab') return args[index + 1] ?? null;
    if (arg.startsWith('--lab=')) return arg.slice('--lab='.length);
  }
  return null;
}

export interface PersistedLabs {
  /** Every lab, the named one as the last command left it. */
  estates: Readonly<Record<string, LabEstate>>;
  /** The fix host of a lab, holding its persisted state; the same host for the whole command. */
  host: (name: string) => LabFixHost | undefined;
  /** Writes back what the command's fixes changed; nothing when they changed nothing. */
  save: () => Promise<void>;
}

/** The labs of one CLI command: the named lab is read from the user-data folder (after a reset when asked). */
export async function openPersistedLabs(
  dataDir: string,
  builtIn: Readonly<Record<string, LabEstate>>,
  args: readonly string[],
  options: { reset?: boolean } = {},
): Promise<PersistedLabs> {
  const name = labNameIn(args);
  const initial = name === null || !Object.hasOwn(builtIn, name) ? undefined : builtIn[name];
  if (name === null || initial === undefined)
    return { estates: builtIn, host: () => undefined, save: async () => {} };
  if (options.reset === true) await resetLabState(dataDir, name);
  const loaded = await loadLabState(dataDir, name, initial);
  let host: LabFixHost | undefined;
  return {
    estates: { ...builtIn, [name]: loaded },
    host: (wanted) => {
      if (wanted !== name) return undefined;
      host ??= createLabFixHost(loaded);
      return host;
    },
    save: async () => {
      if (host !== undefined && host.estate() !== loaded) await saveLabState(dataDir, name, host.estate());
    },
  };
}
