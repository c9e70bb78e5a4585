import { randomUUID } from 'node:crypto';
import {
  CollectionRequest,
  ErrorRecordData,
  type CollectionLine,
} from '../../shared/facts/collection-protocol';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import type { MfaCollectionParameters } from '../../shared/facts/mfa-facts';
import { mfaCollectionParameters } from '../../shared/integrations/mfa-collection';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import type { OperationProgress } from '../../shared/domain/operation';
import {
  countStatuses,
  evaluateSavedFacts,
  type ServerEvaluation,
  type StatusTotals,
} from '../checks/evaluate-estate';
import type { KeptProof } from '../../shared/prove/kept-proof';
import type { CollectionSource } from './collection-source';

/** Turns a run's lines into the saved facts document (electron/facts/facts-assembler.ts). */
export type FactsAssembler = (input: {
  request: CollectionRequest;
  lines: readonly CollectionLine[];
  collectedAt: Date;
}) => SavedFacts;

/** What to check: the estate as the inventory or the command line names it. */
export interface CheckTarget {
  exchangeServers: readonly string[];
  syncServers: readonly string[];
  serviceAccount: string | null;
  throttle?: number;
  timeoutSeconds?: number;
  /** What the MFA area reads; undefined: the built-in Monosign profile; null: skip the MFA area. */
  mfa?: MfaCollectionParameters | null;
}

export type CheckRunProgress =
  | { kind: 'started'; runId: string; total: number; servers: string[]; throttle: number }
  | { kind: 'server'; server: string; outcome: 'collected' | 'unreachable'; done: number; total: number }
  | { kind: 'sync-server'; server: string }
  | { kind: 'warning'; server: string | null; message: string }
  | { kind: 'collected'; done: number; total: number };

export interface CheckRunDeps {
  source: CollectionSource;
  assemble: FactsAssembler;
  now: () => Date;
  newRunId?: () => string;
  /** The proof history (storage/proof-history.ts): ad.delegation and the checks a proof contradicts use it. */
  proofs?: readonly KeptProof[];
}

export interface CheckRunOptions {
  signal: AbortSignal;
  onProgress?: (progress: CheckRunProgress) => void;
  /**
   * On cancel, keep what was collected: the run is assembled from the servers that answered, the others marked
   * not collected (cancelled). Without it (the CLI) a cancel throws the abort reason.
   */
  keepOnCancel?: boolean;
}

export interface CheckRunOutcome {
  request: CollectionRequest;
  savedFacts: SavedFacts;
  results: ServerEvaluation[];
  totals: StatusTotals;
  evaluatedAt: Date;
  /** Host errors, warnings and stray lines of the run, kept for the log and the report. */
  warnings: string[];
  /** Set when the admin cancelled: how many Exchange servers had answered of how many. */
  cancelled: { collected: number; total: number } | null;
}

/** Why a server has no facts in a cancelled run: said on its detail instead of a connection cause. */
export const cancelledBeforeAnswer = 'Not collected: the check was cancelled before this server answered.';

/** The collection produced nothing to evaluate: PowerShell itself failed (script missing, policy, crash). */
export class CollectionFailedError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(
      `The collection returned no results${errors.length > 0 ? `: ${errors.slice(0, 3).join(' | ')}` : ''}`,
    );
    this.name = 'CollectionFailedError';
  }
}

function errorMessage(data: unknown): string {
  const parsed = ErrorRecordData.safeParse(data);
  return parsed.success ? parsed.data.message : 'unreachable';
}

/** Collects the estate once, streams per-server progress, assembles the facts and evaluates them. */
export async function runCheck(
  target: CheckTarget,
  deps: CheckRunDeps,
  options: CheckRunOptions,
): Promise<CheckRunOutcome> {
  const request = CollectionRequest.parse({
    runId: (deps.newRunId ?? randomUUID)(),
    exchangeServers: target.exchangeServers,
    syncServers: target.syncServers,
    serviceAccount: target.serviceAccount,
    throttle: target.throttle,
    timeoutSeconds: target.timeoutSeconds,
    mfa: target.mfa === null ? undefined : (target.mfa ?? mfaCollectionParameters(monosignProfile)),
  });
  const progress = options.onProgress ?? (() => undefined);
  const total = request.exchangeServers.length;
  const exchangeServers = new Set(request.exchangeServers);
  const answered = new Set<string>();
  const lines: CollectionLine[] = [];
  const warnings: string[] = [];
  let sawDone = false;
  const collectedAt = deps.now();
  progress({
    kind: 'started',
    runId: request.runId,
    total,
    servers: [...request.exchangeServers],
    throttle: request.throttle,
  });

  const onLine = (line: CollectionLine) => {
    // A line of another run (a shell reused after a crash) must never be mixed into this one.
    if (line.runId !== request.runId) {
      warnings.push(`ignored a line of run ${line.runId}`);
      return;
    }
    lines.push(line);
    const server = line.server?.toLowerCase() ?? null;
    if (line.kind === 'done') sawDone = true;
    else if (line.kind === 'sync-facts' && server !== null) progress({ kind: 'sync-server', server });
    else if (line.kind === 'warning') {
      const message = typeof line.data === 'string' ? line.data : JSON.stringify(line.data);
      warnings.push(server === null ? message : `${server}: ${message}`);
      progress({ kind: 'warning', server, message });
    } else if (line.kind === 'server-facts' || line.kind === 'server-error') {
      // A sync server that could not be read is a warning here; the assembler decides what it means.
      if (server === null || !exchangeServers.has(server)) {
        if (line.kind === 'server-error')
          warnings.push(`${server ?? 'jump host'}: ${errorMessage(line.data)}`);
        return;
      }
      if (answered.has(server)) return;
      answered.add(server);
      const outcome = line.kind === 'server-facts' ? 'collected' : 'unreachable';
      progress({ kind: 'server', server, outcome, done: answered.size, total });
      if (outcome === 'unreachable') warnings.push(`${server}: ${errorMessage(line.data)}`);
    }
  };

  let report: Awaited<ReturnType<CollectionSource['collect']>> | null;
  try {
    report = await deps.source.collect(request, { signal: options.signal, onLine });
  } catch (error) {
    // Whatever the source threw on cancel, the caller gets its own abort reason back.
    if (!options.signal.aborted) throw error;
    report = null;
  }
  if (options.signal.aborted) {
    // Nothing answered: there is nothing to keep, and the cancel is said as such.
    if (options.keepOnCancel !== true || answered.size === 0) throw options.signal.reason;
    return cancelledOutcome(request, lines, answered, deps, warnings, report);
  }
  if (report === null) throw new CollectionFailedError([]);
  warnings.push(
    ...report.errors,
    ...report.warnings,
    ...report.unreadLines.map((line) => `unread line: ${line}`),
  );
  if (lines.length === 0) throw new CollectionFailedError(report.errors);
  if (!sawDone) warnings.push('the collection ended without its done line: some servers may be missing');
  progress({ kind: 'collected', done: answered.size, total });

  const savedFacts = deps.assemble({ request, lines, collectedAt });
  const evaluatedAt = deps.now();
  const results = evaluateSavedFacts(savedFacts, evaluatedAt, deps.proofs);
  return {
    request,
    savedFacts,
    results,
    totals: countStatuses(results.flatMap((server) => server.results)),
    evaluatedAt,
    warnings,
    cancelled: null,
  };
}

/** A cancelled run: the servers that answered as collected, every other one not collected because of the cancel. */
function cancelledOutcome(
  request: CollectionRequest,
  lines: readonly CollectionLine[],
  answered: ReadonlySet<string>,
  deps: CheckRunDeps,
  warnings: string[],
  report: Awaited<ReturnType<CollectionSource['collect']>> | null,
): CheckRunOutcome {
  if (report !== null) warnings.push(...report.errors, ...report.warnings);
  const collectedAt = deps.now();
  // Only whole answers: a line of a server that had not finished must not half-fill its facts.
  const kept = lines.filter(
    (line) =>
      line.server === null ||
      line.server === undefined ||
      !request.exchangeServers.includes(line.server.toLowerCase()) ||
      answered.has(line.server.toLowerCase()),
  );
  const assembled = deps.assemble({ request, lines: kept, collectedAt });
  const savedFacts: SavedFacts = {
    ...assembled,
    servers: assembled.servers.map((server) =>
      server.status === 'unreachable' && !answered.has(server.fqdn.toLowerCase())
        ? {
            ...server,
            failure: {
              cause: 'unknown',
              message: cancelledBeforeAnswer,
              remedy: 'Check this server again, or check all again.',
            },
          }
        : server,
    ),
  };
  const evaluatedAt = deps.now();
  const results = evaluateSavedFacts(savedFacts, evaluatedAt, deps.proofs);
  return {
    request,
    savedFacts,
    results,
    totals: countStatuses(results.flatMap((server) => server.results)),
    evaluatedAt,
    warnings,
    cancelled: { collected: answered.size, total: request.exchangeServers.length },
  };
}

/** The run's progress as the IPC operation events the renderer already shows. */
export function toOperationProgress(operationId: string, progress: CheckRunProgress): OperationProgress {
  switch (progress.kind) {
    case 'started':
      return {
        kind: 'started',
        operationId,
        title: `Checking ${progress.total} Exchange server${progress.total === 1 ? '' : 's'}`,
        items: progress.servers,
        concurrency: progress.throttle,
      };
    case 'server':
      return {
        kind: 'step',
        operationId,
        message: `${progress.server}: ${progress.outcome} (${progress.done}/${progress.total})`,
      };
    case 'sync-server':
      return { kind: 'step', operationId, message: `${progress.server}: sync server read` };
    case 'warning':
      return {
        kind: 'step',
        operationId,
        message: `${progress.server === null ? '' : `${progress.server}: `}warning: ${progress.message}`,
      };
    case 'collected':
      return {
        kind: 'step',
        operationId,
        message: `Collected ${progress.done} of ${progress.total} servers; evaluating`,
      };
  }
}
