import { parseArgs } from 'node:util';
import { describeFqdnProblem } from '../../../shared/domain/hostname';
import type { KeptProof } from '../../../shared/prove/kept-proof';
import { reportProofOf } from '../../../shared/reports/report-proof';
import { webProbeSummary } from '../../prove/web-proof';
import { ProofHistory } from '../../storage/proof-history';
import { userDataDir } from '../../user-data-dir';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';

export const proveListUsage = `Usage: exready prove --list [--server FQDN] [--json]

Lists the kept proofs (the proof history in the user-data folder), newest first: the Remote PowerShell
proofs (sync server -> Exchange server, the first hop that failed and why) and the OWA/ECP probes, each
with its audit entry. None holds a password.
`;

function parseListArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        list: { type: 'boolean' },
        server: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // node:util names the option ("Unknown option '--x'"): that is the usage error.
    throw new CliUsageError(`prove --list: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One line of the list: when, what, where from and to, how it ended, its audit entry. */
function proofLine(proof: KeptProof): string {
  const label = proof.simulated ? '  SIMULATED' : '';
  if (proof.kind === 'web')
    return `${proof.at}  web                ${proof.exchangeServer}  ${proof.outcome}: ${webProbeSummary(proof.result)}  (audit ${proof.auditId})${label}`;
  const cell = reportProofOf({ ...proof, simulated: false }).text;
  return `${proof.at}  remote-powershell  ${proof.syncServer} -> ${proof.exchangeServer}  ${cell}  (audit ${proof.auditId})${label}`;
}

/** `exready prove --list`: the proofs the history keeps, for the admin to see what later checks use. */
export async function runProveListCommand(
  args: readonly string[],
  io: CliIo,
  deps: { userDataDir?: string } = {},
): Promise<ExitCode> {
  const values = parseListArgs(args);
  if (values.help === true) {
    io.stdout(proveListUsage);
    return ExitCode.ok;
  }
  const server = values.server?.trim();
  if (server !== undefined) {
    const problem = describeFqdnProblem(server);
    if (problem !== null) throw new CliUsageError(`prove --list: --server '${server}' ${problem}`);
  }
  const history = new ProofHistory(deps.userDataDir ?? userDataDir());
  const proofs = (await history.list()).filter(
    (proof) => server === undefined || proof.exchangeServer === server.toLowerCase(),
  );
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ folder: history.folder, proofs }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (proofs.length === 0) {
    io.stdout(`No proof is kept${server === undefined ? '' : ` for ${server}`} (${history.folder}).\n`);
    return ExitCode.ok;
  }
  io.stdout(
    `${proofs.length} kept proof${proofs.length === 1 ? '' : 's'}, newest first (${history.folder}):\n`,
  );
  for (const proof of proofs) io.stdout(`  ${proofLine(proof)}\n`);
  return ExitCode.ok;
}
