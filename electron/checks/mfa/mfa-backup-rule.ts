import type { CheckResult } from '../../../shared/checks/check-result';
import { mfaAppCheckId } from '../../../shared/checks/mfa-catalogue';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { newestBackupName } from '../../webconfig/webconfig-backups';
import { readAppWebConfig } from './app-webconfig';
import { appFactsOf, mfaFactsOf, mfaResult, mfaUnknown, type MfaContext } from './mfa-context';

/** mfa.<app>.backup: a configured web.config has an ExReady backup beside it to roll back to. */
export function evaluateMfaBackup(
  facts: CollectedServerFacts,
  app: string,
  context: MfaContext,
): CheckResult {
  const checkId = mfaAppCheckId(app, 'backup');
  const found = mfaFactsOf(facts, checkId);
  if (!found.ok) return found.result;
  const appFacts = appFactsOf(found.mfa, app);
  if (appFacts === undefined)
    return mfaUnknown(checkId, `the ${app} app`, 'the collector reported nothing for it');
  if (appFacts.backups.status === 'not-collected')
    return mfaUnknown(checkId, `the ${app} backups`, appFacts.backups.error);
  const names = appFacts.backups.value.map((backup) => backup.name);
  const newest = newestBackupName('web.config', names);
  const read = readAppWebConfig(appFacts);
  const configured = read.ok && read.config.modules?.find(context.profile.module.name) !== undefined;
  const evidence = { backups: appFacts.backups.value, newest, moduleConfigured: configured };
  if (newest !== null)
    return mfaResult(
      checkId,
      'pass',
      `${names.length} ExReady backup(s) of the ${app} web.config; the newest is ${newest}.`,
      evidence,
    );
  if (!configured)
    return mfaResult(
      checkId,
      'n/a',
      `No ExReady backup yet: the ${app} web.config has not been changed for MFA (ExReady takes one before its first change).`,
      evidence,
    );
  return mfaResult(
    checkId,
    'warn',
    `The ${app} web.config carries the MFA module but has no ExReady backup: it was changed by hand or by another tool.`,
    evidence,
    'Keep a copy of the current web.config before the next change; ExReady takes one automatically when it applies.',
  );
}
