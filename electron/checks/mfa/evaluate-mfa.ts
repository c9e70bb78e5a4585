import type { CheckResult } from '../../../shared/checks/check-result';
import { mfaCatalogue } from '../../../shared/checks/mfa-catalogue';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { evaluateMfaApi } from './mfa-api-rule';
import { evaluateMfaAppSettings } from './mfa-appsettings-rule';
import { evaluateMfaBackup } from './mfa-backup-rule';
import { evaluateMfaBin } from './mfa-bin-rule';
import type { MfaContext } from './mfa-context';
import { evaluateMfaLogs } from './mfa-logs-rule';
import { evaluateMfaModule } from './mfa-module-rule';

/** The MFA checks of one collected server, in catalogue order. */
export function evaluateMfa(facts: CollectedServerFacts, context: MfaContext): CheckResult[] {
  return [
    ...context.profile.apps.flatMap((app) => [
      evaluateMfaBin(facts, app.id, context),
      evaluateMfaAppSettings(facts, app.id, context),
      evaluateMfaModule(facts, app.id, context),
      evaluateMfaBackup(facts, app.id, context),
    ]),
    evaluateMfaApi(facts),
    evaluateMfaLogs(facts, context),
  ];
}

/** The MFA check ids for a profile, for results that are all unknown (unreachable server). */
export function mfaCheckIds(context: MfaContext): string[] {
  return mfaCatalogue(context.profile.apps.map((app) => app.id)).map((entry) => entry.id);
}
