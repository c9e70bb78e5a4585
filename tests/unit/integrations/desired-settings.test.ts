import { describe, expect, it } from 'vitest';
import {
  isSecretSettingKey,
  missingRequiredKeys,
  resolveDesiredSettings,
} from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';

describe('resolveDesiredSettings', () => {
  it('takes known keys in any case, in the profile order, with the secret flag', () => {
    const result = resolveDesiredSettings(
      monosignProfile,
      [
        { key: 'monosign_api_secret', value: 's3cret' },
        { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
      ],
      [{ key: 'MONOSIGN_USER_SOURCE', value: 'MONOFOR' }],
    );
    expect(result).toEqual({
      ok: true,
      settings: [
        { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/', secret: false },
        { key: 'MONOSIGN_API_SECRET', value: 's3cret', secret: true },
        { key: 'MONOSIGN_USER_SOURCE', value: 'MONOFOR', secret: false },
      ],
    });
  });

  it('names the unknown key, the failed validator and the repeated key, never the value', () => {
    const result = resolveDesiredSettings(monosignProfile, [
      { key: 'MONOSIGN_API_URLS', value: 'x' },
      { key: 'MONOSIGN_API_URL', value: 'http://plain-text-host/' },
      { key: 'MONOSIGN_API_SECRET', value: '' },
      { key: 'MONOSIGN_DEBUG_MODE', value: 'true' },
      { key: 'monosign_debug_mode', value: 'false' },
    ]);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems[0]).toContain("unknown key 'MONOSIGN_API_URLS' for profile monosign");
    expect(problems[1]).toMatch(/^MONOSIGN_API_URL must be a well-formed https:\/\/ URL/);
    expect(problems[2]).toBe('MONOSIGN_API_SECRET must not be empty');
    expect(problems[3]).toBe('MONOSIGN_DEBUG_MODE is given more than once');
    expect(problems.join(' ')).not.toContain('plain-text-host');
  });

  it('takes one extra key named by the admin, not a profile key', () => {
    const twice = resolveDesiredSettings(
      monosignProfile,
      [],
      [
        { key: 'A', value: '1' },
        { key: 'B', value: '2' },
      ],
    );
    expect(twice.ok).toBe(false);
    const profileKey = resolveDesiredSettings(monosignProfile, [], [{ key: 'MONOSIGN_API_KEY', value: 'x' }]);
    expect(profileKey.ok ? [] : profileKey.problems).toEqual([
      'MONOSIGN_API_KEY is a key of the profile: give it with --set',
    ]);
    const secretLooking = resolveDesiredSettings(monosignProfile, [], [{ key: 'SOURCE_TOKEN', value: 'x' }]);
    expect(secretLooking.ok && secretLooking.settings[0]?.secret).toBe(true);
  });

  it('lists required keys neither in the file nor given', () => {
    expect(
      missingRequiredKeys(monosignProfile, new Set(['monosign_api_url']), [
        { key: 'MONOSIGN_API_KEY', value: 'k', secret: true },
      ]),
    ).toEqual(['MONOSIGN_API_SECRET']);
  });

  it('treats profile secrets and secret-looking names as secret', () => {
    expect(isSecretSettingKey(monosignProfile, 'monosign_api_key')).toBe(true);
    expect(isSecretSettingKey(monosignProfile, 'SomePassword')).toBe(true);
    expect(isSecretSettingKey(monosignProfile, 'MONOSIGN_API_URL')).toBe(false);
  });
});
