import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { demoEstate } from '../lab/demo-estate';
import { AuditLog } from '../audit/audit-log';
import { currentOperator } from '../audit/operator';
import { openNodePowerShellHost } from '../powershell/node-powershell-host';
import { chromiumPrintToPdf } from '../reports/report-pdf';
import { locatePowerShellScripts } from '../resource-paths';
import { createCheckRunsHandlers } from '../services/check-runs-handlers';
import { InventoryService } from '../services/inventory-service';
import { openPowerShellCollection } from '../services/powershell-collection';
import { userDataDir } from '../user-data-dir';
import { latestCheckEvidence, latestServerFacts, latestSyncServerFacts } from '../fixes/latest-server-facts';
import { RunHistory } from '../storage/run-history';
import type { FixCommandDeps } from './commands/fix-command';

/** Asks on the terminal (stderr, so --json output stays clean); null when not interactive. */
function terminalPrompt(): FixCommandDeps['prompt'] {
  if (process.stdin.isTTY !== true) return null;
  return async (question) => {
    const terminal = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await terminal.question(question);
    } finally {
      terminal.close();
    }
  };
}

/** What `exready fix` and `exready undo` run on: the app's audit log, inventory and run history, real PowerShell. */
export function fixCommandDependencies(scriptDir: string, now: () => Date): FixCommandDeps {
  const dataDir = userDataDir();
  const scriptsDir = locatePowerShellScripts(scriptDir);
  // Built per re-check so it collects with the PowerShell the fix ran on; its collection is closed after.
  const checks = (executable: string | null) =>
    createCheckRunsHandlers(
      {
        userDataDir: dataDir,
        appVersion: '',
        now,
        labs: { demo: demoEstate },
        openCollection: () => openPowerShellCollection({ executable, scriptsDir, poolSize: 1 }),
        printToPdf: chromiumPrintToPdf,
        chooseSaveFile: () => Promise.resolve(null),
        knownSecrets: () => [],
        operator: currentOperator,
      },
      new InventoryService(dataDir, now),
    );
  return {
    audit: new AuditLog(join(dataDir, 'audit.jsonl')),
    scriptsDir,
    operator: currentOperator(),
    prompt: terminalPrompt(),
    openHost: (executable) => openNodePowerShellHost({ executable, poolSize: 1 }),
    recheck: (server, executable) => checks(executable).recheckServer(server),
    labs: { demo: demoEstate },
    serverFacts: (server) => latestServerFacts(new RunHistory(dataDir), server, false),
    syncServerFacts: (server) => latestSyncServerFacts(new RunHistory(dataDir), server, false),
    checkEvidence: (server, checkId) => latestCheckEvidence(new RunHistory(dataDir), server, checkId),
  };
}
