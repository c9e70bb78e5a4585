import { startupNoticeText } from '../../shared/domain/startup-notice';
import { productName } from '../../shared/product';
import { appVersion } from '../app-version';
import { CliUsageError, ExitCode, type CliIo } from './cli-io';
import { demoEstate } from '../lab/demo-estate';
import { assembleFacts } from '../facts/facts-assembler';
import { locatePowerShellScripts } from '../resource-paths';
import { openPowerShellCollection } from '../services/powershell-collection';
import { auditUsage, runAuditCommand } from './commands/audit-command';
import { checkUsage, runCheckCommand } from './commands/check-command';
import { evaluateUsage, runEvaluateCommand } from './commands/evaluate-command';
import { fixUsage, runFixCommand, runUndoCommand } from './commands/fix-command';
import { fixCommandDependencies } from './fix-dependencies';
import { moduleDir } from '../module-dir';
import { runProveCommand, proveUsage } from './commands/prove-command';
import { proveCommandDependencies } from './prove-dependencies';
import { reportUsage, runReportCommand } from './commands/report-command';
import { runWebconfigCommand, webconfigUsage } from './commands/webconfig-command';
import { proveWebUsage, runProveWebCommand } from './commands/prove-web-command';
import { proveListUsage, runProveListCommand } from './commands/prove-list-command';
import { runTenantCommand, tenantUsage } from './commands/tenant-command';
import { demoTenantCases } from '../lab/demo-tenant';
import { demoEwsCases } from '../lab/demo-tenant-ews';
import { openLiveGraphReader } from '../tenant/live-graph-reader-factory';
import { exoLiveReader } from './exo-run-dependencies';
import { terminalSecretPrompt, type SecretSources } from './secret-input';
import { setAsideMalformedSecretsFile, setAsideUnreadableUserData } from '../startup/user-data-recovery';
import { userDataDir } from '../user-data-dir';
import { LabStateError } from '../lab/lab-state-file';
import { openPersistedLabs } from './persisted-labs';

// The commands that read the user-data folder (inventory, runs, audit) check it first, as the app does.
const userDataCommands = new Set(['check', 'fix', 'undo', 'report', 'prove']);

/** Moves unreadable user-data files aside and says on stderr what happened and what was kept. */
async function announceUnreadableUserData(io: CliIo, now: Date): Promise<void> {
  const dir = userDataDir();
  const notices = [
    ...(await setAsideMalformedSecretsFile(dir, now)),
    ...(await setAsideUnreadableUserData(dir, now)),
  ];
  for (const notice of notices) io.stderr(`exready: ${startupNoticeText(notice)}\n`);
}

const helpText = `${productName} ${appVersion}: is this Exchange estate ready for its identity integrations?

Usage: exready <command> [options]

Commands:
  check --servers FQDN,... --sync-server FQDN --service-account DOMAIN\\name
        [--json] [--facts-out FILE] [--report FILE] [--history DIR]
                       Collect the estate's facts (one PowerShell round trip per server) and print the checklist.
  check --lab demo [--reset]
                       The same on the built-in simulated estate (no PowerShell, no servers); what
                       'fix --lab demo' changed is kept between commands until --reset.
  fix --list [--json]  Every fix: its id, title, parameters with their types, and its risk.
  fix --server FQDN --fix ID [--param KEY=VALUE ...] [--yes] [--accept-risk] [--lab demo] [--powershell PATH]
                       Preview a fix, confirm, run it, audit it and re-check the server.
  fix --export plan.ps1 --server FQDN --fix ID [--param ID:KEY=VALUE ...]
                       Write the selected fixes as one idempotent script for a change window.
  undo --audit-id N [--yes] [--lab demo]
                       Undo an audited fix from its before-value (a lab's entry only in that lab).
  audit verify [--audit FILE]
                       Check the audit log's hash chain: OK, or each edited, removed, added or damaged line.
  report --run ID|latest --format html|pdf|json|csv --out FILE [--history DIR]
                       Write the readiness report of a saved check run (no server contacted).
  evaluate --facts FILE [--json]
                       Rebuild the Remote PowerShell checklist from saved facts (no server contacted).
  prove --server FQDN [--sync-server FQDN] [--second-hop URL] [--lab demo] [--powershell PATH] [--json]
                       Prove the sync service's own path once: from the sync server, WinRM HTTPS 5986 as the
                       service account, then the Exchange endpoint with Kerberos and Get-ExchangeServer;
                       each hop with its outcome, time and classified error; the password from
                       --password-from-file, EXREADY_SECRET_SERVICE_ACCOUNT_PASSWORD or a no-echo prompt.
  prove --web --server FQDN [--idp-host HOST] [--lab demo] [--json]
                       Probe OWA and ECP from this machine (redirects, errorFE 500, the IdP, health pages), audited.
  prove --list [--server FQDN] [--json]
                       The kept proofs, newest first: what later checks (ad.delegation) and reports use.
  webconfig plan|apply|rollback --file PATH --profile monosign --app owa|ecp --set KEY=VALUE ...
                       Plan, apply or roll back the MFA module's web.config changes on a local file;
                       secrets from --set-from-file KEY=PATH, EXREADY_SECRET_<KEY> or a no-echo prompt.
  tenant check --recorded FILE | --lab demo | --tenant T --app-id ID --domain FQDN --idp-host FQDN
        [--json] [--report FILE.json]
                       The Microsoft 365 checks (m365.*) of the IdP integration, from a recorded file or the demo.
  tenant runs [--json] [--history DIR]
                       The saved tenant runs, newest first.
  tenant report --run ID|latest --report FILE [--history DIR]
                       Write the report of a saved tenant run (no tenant read).
  help                 Show this help.
  version              Print the version.

Options:
  -h, --help           Show this help (after a command: that command's help).
  -v, --version        Print the version.

Exit codes: 0 nothing failed, 1 a check failed or an edit was refused, 2 bad input.
`;

// Each command's own usage, printed for `exready <command> --help` (or -h) wherever the flag stands.
const commandUsage: Readonly<Record<string, string>> = {
  check: checkUsage,
  fix: fixUsage,
  undo: fixUsage,
  audit: auditUsage,
  report: reportUsage,
  evaluate: evaluateUsage,
  webconfig: webconfigUsage,
  prove: `${proveUsage}\n${proveWebUsage}\n${proveListUsage}`,
  tenant: tenantUsage,
  help: helpText,
  version: 'Usage: exready version\n\nPrints the version.\n',
};

/** The `exready` command line: plain Node over the same services as the app. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  now: () => Date = () => new Date(),
  secretSources: SecretSources = {
    env: process.env,
    prompt: terminalSecretPrompt(process.stdin, process.stderr),
  },
): Promise<ExitCode> {
  const [command, ...rest] = argv;
  const usage = command === undefined ? undefined : commandUsage[command];
  if (usage !== undefined && rest.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout(usage);
    return ExitCode.ok;
  }
  try {
    if (command !== undefined && userDataCommands.has(command)) await announceUnreadableUserData(io, now());
    switch (command) {
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        io.stdout(helpText);
        return ExitCode.ok;
      case 'version':
      case '-v':
      case '--version':
        io.stdout(`${appVersion}\n`);
        return ExitCode.ok;
      case 'check': {
        const labs = await openPersistedLabs(userDataDir(), { demo: demoEstate }, rest, {
          reset: rest.includes('--reset'),
        });
        return await runCheckCommand(rest, io, now, {
          openSource: ({ powershell }) =>
            openPowerShellCollection({
              executable: powershell,
              scriptsDir: locatePowerShellScripts(moduleDir),
            }),
          assemble: assembleFacts,
          labs: labs.estates,
        });
      }
      case 'fix':
      case 'undo': {
        // The lab's state is read before the command and written back after it, whatever the outcome.
        const labs = await openPersistedLabs(userDataDir(), { demo: demoEstate }, rest);
        const deps = { ...fixCommandDependencies(moduleDir, now), labs: labs.estates, labHost: labs.host };
        try {
          return await (command === 'fix' ? runFixCommand : runUndoCommand)(rest, io, now, deps);
        } finally {
          await labs.save();
        }
      }
      case 'report':
        return await runReportCommand(rest, io, now);
      case 'audit':
        return await runAuditCommand(rest, io);
      case 'evaluate':
        return await runEvaluateCommand(rest, io, now);
      case 'tenant':
        return await runTenantCommand(rest, io, {
          labs: { demo: demoTenantCases },
          ewsLabs: { demo: demoEwsCases },
          secretSources,
          readExoLive: exoLiveReader(moduleDir),
          openLive: openLiveGraphReader,
          now,
        });
      case 'webconfig':
        return await runWebconfigCommand(rest, io, now, secretSources);
      case 'prove':
        // --web: the OWA/ECP probe from this machine; otherwise the sync service's own path.
        if (rest.includes('--list')) return await runProveListCommand(rest, io);
        if (rest.includes('--web')) return await runProveWebCommand(rest, io, now);
        return await runProveCommand(rest, io, now, proveCommandDependencies(moduleDir, secretSources));
      default:
        throw new CliUsageError(
          command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`,
        );
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`exready: ${error.message}\nRun 'exready --help' for usage.\n`);
      return ExitCode.badInput;
    }
    if (error instanceof LabStateError) {
      io.stderr(`exready: ${error.message}\n`);
      return ExitCode.failed;
    }
    throw error;
  }
}
