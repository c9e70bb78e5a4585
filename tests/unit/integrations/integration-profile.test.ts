import { describe, expect, it } from 'vitest';
import { findBuiltInProfile } from '../../../shared/integrations/builtin-profiles';
import { IntegrationProfile } from '../../../shared/integrations/integration-profile';
import {
  assemblyFileOfModuleType,
  parseModuleType,
  sameModuleType,
} from '../../../shared/integrations/module-type';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';

describe('the Monosign profile', () => {
  it('carries the vendor keys, the module and the two apps', () => {
    expect(findBuiltInProfile('monosign')).toBe(monosignProfile);
    expect(monosignProfile.appSettings.map((s) => [s.key, s.validator, s.secret])).toEqual([
      ['MONOSIGN_API_URL', 'https-url', false],
      ['MONOSIGN_API_KEY', 'secret', true],
      ['MONOSIGN_API_SECRET', 'secret', true],
      ['MONOSIGN_DEBUG_MODE', 'boolean', false],
      ['MONOSIGN_LOG_PATH', 'windows-path', false],
      ['MONOSIGN_USER_EXCEPTIONS', 'email-list', false],
    ]);
    expect(monosignProfile.module).toEqual({
      name: 'MonoSignExchange',
      type: 'MonoSign.IISModule.MSExchange, MonoSign.IISModule',
      signer: 'CN=Monofor Bilisim A.S., O=Monofor Bilisim A.S., L=Istanbul, C=TR',
    });
    expect(monosignProfile.apps.map((app) => app.id)).toEqual(['owa', 'ecp']);
    expect(assemblyFileOfModuleType(monosignProfile.module.type)).toBe('MonoSign.IISModule.dll');
  });

  it('leaves the user-source key for the admin to name', () => {
    expect(monosignProfile.extraSetting?.label).toBe('User source');
    expect(monosignProfile.appSettings.some((s) => /SOURCE/i.test(s.key))).toBe(false);
  });
});

describe('IntegrationProfile', () => {
  const valid = {
    schemaVersion: 1,
    id: 'acme',
    title: 'Acme',
    vendor: 'Acme',
    apps: [{ id: 'owa', title: 'OWA' }],
    appSettings: [
      { key: 'ACME_URL', validator: 'https-url', secret: false, required: true, description: 'URL' },
    ],
    module: { name: 'Acme', type: 'Acme.Module, Acme.Web' },
  };

  it('accepts a profile described as data', () => {
    expect(IntegrationProfile.parse(valid).id).toBe('acme');
  });

  it.each([
    ['a module type without its assembly', { module: { name: 'Acme', type: 'Acme.Module' } }, 'module.type'],
    [
      'the same key twice in any case',
      {
        appSettings: [
          valid.appSettings[0],
          { key: 'acme_url', validator: 'text', secret: false, required: false, description: 'x' },
        ],
      },
      'appSettings.1.key',
    ],
    [
      'a secret validator on a key not marked secret',
      { appSettings: [{ key: 'K', validator: 'secret', secret: false, required: true, description: 'x' }] },
      'appSettings.0.secret',
    ],
    [
      'an unknown validator',
      { appSettings: [{ ...valid.appSettings[0], validator: 'ip' }] },
      'appSettings.0.validator',
    ],
    ['a key with a quote', { appSettings: [{ ...valid.appSettings[0], key: 'A"B' }] }, 'appSettings.0.key'],
  ])('refuses %s', (_label, change, path) => {
    const result = IntegrationProfile.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});

describe('module type names', () => {
  it('splits assembly-qualified names, generic arguments included', () => {
    expect(parseModuleType('A.B`1[[C.D, E]], F, Version=1.0.0.0')).toEqual({
      typeName: 'A.B`1[[C.D, E]]',
      assemblyName: 'F',
      assemblyProperties: ['Version=1.0.0.0'],
    });
    expect(parseModuleType('A.B')).toBeNull();
    expect(
      assemblyFileOfModuleType(
        'Microsoft.Exchange.HttpProxy.FbaModule,Microsoft.Exchange.FrontEndHttpProxy,Version=15.0.0.0',
      ),
    ).toBe('Microsoft.Exchange.FrontEndHttpProxy.dll');
  });

  it('compares spellings that differ only in spaces and property case', () => {
    expect(sameModuleType('A.B,C, Version = 1.0', 'A.B, C, version=1.0')).toBe(true);
    expect(sameModuleType('A.B, C', 'A.b, C')).toBe(false);
    expect(sameModuleType('A.B, C', 'A.B, D')).toBe(false);
  });
});
