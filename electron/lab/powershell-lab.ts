import type { LabEstate, LabExchangeServer } from './lab-estate';
import {
  actionNumber,
  defaultActionNumber,
  directionNumber,
  gpoBooleanNumber,
  labRuleFilters,
  profileMask,
} from './lab-netsecurity';
import { labDirectory } from './powershell-lab-directory';

// The lab as resources/powershell/lab/ExreadyLab.psm1 reads it: the raw values its stand-in cmdlets return,
// named as the real cmdlets name them, with dates made absolute for the given `now`.

const dayMs = 86_400_000;
const serviceStatus = {
  Stopped: 1,
  StartPending: 2,
  StopPending: 3,
  Running: 4,
  ContinuePending: 5,
  PausePending: 6,
  Paused: 7,
};
const startType = { Boot: 0, System: 1, Automatic: 2, Manual: 3, Disabled: 4 };

/** The loopback address a lab server answers on inside the lab's own network namespace. */
export function labAddress(index: number): string {
  return `127.0.1.${index + 1}`;
}

function labServer(server: LabExchangeServer, now: number, index: number) {
  // Get-LocalGroupMember returns direct members only; nested ones are what the jump host's expansion finds.
  const direct = (members: LabExchangeServer['administrators']) =>
    members
      .filter((member) => member.via.length === 0)
      .map((member) => ({
        Name: member.name,
        SID: member.sid,
        ObjectClass: member.objectClass,
        PrincipalSource: member.principalSource,
      }));
  return {
    fqdn: server.fqdn,
    // What its TCP ports do, stood in for by loopback listeners (a refused port has none, a dropped one a full backlog).
    network: {
      address: labAddress(index),
      ports: {
        '5986': server.tcp5986,
        '5985': server.tcp5986 === 'dns-failure' ? 'dns-failure' : 'reachable',
      },
    },
    unreachable: server.unreachable,
    silent: server.silent,
    failing: server.failingParts,
    service: {
      Status: serviceStatus[server.winrmService.status],
      StartType: startType[server.winrmService.startType],
    },
    listeners: server.listeners.map((listener) => ({
      Address: listener.address,
      Transport: listener.transport,
      Port: String(listener.port),
      Hostname: listener.hostname ?? '',
      Enabled: String(listener.enabled),
      CertificateThumbprint: listener.certificateThumbprint ?? '',
      Source: listener.source,
    })),
    cbt: { Value: server.cbt.level, SourceOfValue: server.cbt.source },
    trustedHosts: { Value: server.trustedHosts.value, SourceOfValue: server.trustedHosts.source },
    sessionConfigurations: server.sessionConfigurations.map((item) => ({
      Name: item.name,
      Permission: item.permission,
      SecurityDescriptorSddl: item.sddl,
      Enabled: item.enabled === null ? null : String(item.enabled),
    })),
    groups: {
      'S-1-5-32-544': direct(server.administrators),
      'S-1-5-32-580': direct(server.remoteManagementUsers),
    },
    certificates: server.certificates.map((certificate) => ({
      Thumbprint: certificate.thumbprint,
      Subject: certificate.subject,
      DnsNames: certificate.dnsNames,
      NotBefore: new Date(now + certificate.notBeforeDays * dayMs).toISOString(),
      NotAfter: new Date(now + certificate.notAfterDays * dayMs).toISOString(),
      HasPrivateKey: certificate.hasPrivateKey,
      EnhancedKeyUsages: certificate.enhancedKeyUsages,
    })),
    // Each rule with its filters' values and the store that holds it (PersistentStore, or RSOP for a GPO rule).
    firewallRules: server.firewallRules.map((rule, index) => {
      const filters = labRuleFilters(rule);
      return {
        InstanceID: `lab-rule-${index}`,
        Name: rule.name,
        DisplayName: rule.displayName,
        Enabled: rule.enabled ? 1 : 2,
        Direction: directionNumber[rule.direction],
        Action: actionNumber[rule.action],
        Profile: profileMask(rule.profiles),
        PolicyStoreSourceType: filters.origin,
        PolicyStoreSource: filters.store,
        Protocol: rule.protocol,
        LocalPort: rule.localPorts,
        RemoteAddress: rule.remoteAddresses,
        Program: filters.program,
        Package: filters.package,
        Service: filters.service,
        InterfaceAlias: filters.interfaceAliases,
        InterfaceType: filters.interfaceTypes,
      };
    }),
    firewallProfiles: server.firewallProfiles.map((profile) => ({
      Name: profile.name,
      Enabled: gpoBooleanNumber(profile.enabled),
      DefaultInboundAction: defaultActionNumber[profile.defaultInboundAction],
    })),
  };
}

export type PowerShellLab = ReturnType<typeof toPowerShellLab>;

/** The hosts file of the lab's network namespace: every server whose name resolves, at its loopback address. */
export function labHostsFile(lab: LabEstate): string {
  const lines = lab.exchangeServers.flatMap((server, index) =>
    server.tcp5986 === 'dns-failure' ? [] : [`${labAddress(index)} ${server.fqdn}`],
  );
  return ['127.0.0.1 localhost', ...lines, ''].join('\n');
}

/** The JSON document ExreadyLab.psm1 stands in for Windows with (everything in it is simulated). */
export function toPowerShellLab(lab: LabEstate, now: Date) {
  return {
    simulated: true as const,
    jumpHost: lab.jumpHost,
    directory: labDirectory(lab),
    exchangeServers: lab.exchangeServers.map((server, index) => labServer(server, now.getTime(), index)),
    syncServers: lab.syncServers.map((sync) => ({
      fqdn: sync.fqdn,
      unreachable: sync.unreachable,
      trustedHosts: { Value: sync.trustedHosts.value, SourceOfValue: sync.trustedHosts.source },
    })),
  };
}
