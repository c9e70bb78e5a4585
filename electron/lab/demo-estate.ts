import type { FirewallRuleFacts } from '../../shared/facts/firewall-facts';
import type { LocalGroupMemberFacts } from '../../shared/facts/local-group-facts';
import { demoMfa, demoWebConfig, monosignBinary, monosignSettings } from './demo-mfa';
import { LabEstate, type LabExchangeServerInput } from './lab-estate';

// The built-in demo lab: eight made-up Exchange servers of contoso.com that between them show every status.

const serverAuth = ['1.3.6.1.5.5.7.3.1'];
const defaultPermission =
  'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed';
const defaultSddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';
const svcSync: LocalGroupMemberFacts = {
  name: 'CONTOSO\\svc-sync',
  sid: 'S-1-5-21-3623811015-3361044348-30300820-1604',
  objectClass: 'User',
  principalSource: 'ActiveDirectory',
  via: [],
};
const domainAdmins: LocalGroupMemberFacts = {
  name: 'CONTOSO\\Domain Admins',
  sid: 'S-1-5-21-3623811015-3361044348-30300820-512',
  objectClass: 'Group',
  principalSource: 'ActiveDirectory',
  via: [],
};
const winrmHttpsRule: FirewallRuleFacts = {
  name: 'WINRM-HTTPS-In-TCP',
  displayName: 'Windows Remote Management (HTTPS-In)',
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  protocol: 'TCP',
  localPorts: ['5986'],
  remoteAddresses: ['Any'],
  profiles: ['Domain'],
};

function thumbprintOf(index: number): string {
  return `${index}`.padStart(2, '0').repeat(20);
}

/** A server ready for the integration; each demo server changes what it is meant to show. */
export function healthy(
  index: number,
  changes: Partial<LabExchangeServerInput> = {},
): LabExchangeServerInput {
  const fqdn = `exch${String(index).padStart(2, '0')}.contoso.com`;
  const host = fqdn.split('.')[0]?.toUpperCase() ?? fqdn;
  const thumbprint = thumbprintOf(index);
  return {
    fqdn,
    winrmService: { status: 'Running', startType: 'Automatic' },
    listeners: [
      {
        address: '*',
        transport: 'HTTP',
        port: 5985,
        hostname: null,
        enabled: true,
        certificateThumbprint: null,
        source: null,
      },
      {
        address: '*',
        transport: 'HTTPS',
        port: 5986,
        hostname: fqdn,
        enabled: true,
        certificateThumbprint: thumbprint,
        source: null,
      },
    ],
    cbt: { level: 'None', source: null },
    sessionConfigurations: [
      { name: 'microsoft.powershell', permission: defaultPermission, sddl: defaultSddl, enabled: true },
    ],
    administrators: [
      {
        name: `${host}\\Administrator`,
        sid: null,
        objectClass: 'User',
        principalSource: 'Local',
        via: [],
      },
      domainAdmins,
    ],
    remoteManagementUsers: [svcSync],
    certificates: [
      {
        thumbprint,
        subject: `CN=${fqdn}`,
        dnsNames: [fqdn],
        notBeforeDays: -100,
        notAfterDays: 265,
        hasPrivateKey: true,
        enhancedKeyUsages: serverAuth,
      },
    ],
    firewallRules: [winrmHttpsRule],
    adComputer: {
      distinguishedName: `CN=${host},OU=Exchange,DC=contoso,DC=com`,
      userAccountControl: 0x1000 | 0x80000,
    },
    mfa: demoMfa(),
    ...changes,
  };
}

export const demoServers: LabExchangeServerInput[] = [
  // exch01: ready on every check.
  healthy(1),
  // exch02: every warning: manual start, Relaxed CBT, certificate expiring in 12 days, Private-only rule, constrained delegation,
  // and "*" in its own TrustedHosts (as the integration's manual says to set), which breaks its Exchange Management Shell.
  healthy(2, {
    trustedHosts: { value: '*', source: null },
    winrmService: { status: 'Running', startType: 'Manual' },
    cbt: { level: 'Relaxed', source: null },
    certificates: [
      {
        thumbprint: thumbprintOf(2),
        subject: 'CN=exch02.contoso.com',
        dnsNames: ['exch02.contoso.com'],
        notBeforeDays: -353,
        notAfterDays: 12,
        hasPrivateKey: true,
        enhancedKeyUsages: serverAuth,
      },
    ],
    firewallRules: [{ ...winrmHttpsRule, profiles: ['Private'] }],
    adComputer: {
      distinguishedName: 'CN=EXCH02,OU=Exchange,DC=contoso,DC=com',
      userAccountControl: 0x1000 | 0x1000000,
      allowedToDelegateTo: ['http/exch01.contoso.com'],
    },
    // MFA: an older module DLL in owa than on the other servers (version drift).
    mfa: demoMfa({ owa: { binaries: [monosignBinary('2.3.0.0')] } }),
  }),
  // exch03: every failure: WinRM stopped, no HTTPS listener, Strict CBT owned by Group Policy, a block rule, no delegation.
  healthy(3, {
    winrmService: { status: 'Stopped', startType: 'Disabled' },
    listeners: [
      {
        address: '*',
        transport: 'HTTP',
        port: 5985,
        hostname: null,
        enabled: true,
        certificateThumbprint: null,
        source: 'GPO',
      },
    ],
    cbt: { level: 'Strict', source: 'GPO' },
    remoteManagementUsers: [],
    firewallRules: [
      winrmHttpsRule,
      { ...winrmHttpsRule, name: 'Block-5986', displayName: 'Block WinRM HTTPS', action: 'Block' },
    ],
    adComputer: { distinguishedName: 'CN=EXCH03,OU=Exchange,DC=contoso,DC=com', userAccountControl: 0x1000 },
    tcp5986: 'refused',
    // MFA: web.config configured but the module DLL was never copied to bin, and no backup was taken.
    mfa: demoMfa({ owa: { binaries: [], backups: [] }, ecp: { binaries: [], backups: [] } }),
  }),
  // exch04: an expired certificate and NETWORK AccessDenied on microsoft.powershell.
  healthy(4, {
    certificates: [
      {
        thumbprint: thumbprintOf(4),
        subject: 'CN=exch04.contoso.com',
        dnsNames: ['exch04.contoso.com'],
        notBeforeDays: -400,
        notAfterDays: -35,
        hasPrivateKey: true,
        enhancedKeyUsages: serverAuth,
      },
    ],
    sessionConfigurations: [
      {
        name: 'microsoft.powershell',
        permission: `NT AUTHORITY\\NETWORK AccessDenied, ${defaultPermission}`,
        sddl: 'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
        enabled: true,
      },
    ],
    // MFA: owa has the module first and the API key twice; ecp has a debug mode that is not a boolean.
    mfa: demoMfa({
      owa: {
        webConfig: demoWebConfig('owa', {
          settings: [...monosignSettings, ['MONOSIGN_API_KEY', 'demo-old-key-11aa22bb']],
          module: 'first',
        }),
      },
      ecp: {
        webConfig: demoWebConfig('ecp', {
          settings: monosignSettings.map(([key, value]): [string, string] =>
            key === 'MONOSIGN_DEBUG_MODE' ? [key, 'yes'] : [key, value],
          ),
        }),
      },
    }),
  }),
  // exch05: Kerberos refuses the connection (wrong or missing HTTP SPN).
  healthy(5, {
    unreachable: {
      message:
        'Connecting to remote server exch05.contoso.com failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred. For more information, see the about_Remote_Troubleshooting Help topic.',
      fullyQualifiedErrorId: '1398,PSSessionStateBroken',
      category: 'OpenError',
      errorCode: '0x80090322',
      exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
    },
    tcp5986: 'reachable',
  }),
  // exch06: a firewall drops TCP 5986 on the way.
  healthy(6, {
    unreachable: {
      message:
        'Connecting to remote server exch06.contoso.com failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. By default, the WinRM firewall exception for public profiles limits access to remote computers within the same local subnet. For more information, see the about_Remote_Troubleshooting Help topic.',
      fullyQualifiedErrorId: 'WinRMOperationTimeout,PSSessionStateBroken',
      category: 'OpenError',
      errorCode: '0x80338126',
      exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
    },
    tcp5986: 'timed-out',
  }),
  // exch07: never answers before the run ends.
  healthy(7, { silent: true }),
  // exch08: collected, but two cmdlets failed there, one sync server cannot reach it, and the service account is only nested.
  healthy(8, {
    failingParts: {
      certificates: "Get-ChildItem : Cannot find drive. A drive with the name 'Cert' does not exist.",
      adComputer: 'Exception calling "FindOne" with "0" argument(s): "The server is not operational."',
    },
    tcp5986From: { 'sync02.contoso.com': 'timed-out' },
    remoteManagementUsers: [
      {
        name: 'CONTOSO\\Exchange Sync Operators',
        sid: 'S-1-5-21-3623811015-3361044348-30300820-2201',
        objectClass: 'Group',
        principalSource: 'ActiveDirectory',
        via: [],
      },
      { ...svcSync, via: ['CONTOSO\\Exchange Sync Operators'] },
    ],
    // MFA: a firewall blocks the API, and the log shows it and an old invalid key.
    mfa: demoMfa({
      api: {
        outcome: 'tcp-failure',
        statusCode: null,
        message: 'Unable to connect to the remote server',
      },
      logLines: [
        '[CONTOSO\\bob] By-username result is OK {"InternalMessage":"Invalid Application Key","Code":12,"Success":false}',
        '[] https://mail.contoso.com/owa/auth/errorFE.aspx?httpCode=500',
        '[CONTOSO\\alice] By-username result is 0',
        '[] https://mail.contoso.com/owa/auth/errorFE.aspx?httpCode=500',
        '[CONTOSO\\carol] By-username result is 0',
      ],
    }),
  }),
];

/** The demo lab estate (everything derived from it is simulated). */
export const demoEstate: LabEstate = LabEstate.parse({
  name: 'Contoso demo lab (simulated)',
  serviceAccount: 'CONTOSO\\svc-sync',
  serviceAccountSid: svcSync.sid,
  jumpHost: 'jump01.contoso.com',
  syncServers: [
    {
      fqdn: 'sync01.contoso.com',
      trustedHosts: {
        value:
          'exch01.contoso.com,exch02.contoso.com,exch03.contoso.com,exch04.contoso.com,exch08.contoso.com',
        source: null,
      },
    },
    { fqdn: 'sync02.contoso.com', trustedHosts: { value: '*.contoso.com', source: 'GPO' } },
  ],
  exchangeServers: demoServers,
  warnings: [
    {
      server: 'exch08.contoso.com',
      message:
        'The WinRM client sent a request to the remote WS-Management service and was notified that the request size exceeded the configured MaxEnvelopeSize quota.',
    },
  ],
});
