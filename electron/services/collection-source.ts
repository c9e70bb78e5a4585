import { CollectionLine, type CollectionRequest } from '../../shared/facts/collection-protocol';
import type { PowerShellHost } from '../powershell/powershell-host';

/** Turns one printed line into a protocol record; null for text that is not one (host noise). May throw for a broken line. */
export type CollectionLineReader = (text: string) => CollectionLine | null;

export interface CollectionSourceRun {
  signal: AbortSignal;
  /** Each protocol line as soon as it is read, so progress follows the servers as they answer. */
  onLine: (line: CollectionLine) => void;
}

/** What a collection left besides its lines: kept as data for the run's warnings, never thrown. */
export interface CollectionSourceReport {
  /** stderr / error records of the host itself (not per server: those arrive as server-error lines). */
  errors: string[];
  warnings: string[];
  /** Printed lines that were not protocol lines, with why. */
  unreadLines: string[];
}

/** Where collection lines come from: the PowerShell collection script, or a lab simulation in tests and the bench. */
export interface CollectionSource {
  collect(request: CollectionRequest, run: CollectionSourceRun): Promise<CollectionSourceReport>;
}

/** The plain protocol reader: one JSON object per line, checked against the shared schema. */
export const readProtocolLine: CollectionLineReader = (text) => {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  const parsed = CollectionLine.safeParse(JSON.parse(trimmed));
  if (!parsed.success)
    throw new Error(`not a collection line: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

function lineHandler(
  readLine: CollectionLineReader,
  onLine: (line: CollectionLine) => void,
  unreadLines: string[],
): (text: string) => void {
  return (text) => {
    let line: CollectionLine | null;
    try {
      line = readLine(text);
    } catch (error) {
      unreadLines.push(`${error instanceof Error ? error.message : String(error)}: ${text.slice(0, 200)}`);
      return;
    }
    if (line !== null) onLine(line);
    else if (text.trim() !== '') unreadLines.push(text.slice(0, 200));
  };
}

export interface PowerShellCollectionOptions {
  /** resources/powershell/collect/Invoke-ExreadyCollection.ps1, resolved by the caller. */
  scriptPath: string;
  readLine?: CollectionLineReader;
}

/**
 * The whole run's budget: each throttle wave of servers may take its per-server timeout, plus one wave and a
 * minute for the session setup, the jump-host reads and the sync servers.
 */
export function collectionBudgetMs(request: CollectionRequest): number {
  const waves = Math.ceil(request.exchangeServers.length / request.throttle) + 1;
  return waves * request.timeoutSeconds * 1000 + 60_000;
}

/** Lines from Invoke-ExreadyCollection.ps1, run through the PowerShell host. */
export function powerShellCollectionSource(
  host: PowerShellHost,
  options: PowerShellCollectionOptions,
): CollectionSource {
  return {
    async collect(request, run) {
      const unreadLines: string[] = [];
      const result = await host.run(options.scriptPath, request, {
        signal: run.signal,
        timeoutMs: collectionBudgetMs(request),
        onLine: lineHandler(options.readLine ?? readProtocolLine, run.onLine, unreadLines),
      });
      return { errors: result.errors, warnings: result.warnings, unreadLines };
    },
  };
}

/** A producer of lines without PowerShell, e.g. the lab's simulateCollection(lab, request, now). */
export type CollectionProducer = (
  request: CollectionRequest,
  signal: AbortSignal,
) => AsyncIterable<CollectionLine | string> | Iterable<CollectionLine | string>;

/** Lines from a function; text lines go through the same reader as PowerShell output. */
export function functionCollectionSource(
  produce: CollectionProducer,
  readLine: CollectionLineReader = readProtocolLine,
): CollectionSource {
  return {
    async collect(request, run) {
      const unreadLines: string[] = [];
      const handle = lineHandler(readLine, run.onLine, unreadLines);
      for await (const item of produce(request, run.signal)) {
        if (run.signal.aborted) throw run.signal.reason;
        if (typeof item === 'string') handle(item);
        else run.onLine(item);
      }
      return { errors: [], warnings: [], unreadLines };
    },
  };
}
