import { isSecretFieldName } from '../security/secrets';
import { findProfileSetting, type IntegrationProfile } from './integration-profile';
import { describeSettingProblem } from './setting-validators';

/** A key and value as the admin typed them (`--set KEY=VALUE`, a form field). */
export interface SettingInput {
  key: string;
  value: string;
}

/** A value checked against the profile, ready to be written. */
export interface DesiredSetting {
  key: string;
  value: string;
  secret: boolean;
}

export type SettingsResolution = { ok: true; settings: DesiredSetting[] } | { ok: false; problems: string[] };

const extraKeyPattern = /^[^\s"'<>&]{1,200}$/;

/**
 * Checks the admin's values against the profile: known keys only (or the profile's one extra key),
 * each key once, every value through its validator. Problems name the key, never the value.
 */
export function resolveDesiredSettings(
  profile: IntegrationProfile,
  inputs: readonly SettingInput[],
  extras: readonly SettingInput[] = [],
): SettingsResolution {
  const problems: string[] = [];
  const byKey = new Map<string, DesiredSetting>();
  const claim = (key: string): boolean => {
    const folded = key.toLowerCase();
    if (byKey.has(folded)) {
      problems.push(`${key} is given more than once`);
      return false;
    }
    return true;
  };

  for (const input of inputs) {
    const setting = findProfileSetting(profile, input.key);
    if (setting === undefined) {
      const known = profile.appSettings.map((s) => s.key).join(', ');
      problems.push(`unknown key '${input.key}' for profile ${profile.id} (known keys: ${known})`);
      continue;
    }
    if (!claim(setting.key)) continue;
    const problem = describeSettingProblem(setting.validator, input.value);
    if (problem !== null) problems.push(`${setting.key} ${problem}`);
    else
      byKey.set(setting.key.toLowerCase(), { key: setting.key, value: input.value, secret: setting.secret });
  }

  const extra = profile.extraSetting;
  if (extras.length > 0 && extra === undefined) {
    problems.push(`profile ${profile.id} takes no extra key`);
  } else if (extras.length > 1) {
    problems.push(`profile ${profile.id} takes one extra key (${extra?.label ?? ''}), not ${extras.length}`);
  } else if (extra !== undefined) {
    for (const input of extras) {
      if (!extraKeyPattern.test(input.key)) {
        problems.push(`extra key name '${input.key}' must be printable without spaces, quotes, <, > or &`);
        continue;
      }
      if (findProfileSetting(profile, input.key) !== undefined) {
        problems.push(`${input.key} is a key of the profile: give it with --set`);
        continue;
      }
      if (!claim(input.key)) continue;
      const problem = describeSettingProblem(extra.validator, input.value);
      if (problem !== null) problems.push(`${input.key} (${extra.label}) ${problem}`);
      else
        byKey.set(input.key.toLowerCase(), {
          key: input.key,
          value: input.value,
          secret: extra.secret || isSecretFieldName(input.key),
        });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  // Profile order first, so the written lines follow the vendor's order whatever the input order.
  const ordered = [
    ...profile.appSettings.flatMap((s) => byKey.get(s.key.toLowerCase()) ?? []),
    ...[...byKey.values()].filter((s) => findProfileSetting(profile, s.key) === undefined),
  ];
  return { ok: true, settings: ordered };
}

/** Required keys that are neither in the file already nor being set. */
export function missingRequiredKeys(
  profile: IntegrationProfile,
  keysInFile: ReadonlySet<string>,
  desired: readonly DesiredSetting[],
): string[] {
  const present = new Set([...keysInFile, ...desired.map((s) => s.key)].map((key) => key.toLowerCase()));
  return profile.appSettings.filter((s) => s.required && !present.has(s.key.toLowerCase())).map((s) => s.key);
}

/** Whether a key's value must be masked: the profile says so, or the name looks like a secret. */
export function isSecretSettingKey(profile: IntegrationProfile, key: string): boolean {
  return findProfileSetting(profile, key)?.secret === true || isSecretFieldName(key);
}
