import type { CheckResult } from '../../../shared/checks/check-result';
import { mfaAppCheckId } from '../../../shared/checks/mfa-catalogue';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { describeSettingProblem } from '../../../shared/integrations/setting-validators';
import { maskSecret } from '../../../shared/security/secrets';
import { attributeValue } from '../../webconfig/xml-scanner';
import { readAppWebConfig, type AppWebConfig } from './app-webconfig';
import { appWebConfigFor, isOutlier, mfaResult, peerApps, type MfaContext } from './mfa-context';

/** The effective value of each profile key in one file (null when absent). */
export function profileValues(config: AppWebConfig, context: MfaContext): Map<string, string | null> {
  return new Map(
    context.profile.appSettings.map((setting) => {
      const entry = config.appSettings?.find(setting.key);
      return [setting.key, entry === undefined ? null : (attributeValue(entry.element, 'value') ?? '')];
    }),
  );
}

/** mfa.<app>.appsettings: every required key once, each value valid, the same values on every server. */
export function evaluateMfaAppSettings(
  facts: CollectedServerFacts,
  app: string,
  context: MfaContext,
): CheckResult {
  const checkId = mfaAppCheckId(app, 'appsettings');
  const read = appWebConfigFor(facts, app, checkId);
  if (!read.ok) return read.result;
  const values = profileValues(read.config, context);
  const secretKeys = new Set(context.profile.appSettings.filter((s) => s.secret).map((s) => s.key));
  const shown = (key: string, value: string | null) =>
    value === null ? null : secretKeys.has(key) ? maskSecret(value) : value;
  const failures: string[] = [];
  for (const setting of context.profile.appSettings) {
    const value = values.get(setting.key) ?? null;
    const copies = read.config.appSettings?.duplicatesOf(setting.key).length ?? 0;
    if (copies > 1) failures.push(`${setting.key} is added ${copies} times: keep one`);
    if (value === null) {
      if (setting.required) failures.push(`${setting.key} is missing`);
      continue;
    }
    const problem = describeSettingProblem(setting.validator, value);
    if (problem !== null) failures.push(`${setting.key} ${problem}`);
  }
  // Values are compared, never shown: a secret that differs is named by key and server only.
  const peerValues = peerApps(context, facts.fqdn, app).flatMap((peer) => {
    const peerRead = readAppWebConfig(peer.app);
    return peerRead.ok ? [{ fqdn: peer.fqdn, values: profileValues(peerRead.config, context) }] : [];
  });
  const differences: string[] = [];
  for (const [key, value] of values) {
    const all = [value, ...peerValues.map((peer) => peer.values.get(key) ?? null)];
    if (!isOutlier(value, all)) continue;
    const others = peerValues
      .filter((peer) => (peer.values.get(key) ?? null) !== value)
      .map((peer) => peer.fqdn);
    differences.push(`${key} differs from ${others.join(', ')}`);
  }
  const evidence = {
    settings: Object.fromEntries([...values].map(([key, value]) => [key, shown(key, value)])),
    problems: failures,
    differences,
  };
  const anyPresent = [...values.values()].some((value) => value !== null);
  if (!anyPresent)
    return mfaResult(
      checkId,
      'fail',
      `The ${app} web.config has none of the ${context.profile.title} settings.`,
      evidence,
      `Plan and apply the ${app} MFA configuration in ExReady (a backup is taken first).`,
    );
  if (failures.length > 0)
    return mfaResult(
      checkId,
      'fail',
      `The ${app} appSettings are wrong: ${failures.join('; ')}.`,
      evidence,
      `Correct the values and apply the ${app} MFA configuration in ExReady.`,
    );
  if (differences.length > 0)
    return mfaResult(
      checkId,
      'warn',
      `The ${app} appSettings are valid but not the same on every server: ${differences.join('; ')}.`,
      evidence,
      'Apply the same values to every Exchange server, so users get the same behaviour whichever server they reach.',
    );
  return mfaResult(
    checkId,
    'pass',
    `The ${app} appSettings carry every required key once, with valid values, the same on every server.`,
    evidence,
  );
}
