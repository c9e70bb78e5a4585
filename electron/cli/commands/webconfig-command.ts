import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findBuiltInProfile, builtInProfiles } from '../../../shared/integrations/builtin-profiles';
import { resolveDesiredSettings, type SettingInput } from '../../../shared/integrations/desired-settings';
import { IntegrationProfile } from '../../../shared/integrations/integration-profile';
import { describeWebConfigChange } from '../../webconfig/change-description';
import { WebConfigInputError, type IntegrationPlan } from '../../webconfig/integration-plan';
import { applyFilePlan, planFile, rollbackFile } from '../../webconfig/local-webconfig-file';
import { maskKnownSecrets } from '../../webconfig/secret-display';
import { missingModuleDll } from '../../webconfig/module-dll-presence';
import { webConfigPickupAdvice } from '../../../shared/integrations/webconfig-pickup';
import { WebConfigRefusal } from '../../webconfig/webconfig-refusal';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { collectSecretSettings, refuseSecretsInArgv, type SecretSources } from '../secret-input';

export const webconfigUsage = `Usage: exready webconfig plan|apply|rollback --file PATH [options]

Edits an app's web.config for an MFA integration: appSettings keys and the IIS module entry.
Only the changed lines differ afterwards; every other byte is kept.

  plan       Print the changes and a unified diff; write nothing.
  apply      Write a backup beside the file (web.config.exready-YYYYMMDD-HHMMSS.bak, UTC),
             then the edited file, verified by SHA-256. Refused while the module's DLL is not in
             the app's bin folder (beside web.config): without it the app fails for every user.
  rollback   Restore the newest backup, or the one given with --backup.

Options:
  --file PATH          The app's web.config.
  --profile ID|FILE    Integration profile: ${builtInProfiles.map((p) => p.id).join(', ')}, or a profile .json file.
  --app ID             The application the file belongs to (monosign: owa or ecp).
  --set KEY=VALUE      A value for one of the profile's appSettings keys; repeat for each key.
                       Secret keys are refused here (argv is visible to every local user).
  --set-from-file KEY=PATH
                       A secret setting read from a file (one trailing line break dropped).
  --extra KEY=VALUE    The key the admin names (monosign: the optional user source).
  --backup PATH        rollback only: the backup to restore.
  -h, --help           Show this help.

Secrets (monosign: MONOSIGN_API_KEY, MONOSIGN_API_SECRET) come from --set-from-file, else the
environment variable EXREADY_SECRET_<KEY> (e.g. EXREADY_SECRET_MONOSIGN_API_SECRET), else a prompt
that does not echo (when a terminal is attached). Secret values are masked in everything printed.
Exit codes: 0 done or nothing to change, 1 refused, 2 bad input.
`;

type Action = 'plan' | 'apply' | 'rollback';

interface WebconfigOptions {
  action: Action;
  file: string;
  profile?: string;
  app?: string;
  set: SettingInput[];
  setFromFile: SettingInput[];
  extra: SettingInput[];
  backup?: string;
}

function splitAssignment(option: string, text: string): SettingInput {
  const equals = text.indexOf('=');
  // The text is not echoed: it may be a secret typed without its key.
  if (equals <= 0) throw new CliUsageError(`${option} expects KEY=VALUE`);
  return { key: text.slice(0, equals), value: text.slice(equals + 1) };
}

function parseOptions(args: readonly string[]): WebconfigOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string' },
        profile: { type: 'string' },
        app: { type: 'string' },
        set: { type: 'string', multiple: true },
        'set-from-file': { type: 'string', multiple: true },
        extra: { type: 'string', multiple: true },
        backup: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs echoes the offending argument, which could be a secret value: keep only the option name.
    const message = error instanceof Error ? error.message.split('.')[0] : 'invalid arguments';
    throw new CliUsageError(message ?? 'invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  const [action, ...rest] = positionals;
  if (action !== 'plan' && action !== 'apply' && action !== 'rollback') {
    throw new CliUsageError(
      action === undefined ? 'expected plan, apply or rollback' : `unknown action '${action}'`,
    );
  }
  if (rest.length > 0) throw new CliUsageError(`unexpected argument '${rest[0] ?? ''}'`);
  if (values.file === undefined || values.file === '') throw new CliUsageError('--file PATH is required');
  const set = (values.set ?? []).map((text) => splitAssignment('--set', text));
  const setFromFile = (values['set-from-file'] ?? []).map((text) => splitAssignment('--set-from-file', text));
  const extra = (values.extra ?? []).map((text) => splitAssignment('--extra', text));
  if (action === 'rollback') {
    if (set.length > 0 || extra.length > 0 || setFromFile.length > 0)
      throw new CliUsageError('rollback takes no --set, --set-from-file or --extra');
  } else {
    if (values.backup !== undefined) throw new CliUsageError('--backup is for rollback only');
    if (values.profile === undefined) throw new CliUsageError('--profile is required');
    if (values.app === undefined) throw new CliUsageError('--app is required');
  }
  return {
    action,
    file: resolve(values.file),
    profile: values.profile,
    app: values.app,
    set,
    setFromFile,
    extra,
    backup: values.backup === undefined ? undefined : resolve(values.backup),
  };
}

async function loadProfile(idOrFile: string): Promise<IntegrationProfile> {
  if (!idOrFile.toLowerCase().endsWith('.json')) {
    const profile = findBuiltInProfile(idOrFile);
    if (profile === undefined) {
      throw new CliUsageError(
        `unknown profile '${idOrFile}' (built in: ${builtInProfiles.map((p) => p.id).join(', ')})`,
      );
    }
    return profile;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(idOrFile, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'is not readable JSON';
    throw new CliUsageError(`profile file ${idOrFile} ${reason}`);
  }
  const checked = IntegrationProfile.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new CliUsageError(
      `profile file ${idOrFile} is not a valid profile at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
    );
  }
  return checked.data;
}

function printPlan(io: CliIo, plan: IntegrationPlan, heading: string): void {
  io.stdout(`${heading}\n`);
  for (const change of plan.changes) io.stdout(`  ${describeWebConfigChange(change)}\n`);
  if (plan.assemblyFile !== null) {
    io.stdout(`  The module loads ${plan.assemblyFile}: it must be in the app's bin folder.\n`);
  }
  io.stdout(`\n${plan.diff}\n`);
}

/** `exready webconfig plan|apply|rollback ...`; `args` are the words after `webconfig`. */
export async function runWebconfigCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
  secretSources: SecretSources,
): Promise<ExitCode> {
  let secrets: string[] = [];
  // Whatever is printed passes through the mask, including messages built from the file.
  const safeIo: CliIo = {
    stdout: (text) => io.stdout(maskKnownSecrets(text, secrets)),
    stderr: (text) => io.stderr(maskKnownSecrets(text, secrets)),
  };
  try {
    const options = parseOptions(args);
    if (options === 'help') {
      io.stdout(webconfigUsage);
      return ExitCode.ok;
    }
    if (options.action === 'rollback') return await runRollback(options, safeIo, now);
    const profile = await loadProfile(options.profile ?? '');
    refuseSecretsInArgv(profile, options.set, '--set');
    refuseSecretsInArgv(profile, options.extra, '--extra');
    const fromSources = await collectSecretSettings(profile, options.setFromFile, secretSources);
    const resolution = resolveDesiredSettings(profile, [...options.set, ...fromSources], options.extra);
    if (!resolution.ok) throw new CliUsageError(resolution.problems.join('; '));
    secrets = resolution.settings.filter((s) => s.secret).map((s) => s.value);
    const request = { profile, appId: options.app ?? '', settings: resolution.settings };
    const planned = await planFile(options.file, request);
    const { plan } = planned;
    if (plan.changes.length === 0) {
      safeIo.stdout(
        `${options.file} already has what ${profile.id} needs for ${request.appId}: nothing to change.\n`,
      );
      return ExitCode.ok;
    }
    const missingDll = await missingModuleDll(options.file, plan, request.appId);
    if (options.action === 'plan') {
      printPlan(safeIo, plan, `Plan for ${options.file} (${profile.id}, app ${request.appId}):`);
      if (missingDll !== null) safeIo.stdout(`Apply will refuse: ${missingDll}.\n`);
      safeIo.stdout('Plan only: nothing was written.\n');
      return ExitCode.ok;
    }
    if (missingDll !== null) {
      safeIo.stderr(`exready webconfig: refused: ${missingDll}.\nThe file was not changed.\n`);
      return ExitCode.failed;
    }
    printPlan(safeIo, plan, `Applying to ${options.file} (${profile.id}, app ${request.appId}):`);
    const outcome = await applyFilePlan(planned, now);
    if (outcome.kind === 'applied') {
      safeIo.stdout(`Backup: ${outcome.backupPath}\n`);
      safeIo.stdout(`Written and verified: ${options.file} (SHA-256 ${outcome.sha256})\n`);
      safeIo.stdout(`${webConfigPickupAdvice}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof WebConfigInputError) {
      safeIo.stderr(`exready webconfig: ${error.message}\nRun 'exready webconfig --help' for usage.\n`);
      return ExitCode.badInput;
    }
    if (error instanceof WebConfigRefusal) {
      const after =
        error.code === 'verification-failed'
          ? 'The file may have been changed: check it, or restore the backup with exready webconfig rollback.'
          : 'The file was not changed.';
      safeIo.stderr(`exready webconfig: refused: ${error.message}\n${after}\n`);
      return ExitCode.failed;
    }
    throw error;
  }
}

async function runRollback(options: WebconfigOptions, io: CliIo, now: () => Date): Promise<ExitCode> {
  const outcome = await rollbackFile(options.file, { backupPath: options.backup }, now);
  if (outcome.kind === 'unchanged') {
    io.stdout(`${options.file} already matches ${outcome.backupPath}: nothing to restore.\n`);
    return ExitCode.ok;
  }
  io.stdout(`Restored ${outcome.backupPath} to ${options.file} (SHA-256 ${outcome.sha256}).\n`);
  if (outcome.preRollbackPath !== null)
    io.stdout(`The file as it was is kept in ${outcome.preRollbackPath}.\n`);
  return ExitCode.ok;
}
