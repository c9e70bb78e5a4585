import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { SavedFacts } from '../../shared/facts/saved-facts';
import type { SavedRun } from '../../shared/runs/run-records';
import { evaluateSavedFacts } from '../checks/evaluate-estate';
import type { LabEstate } from '../lab/lab-estate';
import { monosignProfile } from '../../shared/integrations/monosign-profile';
import type { InvokeHandlers } from '../ipc/router';
import { AuditLog } from '../audit/audit-log';
import { assembleFacts } from '../facts/facts-assembler';
import { renderReport } from '../reports/report-formats';
import { reportFromRun } from '../reports/report-from-run';
import { tenantRunForReport } from '../reports/report-tenant-run';
import { compareRuns } from '../reports/compare-runs';
import type { PrintToPdf } from '../reports/report-pdf';
import { RunHistory, savedRunOf } from '../storage/run-history';
import { ProofHistory } from '../storage/proof-history';
import type { KeptProof } from '../../shared/prove/kept-proof';
import { writeFileAtomic } from '../storage/atomic-file';
import { runForWindow } from '../webconfig/window-safe-run';
import { protectFactsSecrets, type RunKeySource } from '../webconfig/run-webconfig-protection';
import { runCheck, toOperationProgress, type CheckRunProgress, type CheckTarget } from './check-run-service';
import type { CollectionSource } from './collection-source';
import type { InventoryService } from './inventory-service';
import { labTarget, openLabCollection, simulatedAssembler } from './lab-collection';

export interface CheckRunsConfig {
  userDataDir: string;
  appVersion: string;
  now: () => Date;
  labs: Readonly<Record<string, LabEstate>>;
  /** The real collection (PowerShell on the jump host); opened per run, closed after. */
  openCollection: () => Promise<{ source: CollectionSource; close(): Promise<void> }>;
  printToPdf: PrintToPdf;
  /** Asks the admin where to save (main shows Windows' dialog); null when cancelled. */
  chooseSaveFile: (suggestedName: string, extension: string) => Promise<string | null>;
  knownSecrets: () => Iterable<string>;
  operator: () => string;
  /** The install key web.config secrets in saved runs are hashed and sealed with (this process's own by default). */
  runKey?: RunKeySource;
}

type CheckRunsHandlers = Pick<
  InvokeHandlers,
  'check:run' | 'runs:list' | 'runs:open' | 'runs:delete' | 'runs:compare' | 'report:export'
>;

/** Check runs, their history and their reports, for the window (the CLI has its own commands over the same parts). */
export function createCheckRunsHandlers(
  config: CheckRunsConfig,
  inventory: InventoryService,
): {
  handlers: CheckRunsHandlers;
  recheckServer: (server: string, labName?: string | null) => Promise<void>;
} {
  const history = new RunHistory(config.userDataDir, config.runKey);
  const auditLog = new AuditLog(join(config.userDataDir, 'audit.jsonl'));
  const proofs = new ProofHistory(config.userDataDir);

  /** Collects, evaluates and saves one run; what `check:run` and the re-check after a change share. */
  async function checkAndSave(
    target: CheckTarget,
    lab: LabEstate | undefined,
    signal: AbortSignal,
    onProgress: (progress: CheckRunProgress) => void,
    mergeInto: SavedRun | null = null,
  ) {
    // A whole run keeps what it collected when cancelled; a one-server re-check has nothing to keep.
    const keepOnCancel = mergeInto === null && target.exchangeServers.length > 1;
    if (target.exchangeServers.length === 0) throw new Error('Add Exchange servers to the inventory first.');
    const opened = lab === undefined ? await config.openCollection() : openLabCollection(lab, config.now);
    try {
      const outcome = await runCheck(
        target,
        {
          source: opened.source,
          assemble: lab === undefined ? assembleFacts : simulatedAssembler(assembleFacts),
          now: config.now,
          proofs: await proofs.list(),
        },
        { signal, onProgress, keepOnCancel },
      );
      // Merged facts are judged as saved: the fresh server's secrets hashed with the same key as the others'.
      const run =
        mergeInto === null
          ? savedRunOf(outcome, config.now())
          : mergedRun(
              mergeInto,
              protectFactsSecrets(outcome.savedFacts, await history.keySource()),
              await proofs.list(),
            );
      const summary = await history.save(run);
      return { ...summary, warnings: outcome.warnings, cancelled: outcome.cancelled };
    } finally {
      await opened.close();
    }
  }

  /**
   * The newest run with one server's facts replaced, re-evaluated as a whole: checks that compare servers
   * (module version drift, same settings everywhere) keep judging against the other servers.
   */
  function mergedRun(previous: SavedRun, fresh: SavedFacts, kept: readonly KeptProof[]): SavedRun {
    const replaced = new Map(fresh.servers.map((server) => [server.fqdn, server]));
    const savedFacts: SavedFacts = {
      ...previous.savedFacts,
      collectedAt: fresh.collectedAt,
      servers: previous.savedFacts.servers.map((server) => replaced.get(server.fqdn) ?? server),
    };
    const evaluatedAt = config.now();
    return {
      schemaVersion: 1,
      runId: randomUUID(),
      sequence: 0,
      savedAt: evaluatedAt.toISOString(),
      evaluatedAt: evaluatedAt.toISOString(),
      savedFacts,
      results: evaluateSavedFacts(savedFacts, evaluatedAt, kept),
    };
  }

  /** Re-collects one server; saved as the newest run merged into the one before it (a fix, or "check this server"). */
  async function checkOneServer(
    server: string,
    labName: string | null,
    signal: AbortSignal,
    onProgress: (progress: CheckRunProgress) => void,
  ) {
    const lab = labName === null ? undefined : config.labs[labName];
    const estate = await inventory.get();
    const base = lab === undefined ? null : labTarget(lab);
    const known = base?.exchangeServers ?? estate.exchangeServers.map((entry) => entry.fqdn);
    if (!known.some((fqdn) => fqdn.toLowerCase() === server.toLowerCase()))
      throw new Error(
        `${server} is not an Exchange server of ${lab === undefined ? 'the inventory' : 'the demo estate'}`,
      );
    const newest = (await history.list())[0];
    const previous = newest === undefined ? null : await history.open(newest.runId);
    const mergeInto =
      previous !== null &&
      previous.savedFacts.simulated === (lab === undefined ? undefined : true) &&
      previous.savedFacts.servers.some((entry) => entry.fqdn === server)
        ? previous
        : null;
    return checkAndSave(
      {
        exchangeServers: [server],
        syncServers: base?.syncServers ?? estate.syncServers.map((sync) => sync.fqdn),
        serviceAccount: base === null ? estate.serviceAccount : base.serviceAccount,
      },
      lab,
      signal,
      onProgress,
      mergeInto,
    );
  }

  /** The re-check after a change: no progress shown, nothing to cancel. */
  const recheckServer = async (server: string, labName: string | null = null): Promise<void> => {
    await checkOneServer(server, labName, new AbortController().signal, () => undefined);
  };

  const handlers: CheckRunsHandlers = {
    'check:run': async (request, context) => {
      const emit = (progress: CheckRunProgress) =>
        context.events.emit('operation:progress', toOperationProgress(request.operationId, progress));
      if (request.server !== undefined) {
        const summary = await checkOneServer(request.server, request.lab, context.signal, emit);
        context.events.emit('operation:progress', { kind: 'finished', operationId: request.operationId });
        return summary;
      }
      const lab = request.lab === null ? undefined : config.labs[request.lab];
      let target: CheckTarget;
      if (lab !== undefined) target = labTarget(lab);
      else {
        const estate = await inventory.get();
        target = {
          exchangeServers: estate.exchangeServers.map((server) => server.fqdn),
          syncServers: estate.syncServers.map((server) => server.fqdn),
          serviceAccount: estate.serviceAccount,
        };
      }
      const run = await checkAndSave(target, lab, context.signal, emit);
      context.events.emit('operation:progress', {
        kind: run.cancelled === null ? 'finished' : 'cancelled',
        operationId: request.operationId,
      });
      return run;
    },
    'runs:list': () => history.list(),
    'runs:open': async (request) =>
      runForWindow(await history.open(request.runId), monosignProfile, [...config.knownSecrets()]),
    'runs:delete': async (request) => {
      await history.delete(request.runId);
      return { deleted: true };
    },
    'runs:compare': async (request) =>
      compareRuns(await history.open(request.before), await history.open(request.after)),
    'report:export': async (request) => {
      const run = await history.open(request.runId);
      const path = await config.chooseSaveFile(
        `ExReady-readiness-${run.runId}.${request.format}`,
        request.format,
      );
      if (path === null) return { saved: false, path: null };
      const report = reportFromRun(
        run,
        await history.list(),
        await auditLog.entries(),
        {
          appVersion: config.appVersion,
          operator: config.operator(),
          now: config.now,
          knownSecrets: config.knownSecrets(),
          proofs: await proofs.list(),
        },
        await tenantRunForReport(config.userDataDir, run.savedFacts.simulated === true),
      );
      await writeFileAtomic(path, await renderReport(report, request.format, config.printToPdf));
      return { saved: true, path };
    },
  };
  return { handlers, recheckServer };
}
