import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { currentOperator } from '../audit/operator';
import { demoEstate } from '../lab/demo-estate';
import { defaultPowerShellCandidates, locateExecutable } from '../powershell/executable-locator';
import { locatePowerShellScripts } from '../resource-paths';
import { connectionProofScript, runConnectionProof } from '../services/connection-proof-service';
import { ProofHistory } from '../storage/proof-history';
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
    proofs: new ProofHistory(dataDir),
    operator: currentOperator(),
    secretSources,
    labs: { demo: demoEstate },
    runProof: async (request, powershell) => {
      const candidates = powershell === null ? defaultPowerShellCandidates(process.platform) : [powershell];
      const executable = await locateExecutable(candidates);
      if (executable === null) throw new Error(`no PowerShell found (looked for ${candidates.join(', ')})`);
      return runConnectionProof(
        { executable },
        connectionProofScript(locatePowerShellScripts(scriptDir)),
        request,
        new AbortController().signal,
      );
    },
    context: (server, lab, now) =>
      lab !== null ? labProofContext(lab, server, now) : latestProofContext(dataDir, server, now),
  };
}
