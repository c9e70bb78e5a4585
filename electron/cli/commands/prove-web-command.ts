import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFqdnProblem } from '../../../shared/domain/hostname';
import { AuditLog } from '../../audit/audit-log';
import { currentOperator } from '../../audit/operator';
import { demoEstate } from '../../lab/demo-estate';
import type { LabEstate } from '../../lab/lab-estate';
import { probeWebApps, type WebProbeOptions, type WebProbeResult } from '../../prove/web-probe';
import { labEvaluationWithMfa, labWebProbe } from '../../prove/web-probe-lab';
import { latestMfaView } from '../../prove/proof-context';
import { recordWebProof, webProbeSummary } from '../../prove/web-proof';
import { ProofHistory } from '../../storage/proof-history';
import { RunHistory } from '../../storage/run-history';
import { userDataDir } from '../../user-data-dir';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';

export const proveWebUsage = `Usage: exready prove --web --server FQDN [--idp-host HOST ...] [--app owa|ecp] [--expect-module|--expect-no-module] [--lab demo] [--json]

Probes https://FQDN/owa/ and /ecp/ from this machine as a browser would (redirects followed, at most 5;
certificate errors reported, never ignored) and their health check pages, then records the proof in the
audit log. A redirect to the identity provider (--idp-host, by default the MFA API's host from the newest
run) means the MFA module answers; /owa/auth/errorFE.aspx?httpCode=500 is the module's documented failure.
`;

export interface ProveWebDeps {
  userDataDir?: string;
  labs?: Record<string, LabEstate>;
  /** Test seam: trust roots and name resolution for a stand-in. */
  probeOptions?: Pick<WebProbeOptions, 'ca' | 'lookup' | 'port'>;
}

function printResult(io: CliIo, result: WebProbeResult, auditId: number): void {
  if (result.simulated) io.stdout('SIMULATED: lab outcomes, no server was contacted\n');
  io.stdout(`OWA/ECP probe of ${result.server}: ${result.status.toUpperCase()} (audit entry ${auditId})\n`);
  for (const probe of result.apps) {
    io.stdout(
      `  ${probe.app.padEnd(4)} ${probe.status.toUpperCase().padEnd(7)} ${probe.probeClass}: ${probe.meaning}\n`,
    );
    for (const hop of probe.hops)
      io.stdout(`       ${hop.url} -> ${hop.httpStatus}${hop.location === null ? '' : ` ${hop.location}`}\n`);
    if (probe.error !== null) io.stdout(`       error ${probe.error.code}: ${probe.error.message}\n`);
    if (probe.status !== 'pass') io.stdout(`       Remedy: ${probe.remedy}\n`);
  }
  for (const item of result.health)
    io.stdout(
      `  ${item.app.padEnd(4)} ${item.status.toUpperCase().padEnd(7)} health check ${item.url}: ${item.httpStatus ?? item.error?.code ?? 'no answer'}${item.excerpt === null ? '' : ` "${item.excerpt}"`}\n`,
    );
}

function parseProveWebArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        web: { type: 'boolean' },
        server: { type: 'string' },
        'idp-host': { type: 'string', multiple: true },
        app: { type: 'string', multiple: true },
        'expect-module': { type: 'boolean' },
        'expect-no-module': { type: 'boolean' },
        lab: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // node:util names the option ("Unknown option '--x'"): that is the usage error.
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `exready prove --web --server FQDN`: the OWA/ECP probe on demand, audited. */
export async function runProveWebCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  deps: ProveWebDeps = {},
): Promise<ExitCode> {
  const values = parseProveWebArgs(args);
  if (values.help === true) {
    io.stdout(proveWebUsage);
    return ExitCode.ok;
  }
  // Validated before lower-casing, so a look-alike (the Kelvin sign) is refused rather than turned into "k".
  const given = (values.server ?? '').trim();
  const problem = given === '' ? 'is required' : describeFqdnProblem(given);
  const server = given.toLowerCase();
  if (problem !== null)
    throw new CliUsageError(
      `--server ${problem === 'is required' ? 'FQDN is required' : `"${values.server}" ${problem}`}`,
    );
  const apps = (values.app ?? ['owa', 'ecp']).map((app) => {
    if (app !== 'owa' && app !== 'ecp') throw new CliUsageError(`--app "${app}" is not owa or ecp`);
    return app;
  });
  for (const host of values['idp-host'] ?? []) {
    const hostProblem = describeFqdnProblem(host);
    if (hostProblem !== null) throw new CliUsageError(`--idp-host "${host}" ${hostProblem}`);
  }
  const lab = values.lab ?? null;
  const estate = lab === null ? null : (deps.labs ?? { demo: demoEstate })[lab];
  if (lab !== null && estate === undefined) throw new CliUsageError(`there is no lab "${lab}"`);
  const dir = deps.userDataDir ?? userDataDir();
  const view = await latestMfaView(new RunHistory(dir), server, lab !== null);
  const idpHosts = values['idp-host'] ?? (view.idpHost === null ? [] : [view.idpHost]);
  const expectModule =
    values['expect-module'] === true ? true : values['expect-no-module'] === true ? false : view.expectModule;
  const probe = async (): Promise<WebProbeResult> => {
    if (estate === null || estate === undefined)
      return probeWebApps({ server, apps, idpHosts, expectModule, ...deps.probeOptions }, now);
    const evaluation = (await labEvaluationWithMfa(estate, now())).find((item) => item.fqdn === server);
    if (evaluation === undefined) throw new CliUsageError(`${server} is not a server of the lab "${lab}"`);
    return labWebProbe(evaluation, { apps, expectModule, idpHost: idpHosts[0] ?? 'mfa.contoso.com' }, now());
  };
  const { result, auditId } = await recordWebProof(
    { server, idpHosts, expectModule, trigger: 'on demand (exready prove --web)' },
    probe,
    {
      audit: new AuditLog(join(dir, 'audit.jsonl')),
      operator: currentOperator(),
      lab,
      proofs: new ProofHistory(dir),
    },
  );
  if (values.json === true)
    io.stdout(`${JSON.stringify({ auditId, ...result, summary: webProbeSummary(result) }, null, 2)}\n`);
  else printResult(io, result, auditId);
  return result.status === 'pass' ? ExitCode.ok : ExitCode.failed;
}
