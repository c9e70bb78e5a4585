import type { CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import { worstStatus } from '../../../shared/checks/check-result';
import type { MfaModuleBinary } from '../../../shared/facts/mfa-facts';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { assemblyFileOfModuleType } from '../../../shared/integrations/module-type';
import { mfaAppCheckId } from '../../../shared/checks/mfa-catalogue';
import {
  appFactsOf,
  isOutlier,
  mfaFactsOf,
  mfaResult,
  mfaUnknown,
  peerApps,
  type MfaContext,
} from './mfa-context';

// Said in every result, so the admin is not surprised when HealthChecker lists the vendor's module.
const healthCheckerNote =
  "Microsoft's Exchange HealthChecker flags IIS modules that are unsigned or not signed by Microsoft; expect it to list this module.";

function mainBinary(binaries: readonly MfaModuleBinary[], file: string): MfaModuleBinary | undefined {
  return binaries.find((binary) => binary.name.toLowerCase() === file.toLowerCase());
}

/** mfa.<app>.bin: the module DLL is in bin, at one version across the estate, with a valid Authenticode signature. */
export function evaluateMfaBin(facts: CollectedServerFacts, app: string, context: MfaContext): CheckResult {
  const checkId = mfaAppCheckId(app, 'bin');
  const found = mfaFactsOf(facts, checkId);
  if (!found.ok) return found.result;
  const appFacts = appFactsOf(found.mfa, app);
  if (appFacts === undefined)
    return mfaUnknown(checkId, `the ${app} app`, 'the collector reported nothing for it');
  if (appFacts.binaries.status === 'not-collected')
    return mfaUnknown(checkId, `the ${app} bin folder`, appFacts.binaries.error);
  const file = assemblyFileOfModuleType(context.profile.module.type) ?? `${context.profile.module.name}.dll`;
  const folder = appFacts.path.status === 'collected' ? `${appFacts.path.value.physicalPath}\\bin` : 'bin';
  const binaries = appFacts.binaries.value;
  const main = mainBinary(binaries, file);
  const versions: Record<string, string | null> = { [facts.fqdn]: main?.fileVersion ?? null };
  for (const peer of peerApps(context, facts.fqdn, app)) {
    if (peer.app.binaries.status !== 'collected') continue;
    versions[peer.fqdn] = mainBinary(peer.app.binaries.value, file)?.fileVersion ?? null;
  }
  const evidence = {
    folder,
    pathSource: appFacts.path.status === 'collected' ? appFacts.path.value.source : null,
    expectedFile: file,
    binaries,
    versionsByServer: versions,
    healthChecker: healthCheckerNote,
  };
  if (main === undefined)
    return mfaResult(
      checkId,
      'fail',
      `${file} is not in ${folder}: IIS cannot load the module, and ${app} fails for every user once the module entry is in web.config.`,
      evidence,
      `Copy the module's DLL files from the vendor's zip into ${folder} (create bin if it does not exist), on every Exchange server.`,
    );

  const statuses: CheckStatus[] = ['pass'];
  const notes: string[] = [];
  const deployed = Object.values(versions).filter((version): version is string => version !== null);
  if (isOutlier(main.fileVersion, deployed)) {
    statuses.push('warn');
    const others = Object.entries(versions)
      .filter(([fqdn, version]) => fqdn !== facts.fqdn && version !== null && version !== main.fileVersion)
      .map(([fqdn, version]) => `${fqdn} has ${version}`);
    notes.push(`version drift: this server has ${main.fileVersion ?? 'no version'}, ${others.join(', ')}`);
  }
  if (main.signatureStatus !== 'Valid') {
    statuses.push('warn');
    notes.push(`Authenticode signature is ${main.signatureStatus ?? 'unknown'}`);
  }
  const signer = main.signerSubject === null ? 'no signer' : `signed by ${main.signerSubject}`;
  const status = worstStatus(statuses);
  const summary =
    status === 'pass'
      ? `${file} ${main.fileVersion ?? ''} is in ${folder}, ${signer}, same version on every server.`
      : `${file} ${main.fileVersion ?? ''} is in ${folder} (${signer}), but: ${notes.join('; ')}.`;
  return mfaResult(
    checkId,
    status,
    summary.replace(/\s+/g, ' '),
    evidence,
    status === 'pass'
      ? undefined
      : 'Deploy the same signed module version from the vendor to every Exchange server.',
  );
}
