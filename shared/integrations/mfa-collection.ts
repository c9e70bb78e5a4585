import type { MfaCollectionParameters } from '../facts/mfa-facts';
import type { IntegrationProfile } from './integration-profile';
import { parseModuleType } from './module-type';

/** Where the Monosign module logs when MONOSIGN_LOG_PATH is not set (the vendor's example folder). */
export const defaultMfaLogPath = 'c:\\monosign-logs';

/** The profile as collection parameters: apps, module assembly and the keys naming the API and log folder. */
export function mfaCollectionParameters(
  profile: IntegrationProfile,
  options: { logLineCount?: number; apiTimeoutSeconds?: number; defaultLogPath?: string } = {},
): MfaCollectionParameters {
  const keyOf = (validator: string, fallback: string) =>
    profile.appSettings.find((setting) => setting.validator === validator)?.key ?? fallback;
  return {
    profileId: profile.id,
    apps: profile.apps.map((app) => app.id),
    assemblyName: parseModuleType(profile.module.type)?.assemblyName ?? profile.module.name,
    apiUrlKey: keyOf('https-url', 'API_URL'),
    logPathKey: keyOf('windows-path', 'LOG_PATH'),
    defaultLogPath: options.defaultLogPath ?? defaultMfaLogPath,
    logLineCount: options.logLineCount ?? 200,
    apiTimeoutSeconds: options.apiTimeoutSeconds ?? 10,
  };
}
