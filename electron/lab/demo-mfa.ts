import type { LabMfa, LabMfaApp } from './lab-estate';

// The MFA module state of the demo servers: Exchange front-end web.config files with or without the Monosign entries.

const installPath = 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy';
const apiUrl = 'https://mfa.contoso.com/monosign-api/';

/** The demo's API key and secret: made up, and masked wherever they are shown. */
export const demoMfaSecrets = { key: 'demo-app-key-7f3a91c2', secret: 'demo-app-secret-b84e60d5' };

/** The demo's secrets by setting key: what a web.config plan on the demo estate uses instead of the secret store. */
export const demoSecretValues: Readonly<Record<string, string>> = {
  MONOSIGN_API_KEY: demoMfaSecrets.key,
  MONOSIGN_API_SECRET: demoMfaSecrets.secret,
};

export interface DemoWebConfigOptions {
  /** Extra `<add key value>` lines, or a replacement for the Monosign settings. */
  settings?: readonly [string, string][];
  /** Where the module entry goes: last (as the vendor says), first, or absent. */
  module?: 'last' | 'first' | 'absent';
}

export const monosignSettings: readonly [string, string][] = [
  ['MONOSIGN_API_URL', apiUrl],
  ['MONOSIGN_API_KEY', demoMfaSecrets.key],
  ['MONOSIGN_API_SECRET', demoMfaSecrets.secret],
  ['MONOSIGN_DEBUG_MODE', 'false'],
  ['MONOSIGN_LOG_PATH', 'C:\\monosign-logs'],
  ['MONOSIGN_USER_EXCEPTIONS', 'breakglass@contoso.com'],
];

const monosignModule =
  '      <add name="MonoSignExchange" type="MonoSign.IISModule.MSExchange, MonoSign.IISModule" />';

/** A front-end web.config of the shape Exchange 2019 ships (CRLF), with the module's entries as asked. */
export function demoWebConfig(app: 'owa' | 'ecp', options: DemoWebConfigOptions = {}): string {
  const protocol = app === 'owa' ? 'Owa' : 'Ecp';
  const settings = options.settings ?? [];
  const moduleAt = options.module ?? (settings.length === 0 ? 'absent' : 'last');
  const modules = [
    '      <add name="HttpProxyModule" type="Microsoft.Exchange.HttpProxy.ProxyModule, Microsoft.Exchange.FrontEndHttpProxy" />',
    '      <add name="RewriteModule" type="Microsoft.Exchange.HttpRedirect.RewriteModule, Microsoft.Exchange.FrontEndHttpProxy" />',
  ];
  if (moduleAt === 'last') modules.push(monosignModule);
  if (moduleAt === 'first') modules.unshift(monosignModule);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <location inheritInChildApplications="false">',
    '    <system.webServer>',
    '      <modules>',
    ...modules.map((line) => `  ${line}`),
    '      </modules>',
    '    </system.webServer>',
    '  </location>',
    '  <appSettings>',
    `    <add key="HttpProxy.ProtocolType" value="${protocol}" />`,
    '    <add key="TrustedClientCertificateThumbprints" value="" />',
    ...settings.map(([key, value]) => `    <add key="${key}" value="${value}" />`),
    '  </appSettings>',
    '</configuration>',
    '',
  ].join('\r\n');
}

const signer = 'CN=Monofor Bilisim A.S., O=Monofor Bilisim A.S., L=Istanbul, C=TR';

export function monosignBinary(version = '2.4.1.0', signed = true): LabMfaApp['binaries'][number] {
  return {
    name: 'MonoSign.IISModule.dll',
    fileVersion: version,
    signatureStatus: signed ? 'Valid' : 'NotSigned',
    signerSubject: signed ? signer : null,
  };
}

export interface DemoMfaOptions {
  owa?: Partial<LabMfaApp>;
  ecp?: Partial<LabMfaApp>;
  api?: Partial<LabMfa['api']>;
  logLines?: readonly string[];
}

/** A server where the module is deployed and configured on both apps, with any part changed. */
export function demoMfa(options: DemoMfaOptions = {}): LabMfa {
  const app = (id: 'owa' | 'ecp', changes: Partial<LabMfaApp> = {}): LabMfaApp => ({
    app: id,
    physicalPath: `${installPath}\\${id}`,
    pathSource: 'applicationHost.config',
    webConfig: demoWebConfig(id, { settings: monosignSettings }),
    bom: true,
    binaries: [monosignBinary()],
    backups: ['web.config.exready-20250214-093000.bak'],
    ...changes,
  });
  return {
    apps: [app('owa', options.owa), app('ecp', options.ecp)],
    api: { url: apiUrl, outcome: 'reachable', statusCode: 200, message: null, ...options.api },
    logs: {
      path: 'C:\\monosign-logs',
      pathSource: 'web.config',
      files: ['monosign-20250301.log'],
      lines: [
        ...(options.logLines ?? [
          '[CONTOSO\\alice] By-username result is OK',
          '[CONTOSO\\alice] Mfa result is OK',
        ]),
      ],
    },
  };
}

/** A server before the integration: no DLL, no settings, no module, no backups, no log folder. */
export function demoMfaNotDeployed(): LabMfa {
  const base = demoMfa();
  return {
    ...base,
    apps: base.apps.map((app) => ({
      ...app,
      webConfig: demoWebConfig(app.app === 'owa' ? 'owa' : 'ecp'),
      binaries: [],
      backups: [],
    })),
    api: {
      url: null,
      outcome: 'not-configured',
      statusCode: null,
      message: 'No API URL is set in web.config.',
    },
    logs: null,
  };
}
