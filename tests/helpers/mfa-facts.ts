import type { MfaAppFacts, MfaFacts, MfaModuleBinary } from '../../shared/facts/mfa-facts';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { demoWebConfig, monosignBinary, monosignSettings } from '../../electron/lab/demo-mfa';
import { base64Of, sha256Hex, utf8Bytes } from '../../electron/lab/lab-bytes';
import { collectedValue, notCollected, readyServerFacts } from './remoting-facts';

// MFA facts as the collector would report them; tests change one part at a time.

export function webConfigFacts(text: string): MfaAppFacts['webConfig'] {
  const bytes = [0xef, 0xbb, 0xbf, ...utf8Bytes(text)];
  return collectedValue({ base64: base64Of(bytes), sha256: sha256Hex(bytes) });
}

export function mfaApp(
  app: 'owa' | 'ecp',
  changes: { webConfig?: string; binaries?: MfaModuleBinary[]; backups?: string[] } = {},
): MfaAppFacts {
  return {
    app,
    path: collectedValue({
      physicalPath: `C:\\Exchange\\FrontEnd\\HttpProxy\\${app}`,
      source: 'applicationHost.config',
      note: null,
    }),
    webConfig: webConfigFacts(changes.webConfig ?? demoWebConfig(app, { settings: monosignSettings })),
    binaries: collectedValue(changes.binaries ?? [monosignBinary()]),
    backups: collectedValue(
      (changes.backups ?? ['web.config.exready-20250214-093000.bak']).map((name) => ({
        name,
        lastWriteTimeUtc: '2025-02-14T09:30:00.0000000Z',
        length: 4096,
      })),
    ),
  };
}

export function mfaFacts(changes: Partial<MfaFacts> = {}): MfaFacts {
  return {
    profileId: 'monosign',
    apps: [mfaApp('owa'), mfaApp('ecp')],
    api: collectedValue({
      url: 'https://mfa.contoso.com/',
      outcome: 'reachable',
      statusCode: 200,
      message: null,
    }),
    logs: collectedValue({
      path: 'C:\\monosign-logs',
      pathSource: 'web.config',
      files: ['a.log'],
      lines: [],
    }),
    ...changes,
  };
}

export function serverWithMfa(fqdn: string, mfa: MfaFacts | string): CollectedServerFacts {
  return readyServerFacts({ fqdn, mfa: typeof mfa === 'string' ? notCollected(mfa) : collectedValue(mfa) });
}
