import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CheckResult } from '../../../shared/checks/check-result';
import { describeFqdnProblem } from '../../../shared/domain/hostname';
import { describeServiceAccountProblem } from '../../../shared/domain/service-account';
import { hex } from '../../../shared/prove/hop-failure-classes';
import type {
  ClassifiedHop,
  DelegationProof,
  ProofCheckNote,
  ProofOutcome,
} from '../../../shared/prove/proof-findings';
import {
  defaultSecondHop,
  SecondHopTarget,
  type ProofHopId,
  type ProofScriptResult,
} from '../../../shared/prove/proof-result';
import type { AuditLog } from '../../audit/audit-log';
import type { ProofHistory } from '../../storage/proof-history';
import { simulatableFailures } from '../../lab/demo-proof';
import { runAuditedConnectionProof, type ProofContext } from '../../prove/connection-proof-run';
import type { LabEstate } from '../../lab/lab-estate';
import type { ConnectionProofRequest } from '../../services/connection-proof-service';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { secretEnvName, type SecretSources } from '../secret-input';

export const proveUsage = `Usage: exready prove --server <fqdn> [--sync-server <fqdn>] [--second-hop <url>] [options]

Proves the sync service's own connection path once: from the sync server, hop 1 opens a PowerShell
session to the Exchange server over HTTPS 5986 as the service account; inside it, hop 2 opens the
Exchange endpoint (default http://<server>/PowerShell, Microsoft.Exchange, Kerberos) and runs
Get-ExchangeServer <server>. Both sessions are closed; nothing is changed. Each hop is printed with its
outcome, time and classified error, and the proof is recorded in the audit log (without the password).

Options:
  --server <fqdn>              The Exchange server to prove.
  --sync-server <fqdn>         Where the sync service runs (default: the newest check run's first sync server).
  --service-account <name>     DOMAIN\\name or name@domain (default: the newest check run's).
  --second-hop <url>           The second hop's endpoint instead of http://<server>/PowerShell.
  --password-from-file <file>  Read the service account's password from a file; otherwise from
                               ${secretEnvName('service_account_password')} or a no-echo prompt (never argv).
  --powershell <path>          The PowerShell to run (default: Windows PowerShell 5.1).
  --lab demo                   Prove the built-in simulated estate (no PowerShell, no password; SIMULATED).
  --simulate <class>           With --lab: show this failure class instead of the server's own story.
  --json                       Print the proof as JSON.
  -h, --help                   Show this help.

Each proof is kept in the proof history (without the password): later checks use it for ad.delegation
and say where it contradicts them, and reports show it in their Proved column. List them with
exready prove --list [--json].

Exit codes: 0 every hop worked, 1 a hop failed, 2 bad input.
`;

export type { ProofContext } from '../../prove/connection-proof-run';

export interface ProveCommandDeps {
  audit: AuditLog;
  /** Where every proof is kept once its audit entry is complete. */
  proofs: Pick<ProofHistory, 'save'>;
  operator: string;
  secretSources: SecretSources;
  labs: Readonly<Record<string, LabEstate>>;
  /** The real proof, on the PowerShell named (null: the default). */
  runProof(request: ConnectionProofRequest, powershell: string | null): Promise<ProofScriptResult>;
  /** The server's checks from the newest check run (a lab's from the lab); null when none read it. */
  context(server: string, lab: LabEstate | null, now: Date): Promise<ProofContext | null>;
}

interface ProveOptions {
  server: string;
  syncServer: string | null;
  serviceAccount: string | null;
  secondHop: string | null;
  passwordFile: string | null;
  powershell: string | null;
  lab: string | null;
  simulate: string | null;
  json: boolean;
}

const valueOptions: Record<string, keyof ProveOptions> = {
  '--server': 'server',
  '--sync-server': 'syncServer',
  '--service-account': 'serviceAccount',
  '--second-hop': 'secondHop',
  '--password-from-file': 'passwordFile',
  '--powershell': 'powershell',
  '--lab': 'lab',
  '--simulate': 'simulate',
};

function parseProveArgs(args: readonly string[]): ProveOptions | 'help' {
  const given: Partial<Record<keyof ProveOptions, string>> = {};
  let json = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--password' || arg.startsWith('--password='))
      throw new CliUsageError(
        `--password puts the service account's password in the process list, which every local user can read: give it with --password-from-file, ${secretEnvName('service_account_password')} or at the prompt`,
      );
    // `prove --web` (the OWA/ECP probe) is routed to its own command before this parser runs.
    if (arg === '--web') throw new CliUsageError('prove --web takes the OWA/ECP probe options only');
    const key = valueOptions[arg];
    if (key === undefined) throw new CliUsageError(`prove: unknown option '${arg}'`);
    const value = args[index + 1];
    if (value === undefined || value.startsWith('--')) throw new CliUsageError(`prove: ${arg} needs a value`);
    if (given[key] !== undefined) throw new CliUsageError(`prove: ${arg} is given twice`);
    given[key] = value;
    index += 1;
  }
  if (given.server === undefined) throw new CliUsageError('prove: --server <fqdn> is required');
  for (const [option, value] of [
    ['--server', given.server],
    ['--sync-server', given.syncServer],
  ] as const) {
    const problem = value === undefined ? null : describeFqdnProblem(value);
    if (problem !== null) throw new CliUsageError(`prove: ${option} '${value}': ${problem}`);
  }
  if (given.serviceAccount !== undefined) {
    const problem = describeServiceAccountProblem(given.serviceAccount);
    if (problem !== null)
      throw new CliUsageError(`prove: --service-account '${given.serviceAccount}': ${problem}`);
  }
  if (given.simulate !== undefined && given.lab === undefined)
    throw new CliUsageError(
      'prove: --simulate only works with --lab (a real proof shows what really happens)',
    );
  if (given.simulate !== undefined && !simulatableFailures.includes(given.simulate))
    throw new CliUsageError(
      `prove: --simulate '${given.simulate}' is not one of ${simulatableFailures.join(', ')}`,
    );
  return {
    server: given.server,
    syncServer: given.syncServer ?? null,
    serviceAccount: given.serviceAccount ?? null,
    secondHop: given.secondHop ?? null,
    passwordFile: given.passwordFile ?? null,
    powershell: given.powershell ?? null,
    lab: given.lab ?? null,
    simulate: given.simulate ?? null,
    json,
  };
}

function secondHopOf(options: ProveOptions): SecondHopTarget {
  const fallback = defaultSecondHop(options.server);
  if (options.secondHop === null) return fallback;
  const parsed = SecondHopTarget.safeParse({ ...fallback, uri: options.secondHop });
  if (!parsed.success || !/^https?:\/\//i.test(options.secondHop))
    throw new CliUsageError(`prove: --second-hop '${options.secondHop}' is not an http:// or https:// URL`);
  return parsed.data;
}

/** The password from --password-from-file, the environment or the no-echo prompt; never from argv. */
async function servicePassword(options: ProveOptions, sources: SecretSources): Promise<string> {
  if (options.passwordFile !== null) {
    try {
      return (await readFile(resolve(options.passwordFile), 'utf8')).replace(/\r?\n$/, '');
    } catch {
      throw new CliUsageError(`prove: --password-from-file ${options.passwordFile} cannot be read`);
    }
  }
  const fromEnv = sources.env[secretEnvName('service_account_password')];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (sources.prompt !== null) {
    const typed = await sources.prompt("The service account's password");
    if (typed !== '') return typed;
  }
  throw new CliUsageError(
    `prove: the service account's password is needed: give it with --password-from-file, ${secretEnvName('service_account_password')} or at the prompt`,
  );
}

const hopNames: Record<ProofHopId, string> = {
  'sync-server': 'reach the sync server',
  'winrm-https': 'hop 1 WinRM HTTPS 5986',
  'exchange-endpoint': 'hop 2 Exchange endpoint',
  'exchange-cmdlet': 'Get-ExchangeServer',
};

function hopLines(hop: ClassifiedHop): string[] {
  const time = hop.outcome === 'not-run' ? '' : ` ${hop.durationMs} ms`;
  const lines = [`  ${hopNames[hop.hop].padEnd(26)} ${hop.outcome.padEnd(9)}${time}  ${hop.target}`];
  if (hop.error !== null) {
    const code = hop.error.transportErrorCode;
    const facts = [
      hop.error.fullyQualifiedErrorId,
      code === null ? null : `ErrorCode ${code} (${hex(code)})`,
      hop.error.hResult === null ? null : `HResult ${hex(hop.error.hResult)}`,
      hop.error.exceptionTypes.at(-1) ?? null,
    ].filter((part): part is string => part !== null && part !== '');
    lines.push(
      `      because ${hop.failure?.label ?? 'of an unrecognised error'} [${hop.failure?.id ?? 'unrecognised'}]`,
    );
    lines.push(`      error: ${facts.join(' · ')}`);
    lines.push(`      ${hop.error.message}`);
    if (hop.failure !== null) lines.push(`      remedy: ${hop.failure.remedy}`);
  }
  return lines;
}

function textReport(
  proof: ProofOutcome,
  delegation: DelegationProof,
  delegationVerdict: CheckResult | null,
  notes: readonly ProofCheckNote[],
  auditId: number,
): string {
  const { result } = proof;
  const label = proof.simulated ? ' (SIMULATED)' : '';
  const lines = [
    `Proving the sync service's path to ${result.exchangeServer} from ${result.syncServer} as ${result.serviceAccount}${label}`,
    ...proof.hops.flatMap(hopLines),
  ];
  if (result.exchangeServerSeen !== null)
    lines.push(
      `  Exchange answered: ${result.exchangeServerSeen.name} ${result.exchangeServerSeen.version ?? ''}`.trimEnd(),
    );
  if (delegation.kind !== 'unconstrained') lines.push(`Delegation: ${delegation.text}`);
  if (delegationVerdict !== null)
    lines.push(`  ad.delegation with this proof: ${delegationVerdict.status}: ${delegationVerdict.summary}`);
  for (const note of notes)
    lines.push(
      `Check ${note.checkId} (${note.checkStatus}) ${note.relation === 'contradicts' ? 'CONTRADICTED' : 'confirmed'}: ${note.text}`,
    );
  lines.push(
    `Proof ${proof.outcome === 'succeeded' ? 'succeeded' : 'FAILED'}${label} (audit entry ${auditId})`,
  );
  return `${lines.join('\n')}\n`;
}

export async function runProveCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  deps: ProveCommandDeps,
): Promise<ExitCode> {
  const options = parseProveArgs(args);
  if (options === 'help') {
    io.stdout(proveUsage);
    return ExitCode.ok;
  }
  const lab = options.lab === null ? null : deps.labs[options.lab];
  if (lab === undefined) throw new CliUsageError(`prove: there is no lab named '${options.lab ?? ''}'`);
  const context = await deps.context(options.server, lab, now());
  if (lab !== null && context === null)
    throw new CliUsageError(`prove: ${options.server} is not a server of the lab '${options.lab ?? ''}'`);
  const syncServer = options.syncServer ?? context?.syncServers[0] ?? null;
  if (syncServer === null)
    throw new CliUsageError('prove: --sync-server <fqdn> is required (no check run names a sync server)');
  const serviceAccount = options.serviceAccount ?? context?.serviceAccount ?? null;
  if (serviceAccount === null)
    throw new CliUsageError('prove: --service-account <name> is required (no check run names the account)');
  const secondHop = secondHopOf(options);
  // A lab proof is simulated: it asks for no password, so none is ever typed for it.
  const password = lab === null ? await servicePassword(options, deps.secretSources) : null;

  const run = await runAuditedConnectionProof(
    {
      exchangeServer: options.server,
      syncServer,
      serviceAccount,
      secondHop,
      simulate: options.simulate,
      lab: lab === null ? null : { name: options.lab ?? '', estate: lab },
      password,
    },
    {
      audit: deps.audit,
      operator: deps.operator,
      now,
      runProof: (request) => deps.runProof(request, options.powershell),
      context,
      proofs: deps.proofs,
    },
  );
  if (run.kind === 'could-not-run') {
    io.stderr(`exready: the proof could not run: ${run.error}\n`);
    return ExitCode.failed;
  }
  if (run.kind === 'not-in-lab')
    throw new CliUsageError(`prove: ${syncServer} is not a sync server of the lab '${options.lab ?? ''}'`);
  if (run.kind === 'refused') {
    io.stderr(`exready: the proof script refused the request: ${run.refused}\n`);
    return ExitCode.badInput;
  }
  const { auditId, proof, delegation, delegationVerdict, notes } = run;
  const { result } = proof;
  if (options.json) {
    const failureOf = (hop: ClassifiedHop) =>
      hop.failure === null
        ? null
        : {
            id: hop.failure.id,
            label: hop.failure.label,
            remedy: hop.failure.remedy,
            predictedBy: hop.failure.predictedBy,
          };
    io.stdout(
      `${JSON.stringify(
        {
          simulated: proof.simulated,
          outcome: proof.outcome,
          auditId,
          syncServer: result.syncServer,
          exchangeServer: result.exchangeServer,
          serviceAccount: result.serviceAccount,
          secondHop: result.secondHop,
          hops: proof.hops.map((hop) => ({ ...hop, failure: failureOf(hop) })),
          exchangeServerSeen: result.exchangeServerSeen,
          delegation,
          delegationVerdict,
          checks: notes,
        },
        null,
        2,
      )}\n`,
    );
  } else io.stdout(textReport(proof, delegation, delegationVerdict, notes, auditId));
  return proof.outcome === 'succeeded' ? ExitCode.ok : ExitCode.failed;
}
