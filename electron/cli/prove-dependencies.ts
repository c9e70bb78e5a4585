import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { currentOperator } from '../audit/operator';
import { demoEstate } from '../lab/demo-estate';
import { openNodePowerShellHost } from '../powershell/node-powershell-host';
import { locatePowerShellScripts } from '../resource-paths';
import { connectionProofScript, runConnectionProof } from '../services/connection-proof-service';
import { userDataDir } from '../user-data-dir';
import { labProofContext, latestProofContext } from '../prove/proof-context';
import type { ProveCommandDeps } from './commands/prove-command';
import type { SecretSources } from './secret-input';

export { labProofContext, proofContextOf } from '../prove/proof-context';

/** What `exready prove` runs on: the app's audit log and run history, real PowerShell, the demo lab. */
export function proveCommandDependencies(scriptDir: string, secretSources: SecretSources): ProveCommandDeps {
  const dataDir = userDataDir();
  return {
    audit: new AuditLog(join(dataDir, 'audit.jsonl')),
    operator: currentOperator(),
    secretSources,
    labs: { demo: demoEstate },
    runProof: async (request, powershell) => {
      const host = await openNodePowerShellHost({ executable: powershell, poolSize: 1 });
      try {
        return await runConnectionProof(
          host,
          connectionProofScript(locatePowerShellScripts(scriptDir)),
          request,
          new AbortController().signal,
        );
      } finally {
        await host.dispose();
      }
    },
    context: (server, lab, now) =>
      lab !== null ? labProofContext(lab, server, now) : latestProofContext(dataDir, server, now),
  };
}
