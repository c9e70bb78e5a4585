import type { CollectedServerFacts, SyncServerFacts } from '../../shared/facts/server-facts';
import type { EvaluationContext } from '../../electron/checks/evaluation-context';

// A ready Exchange server, as a collector would describe it; tests change one part at a time.

export const testNow = new Date('2025-03-01T12:00:00.000Z');
export const defaultPermission =
  'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed';

export function collectedValue<T>(value: T): { status: 'collected'; value: T } {
  return { status: 'collected', value };
}

export function notCollected(error: string): { status: 'not-collected'; error: string } {
  return { status: 'not-collected', error };
}

export function readyServerFacts(overrides: Partial<CollectedServerFacts> = {}): CollectedServerFacts {
  return {
    schemaVersion: 1,
    fqdn: 'exch01.contoso.com',
    collectedAt: '2025-03-01T11:58:00.000Z',
    status: 'collected',
    winrmService: collectedValue({ status: 'Running', startType: 'Automatic' }),
    listeners: collectedValue([
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
        hostname: 'exch01.contoso.com',
        enabled: true,
        certificateThumbprint: '6A8D7E5537D441190FD72C7C2E879A064072CE0F',
        source: null,
      },
    ]),
    serviceAuth: collectedValue({ cbtHardeningLevel: 'None', cbtHardeningLevelSource: null }),
    sessionConfigurations: collectedValue([
      { name: 'microsoft.powershell', permission: defaultPermission, sddl: null, enabled: true },
    ]),
    localGroups: {
      administrators: collectedValue([
        { name: 'EXCH01\\Administrator', sid: null, objectClass: 'User', principalSource: 'Local', via: [] },
        {
          name: 'CONTOSO\\Domain Admins',
          sid: null,
          objectClass: 'Group',
          principalSource: 'ActiveDirectory',
          via: [],
        },
      ]),
      remoteManagementUsers: collectedValue([
        {
          name: 'CONTOSO\\svc-sync',
          sid: null,
          objectClass: 'User',
          principalSource: 'ActiveDirectory',
          via: [],
        },
      ]),
    },
    certificates: collectedValue([
      {
        thumbprint: '6A8D7E5537D441190FD72C7C2E879A064072CE0F',
        subject: 'CN=exch01.contoso.com',
        dnsNames: ['exch01.contoso.com'],
        notBefore: '2025-01-01T00:00:00.000Z',
        notAfter: '2026-01-01T00:00:00.000Z',
        hasPrivateKey: true,
        enhancedKeyUsages: ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1'],
      },
    ]),
    firewallRules: collectedValue([
      {
        name: 'WINRM-HTTPS-In-TCP',
        displayName: 'Windows Remote Management (HTTPS-In)',
        enabled: true,
        direction: 'Inbound',
        action: 'Allow',
        protocol: 'TCP',
        localPorts: ['5986'],
        remoteAddresses: ['Any'],
        profiles: ['Domain'],
      },
    ]),
    adComputer: collectedValue({
      distinguishedName: 'CN=EXCH01,CN=Computers,DC=contoso,DC=com',
      userAccountControl: 528384,
      trustedForDelegation: true,
      trustedToAuthForDelegation: false,
      allowedToDelegateTo: [],
      allowedToActOnBehalfOfOtherIdentityPresent: false,
    }),
    trustedHosts: collectedValue({ value: '', source: null }),
    reachability: [
      {
        from: 'sync01.contoso.com',
        origin: 'sync-server',
        probes: collectedValue([
          { port: 5986, outcome: 'reachable', message: null },
          { port: 5985, outcome: 'reachable', message: null },
        ]),
      },
      {
        from: 'jump01.contoso.com',
        origin: 'jump-host',
        probes: collectedValue([
          { port: 5986, outcome: 'reachable', message: null },
          { port: 5985, outcome: 'reachable', message: null },
        ]),
      },
    ],
    ...overrides,
  };
}

export function syncServer(
  fqdn: string,
  trustedHosts: string,
  source: string | null = null,
): SyncServerFacts {
  return { fqdn, trustedHosts: collectedValue({ value: trustedHosts, source }) };
}

export function testContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    now: testNow,
    serviceAccount: 'CONTOSO\\svc-sync',
    syncServers: [syncServer('sync01.contoso.com', 'exch01.contoso.com, exch02.contoso.com')],
    exchangeServers: ['exch01.contoso.com', 'exch02.contoso.com'],
    ...overrides,
  };
}
