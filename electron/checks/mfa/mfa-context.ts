import type { CheckEvidence, CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import type { MfaAppFacts, MfaFacts } from '../../../shared/facts/mfa-facts';
import type { IntegrationProfile } from '../../../shared/integrations/integration-profile';
import { readAppWebConfig, type AppWebConfig } from './app-webconfig';

/** What the MFA rules know: the profile, and the other collected servers (for "same on every server"). */
export interface MfaContext {
  profile: IntegrationProfile;
  peers: readonly CollectedServerFacts[];
}

const vendorDocs = 'https://docs.monofor.com/';
const iisModules = 'https://learn.microsoft.com/iis/configuration/system.webserver/modules/';
const healthChecker = 'https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/';

/** Documentation each MFA check cites. */
export function mfaReferences(checkId: string): string[] {
  if (checkId.endsWith('.bin')) return [healthChecker, vendorDocs];
  if (checkId.endsWith('.module')) return [iisModules, vendorDocs];
  return [vendorDocs];
}

export function mfaResult(
  checkId: string,
  status: CheckStatus,
  summary: string,
  evidence: CheckEvidence,
  remedy?: string,
): CheckResult {
  const result: CheckResult = { checkId, status, summary, evidence, references: mfaReferences(checkId) };
  if (remedy !== undefined) result.remedy = remedy;
  return result;
}

export function mfaUnknown(checkId: string, what: string, error: string): CheckResult {
  return mfaResult(
    checkId,
    'unknown',
    `Could not read ${what}: ${error}`,
    { notCollected: what, error },
    'Run the collection again; if the error repeats, run the collector on the server by hand to see it.',
  );
}

/** The server's MFA facts, or the unknown result that says why there are none. */
export function mfaFactsOf(
  facts: CollectedServerFacts,
  checkId: string,
): { ok: true; mfa: MfaFacts } | { ok: false; result: CheckResult } {
  const part = facts.mfa;
  if (part === undefined)
    return {
      ok: false,
      result: mfaUnknown(checkId, 'the MFA module facts', 'this collection did not read them'),
    };
  if (part.status === 'not-collected')
    return { ok: false, result: mfaUnknown(checkId, 'the MFA module facts', part.error) };
  return { ok: true, mfa: part.value };
}

export function appFactsOf(mfa: MfaFacts, app: string): MfaAppFacts | undefined {
  return mfa.apps.find((item) => item.app === app);
}

/** The same app's facts on every other collected server. */
export function peerApps(
  context: MfaContext,
  self: string,
  app: string,
): { fqdn: string; app: MfaAppFacts }[] {
  return context.peers.flatMap((peer) => {
    if (peer.fqdn.toLowerCase() === self.toLowerCase() || peer.mfa?.status !== 'collected') return [];
    const found = appFactsOf(peer.mfa.value, app);
    return found === undefined ? [] : [{ fqdn: peer.fqdn, app: found }];
  });
}

/**
 * Whether this server's value is not the estate's usual one: rarer than the most common value, or tied with
 * another value. The servers that carry the usual value pass; the drift is named on the others.
 */
export function isOutlier<T>(self: T, all: readonly T[]): boolean {
  const counts = new Map<T, number>();
  for (const value of all) counts.set(value, (counts.get(value) ?? 0) + 1);
  if (counts.size < 2) return false;
  const most = Math.max(...counts.values());
  const mine = counts.get(self) ?? 0;
  return mine < most || [...counts.values()].filter((count) => count === most).length > 1;
}

/** The app's parsed web.config for a check, or the result the check answers when it cannot be had. */
export function appWebConfigFor(
  facts: CollectedServerFacts,
  app: string,
  checkId: string,
): { ok: true; config: AppWebConfig } | { ok: false; result: CheckResult } {
  const found = mfaFactsOf(facts, checkId);
  if (!found.ok) return found;
  const appFacts = appFactsOf(found.mfa, app);
  if (appFacts === undefined)
    return {
      ok: false,
      result: mfaUnknown(checkId, `the ${app} app`, 'the collector reported nothing for it'),
    };
  const read = readAppWebConfig(appFacts);
  if (read.ok) return { ok: true, config: read.config };
  if (read.reason === 'not-collected')
    return { ok: false, result: mfaUnknown(checkId, `the ${app} web.config`, read.message) };
  return {
    ok: false,
    result: mfaResult(
      checkId,
      'fail',
      `The ${app} web.config cannot be read: ${read.message}`,
      { error: read.message },
      'Repair the file by hand from a backup; ExReady does not guess at broken XML.',
    ),
  };
}
