import type { CheckResult } from '../../../shared/checks/check-result';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { maskKnownSecrets } from '../../webconfig/secret-display';
import { classifyMfaLogLines } from '../mfa-log-classifier';
import { readAppWebConfig } from './app-webconfig';
import { profileValues } from './mfa-appsettings-rule';
import { mfaFactsOf, mfaResult, mfaUnknown, type MfaContext } from './mfa-context';

/** mfa.logs: the newest log lines, classified; secret values from web.config are masked in the evidence. */
export function evaluateMfaLogs(facts: CollectedServerFacts, context: MfaContext): CheckResult {
  const checkId = 'mfa.logs';
  const found = mfaFactsOf(facts, checkId);
  if (!found.ok) return found.result;
  const logs = found.mfa.logs;
  if (logs.status === 'not-collected') return mfaUnknown(checkId, 'the MFA module log', logs.error);
  const secrets = found.mfa.apps.flatMap((app) => {
    const read = readAppWebConfig(app);
    if (!read.ok) return [];
    const values = profileValues(read.config, context);
    return context.profile.appSettings.filter((s) => s.secret).flatMap((s) => values.get(s.key) ?? []);
  });
  const findings = classifyMfaLogLines(logs.value.lines).map((finding) => ({
    ...finding,
    evidence: finding.evidence.map((line) => ({ ...line, text: maskKnownSecrets(line.text, secrets) })),
  }));
  const evidence = {
    path: logs.value.path,
    pathSource: logs.value.pathSource,
    files: logs.value.files,
    linesRead: logs.value.lines.length,
    findings: findings.map((f) => ({
      issue: f.issue,
      count: f.count,
      cause: f.cause,
      lines: f.evidence.slice(0, 5),
    })),
  };
  if (findings.length === 0)
    return mfaResult(
      checkId,
      'pass',
      `${logs.value.lines.length} recent log line(s) in ${logs.value.path} show none of the documented failures.`,
      evidence,
    );
  return mfaResult(
    checkId,
    'fail',
    `The MFA log shows: ${findings.map((f) => `${f.cause} (${f.count} line${f.count === 1 ? '' : 's'})`).join(' ')}`,
    evidence,
    findings.map((f) => f.remedy).join(' '),
  );
}
