import { describe, expect, it } from 'vitest';
import { evaluateServer } from '../../../electron/checks/evaluate-server';
import { evaluateMfa } from '../../../electron/checks/mfa/evaluate-mfa';
import { evaluateMfaApi } from '../../../electron/checks/mfa/mfa-api-rule';
import { evaluateMfaAppSettings } from '../../../electron/checks/mfa/mfa-appsettings-rule';
import { evaluateMfaBackup } from '../../../electron/checks/mfa/mfa-backup-rule';
import { evaluateMfaBin } from '../../../electron/checks/mfa/mfa-bin-rule';
import type { MfaContext } from '../../../electron/checks/mfa/mfa-context';
import { evaluateMfaLogs } from '../../../electron/checks/mfa/mfa-logs-rule';
import { evaluateMfaModule } from '../../../electron/checks/mfa/mfa-module-rule';
import { CheckResult } from '../../../shared/checks/check-result';
import type { MfaFacts } from '../../../shared/facts/mfa-facts';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import {
  demoMfaSecrets,
  demoWebConfig,
  monosignBinary,
  monosignSettings,
} from '../../../electron/lab/demo-mfa';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { mfaApp, mfaFacts, serverWithMfa } from '../../helpers/mfa-facts';
import { collectedValue, notCollected, readyServerFacts, testContext } from '../../helpers/remoting-facts';

const context = (peers: CollectedServerFacts[] = []): MfaContext => ({ profile: monosignProfile, peers });
const server = (changes: Partial<MfaFacts> = {}) => serverWithMfa('exch01.contoso.com', mfaFacts(changes));
const withOwa = (owa: ReturnType<typeof mfaApp>) => server({ apps: [owa, mfaApp('ecp')] });

describe('mfa.<app>.bin', () => {
  it('passes for the signed DLL at the same version everywhere and warns the admin about HealthChecker', () => {
    const result = evaluateMfaBin(
      server(),
      'owa',
      context([serverWithMfa('exch02.contoso.com', mfaFacts())]),
    );
    expect(result.status).toBe('pass');
    expect(result.evidence.healthChecker).toContain('HealthChecker flags IIS modules that are unsigned');
  });

  it('fails when the DLL is not in bin', () => {
    const result = evaluateMfaBin(withOwa(mfaApp('owa', { binaries: [] })), 'owa', context());
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('MonoSign.IISModule.dll is not in');
    expect(result.remedy).toContain('create bin');
  });

  it('warns on the server whose version differs from the rest, naming the others', () => {
    const peers = ['exch02', 'exch03'].map((name) => serverWithMfa(`${name}.contoso.com`, mfaFacts()));
    const old = withOwa(mfaApp('owa', { binaries: [monosignBinary('2.3.0.0')] }));
    const result = evaluateMfaBin(old, 'owa', context(peers));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain(
      'version drift: this server has 2.3.0.0, exch02.contoso.com has 2.4.1.0',
    );
    // The servers carrying the usual version pass.
    expect(evaluateMfaBin(peers[0] as CollectedServerFacts, 'owa', context([old, ...peers])).status).toBe(
      'pass',
    );
  });

  it('warns for an unsigned DLL', () => {
    const result = evaluateMfaBin(
      withOwa(mfaApp('owa', { binaries: [monosignBinary('2.4.1.0', false)] })),
      'owa',
      context(),
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('Authenticode signature is NotSigned');
  });

  it('answers unknown when the MFA facts or the bin folder could not be read', () => {
    expect(
      evaluateMfaBin(serverWithMfa('exch01.contoso.com', 'IIS is not installed'), 'owa', context()).status,
    ).toBe('unknown');
    expect(evaluateMfaBin(readyServerFacts(), 'owa', context()).summary).toContain(
      'this collection did not read them',
    );
    const owa = { ...mfaApp('owa'), binaries: notCollected('Access to the path is denied.') };
    expect(evaluateMfaBin(withOwa(owa), 'owa', context()).status).toBe('unknown');
  });
});

describe('mfa.<app>.appsettings', () => {
  it('passes for valid settings and never shows the secrets', () => {
    const result = evaluateMfaAppSettings(server(), 'owa', context());
    expect(result.status).toBe('pass');
    const text = JSON.stringify(result);
    expect(text).not.toContain(demoMfaSecrets.key);
    expect(text).not.toContain(demoMfaSecrets.secret);
    expect(result.evidence.settings).toMatchObject({
      MONOSIGN_API_KEY: '********',
      MONOSIGN_DEBUG_MODE: 'false',
    });
  });

  it('fails on a duplicate key and on a value its validator refuses', () => {
    const settings: [string, string][] = [
      ...monosignSettings.map(([key, value]): [string, string] =>
        key === 'MONOSIGN_DEBUG_MODE' ? [key, 'yes'] : [key, value],
      ),
      ['MONOSIGN_API_KEY', 'another-key-1234'],
    ];
    const result = evaluateMfaAppSettings(
      withOwa(mfaApp('owa', { webConfig: demoWebConfig('owa', { settings }) })),
      'owa',
      context(),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('MONOSIGN_API_KEY is added 2 times');
    expect(result.summary).toContain('MONOSIGN_DEBUG_MODE must be true or false');
    expect(JSON.stringify(result)).not.toContain('another-key-1234');
  });

  it('fails when the file has none of the settings', () => {
    const result = evaluateMfaAppSettings(
      withOwa(mfaApp('owa', { webConfig: demoWebConfig('owa') })),
      'owa',
      context(),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('none of the');
  });

  it('warns when a secret differs from the other servers, naming the key and the server only', () => {
    const other = monosignSettings.map(([key, value]): [string, string] =>
      key === 'MONOSIGN_API_SECRET' ? [key, 'other-secret-9876'] : [key, value],
    );
    const self = withOwa(mfaApp('owa', { webConfig: demoWebConfig('owa', { settings: other }) }));
    const peers = ['exch02', 'exch03'].map((name) => serverWithMfa(`${name}.contoso.com`, mfaFacts()));
    const result = evaluateMfaAppSettings(self, 'owa', context(peers));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain(
      'MONOSIGN_API_SECRET differs from exch02.contoso.com, exch03.contoso.com',
    );
    expect(JSON.stringify(result)).not.toContain('other-secret-9876');
    expect(JSON.stringify(result)).not.toContain(demoMfaSecrets.secret);
  });

  it('fails with the line and column for malformed XML, and is unknown when the file was not read', () => {
    const broken = withOwa(mfaApp('owa', { webConfig: '<configuration><appSettings></configuration>' }));
    const result = evaluateMfaAppSettings(broken, 'owa', context());
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/line \d+, column \d+/);
    const missing = withOwa({
      ...mfaApp('owa'),
      webConfig: notCollected("Could not find file 'web.config'."),
    });
    expect(evaluateMfaAppSettings(missing, 'owa', context()).status).toBe('unknown');
  });
});

describe('mfa.<app>.module', () => {
  it('passes when the module is registered once, last', () => {
    expect(evaluateMfaModule(server(), 'ecp', context()).status).toBe('pass');
  });

  it('fails when the module is not last, or absent', () => {
    const first = withOwa(
      mfaApp('owa', { webConfig: demoWebConfig('owa', { settings: monosignSettings, module: 'first' }) }),
    );
    const result = evaluateMfaModule(first, 'owa', context());
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('not the last module');
    expect(result.evidence.effectiveModules).toEqual([
      'MonoSignExchange',
      'HttpProxyModule',
      'RewriteModule',
    ]);
    const absent = withOwa(
      mfaApp('owa', { webConfig: demoWebConfig('owa', { settings: monosignSettings, module: 'absent' }) }),
    );
    expect(evaluateMfaModule(absent, 'owa', context()).summary).toContain('is not registered');
  });
});

describe('mfa.<app>.backup', () => {
  it('passes with a backup, is n/a before any change, warns for a configured file without backup', () => {
    expect(evaluateMfaBackup(server(), 'owa', context()).status).toBe('pass');
    const untouched = withOwa(mfaApp('owa', { webConfig: demoWebConfig('owa'), backups: [] }));
    expect(evaluateMfaBackup(untouched, 'owa', context()).status).toBe('n/a');
    expect(evaluateMfaBackup(withOwa(mfaApp('owa', { backups: [] })), 'owa', context()).status).toBe('warn');
  });
});

describe('mfa.api', () => {
  const probe = (
    outcome: 'reachable' | 'http-status' | 'tls-error' | 'dns-failure' | 'tcp-failure' | 'not-configured',
    statusCode: number | null = null,
  ) =>
    server({ api: collectedValue({ url: 'https://mfa.contoso.com/', outcome, statusCode, message: null }) });

  it('names each outcome', () => {
    expect(evaluateMfaApi(probe('reachable', 200)).status).toBe('pass');
    expect(evaluateMfaApi(probe('http-status', 404)).status).toBe('pass');
    expect(evaluateMfaApi(probe('http-status', 503)).status).toBe('warn');
    expect(evaluateMfaApi(probe('tls-error')).summary).toContain('certificate');
    expect(evaluateMfaApi(probe('dns-failure')).summary).toContain('does not resolve');
    expect(evaluateMfaApi(probe('tcp-failure')).remedy).toContain('firewall');
    expect(evaluateMfaApi(probe('not-configured')).status).toBe('n/a');
    expect(evaluateMfaApi(server({ api: notCollected('timeout') })).status).toBe('unknown');
  });
});

describe('mfa.logs', () => {
  it('passes on clean lines and fails on the vendor-documented failures, secrets masked', () => {
    expect(evaluateMfaLogs(server(), context()).status).toBe('pass');
    const lines = [
      '[CONTOSO\\alice] By-username result is 0',
      `[CONTOSO\\bob] key ${demoMfaSecrets.key} By-username result is OK {"InternalMessage":"Invalid Application Key","Code":12,"Success":false}`,
    ];
    const facts = server({
      logs: collectedValue({ path: 'C:\\monosign-logs', pathSource: 'web.config', files: ['a.log'], lines }),
    });
    const result = evaluateMfaLogs(facts, context());
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('cannot reach the Monosign API');
    expect(result.summary).toContain('key or secret is invalid');
    expect(JSON.stringify(result)).not.toContain(demoMfaSecrets.key);
    expect(
      evaluateMfaLogs(server({ logs: notCollected('The log folder does not exist') }), context()).status,
    ).toBe('unknown');
  });
});

describe('evaluateServer with MFA', () => {
  it('appends the ten MFA checks in catalogue order when the run collected them', () => {
    const results = evaluateServer(server(), { ...testContext(), mfaProfile: monosignProfile, peers: [] });
    expect(results.slice(11).map((r) => r.checkId)).toEqual([
      'mfa.owa.bin',
      'mfa.owa.appsettings',
      'mfa.owa.module',
      'mfa.owa.backup',
      'mfa.ecp.bin',
      'mfa.ecp.appsettings',
      'mfa.ecp.module',
      'mfa.ecp.backup',
      'mfa.api',
      'mfa.logs',
    ]);
    for (const result of results) expect(CheckResult.safeParse(result).success).toBe(true);
    expect(evaluateMfa(server(), context()).every((r) => r.status === 'pass')).toBe(true);
  });
});
