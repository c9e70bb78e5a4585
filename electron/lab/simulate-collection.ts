import type {
  CollectionLine,
  CollectionRequest,
  ErrorRecordData,
} from '../../shared/facts/collection-protocol';
import type { FirewallProfileStateFacts, FirewallRuleFacts } from '../../shared/facts/firewall-facts';
import type { LocalGroupMemberFacts } from '../../shared/facts/local-group-facts';
import type { TcpOutcome } from '../../shared/facts/reachability-facts';
import type { LabCertificate, LabEstate, LabExchangeServer, LabMfaApp, LabPart } from './lab-estate';
import { base64Of, sha256Hex, utf8Bytes } from './lab-bytes';
import {
  actionNumber,
  defaultActionNumber,
  directionNumber,
  gpoBooleanNumber,
  labRuleFilters,
  profileMask,
} from './lab-netsecurity';

// Prints, as records, exactly what Invoke-ExreadyCollection.ps1 would print for a lab estate on Windows PowerShell 5.1:
// enums as numbers, DateTime as \/Date(ms)\/, WSMan values as text, one-element arrays collapsed, empty ones as null.

type Raw = unknown;

const dayMs = 86_400_000;

/** ConvertTo-Json of a pipeline result: nothing is $null, one item is the item itself. */
function ps51List(items: readonly Raw[]): Raw {
  if (items.length === 0) return null;
  return items.length === 1 ? items[0] : [...items];
}

function ps51Date(ms: number): string {
  return `/Date(${Math.round(ms)})/`;
}

// System.ServiceProcess enums, as ConvertTo-Json prints them.
const serviceStatusNumber = {
  Stopped: 1,
  StartPending: 2,
  StopPending: 3,
  Running: 4,
  ContinuePending: 5,
  PausePending: 6,
  Paused: 7,
};
const startTypeNumber = { Boot: 0, System: 1, Automatic: 2, Manual: 3, Disabled: 4 };

function part(server: LabExchangeServer, name: LabPart, value: () => Raw): Raw {
  const error = server.failingParts[name];
  return error === undefined ? { status: 'collected', value: value() } : { status: 'not-collected', error };
}

// The Exchange server prints direct members only; the lab's nested ones are what the jump host's expansion finds.
function directMembers(members: readonly LocalGroupMemberFacts[]): Raw[] {
  return members
    .filter((item) => item.via.length === 0)
    .map((item) => ({
      name: item.name,
      sid: item.sid,
      objectClass: item.objectClass,
      principalSource: item.principalSource,
    }));
}

const isDomainPrincipal = (item: LocalGroupMemberFacts) =>
  item.via.length === 0 &&
  item.sid !== null &&
  item.sid.startsWith('S-1-5-21-') &&
  item.principalSource !== 'Local';

/** Expand-ExreadyDomainGroups.ps1's output: one entry per domain SID of the requested servers, members from the lab's via chains. */
function domainGroups(lab: LabEstate, request: CollectionRequest): Raw {
  const seen = new Set<string>();
  const expansions: Raw[] = [];
  for (const fqdn of request.exchangeServers) {
    const server = findServer(lab, fqdn);
    if (server === undefined || server.unreachable !== null || server.silent) continue;
    const lists = [server.administrators, server.remoteManagementUsers];
    for (const root of lists.flat().filter(isDomainPrincipal)) {
      const sid = (root.sid ?? '').toUpperCase();
      if (seen.has(sid)) continue;
      seen.add(sid);
      const below = lists
        .flat()
        .filter((item) => item.via[0] === root.name)
        .map((item) => ({
          name: item.name,
          sid: item.sid,
          objectClass: item.objectClass,
          via: ps51List(item.via.slice(1)),
          ...(item.objectClass === 'Group' ? { expansion: { status: 'expanded' } } : {}),
        }));
      expansions.push({
        sid: root.sid,
        objectClass: root.objectClass,
        members: { status: 'collected', value: ps51List(below) },
      });
    }
  }
  return { status: 'collected', value: ps51List(expansions) };
}

/** Resolve-ExreadyAccountSid: the lab knows the SID of its own service account only. */
function serviceAccountSid(lab: LabEstate, request: CollectionRequest): Raw {
  const account = request.serviceAccount;
  if (account === null) return null;
  return lab.serviceAccountSid !== null && account.toLowerCase() === (lab.serviceAccount ?? '').toLowerCase()
    ? { status: 'collected', value: lab.serviceAccountSid }
    : {
        status: 'not-collected',
        error:
          'Exception calling "Translate" with "1" argument(s): "Some or all identity references could not be translated."',
      };
}

function certificate(item: LabCertificate, now: number): Raw {
  return {
    thumbprint: item.thumbprint,
    subject: item.subject,
    dnsNames: ps51List(item.dnsNames),
    notBefore: ps51Date(now + item.notBeforeDays * dayMs),
    notAfter: ps51Date(now + item.notAfterDays * dayMs),
    hasPrivateKey: item.hasPrivateKey,
    enhancedKeyUsages: ps51List(item.enhancedKeyUsages),
  };
}

function firewallRule(rule: FirewallRuleFacts): Raw {
  const filters = labRuleFilters(rule);
  return {
    name: rule.name,
    displayName: rule.displayName,
    enabled: rule.enabled ? 1 : 2,
    direction: directionNumber[rule.direction],
    action: actionNumber[rule.action],
    protocol: rule.protocol,
    localPorts: ps51List(rule.localPorts),
    remoteAddresses: ps51List(rule.remoteAddresses),
    profiles: profileMask(rule.profiles),
    policyStoreSourceType: filters.origin,
    policyStoreSource: filters.store,
    program: filters.program,
    package: filters.package,
    service: filters.service,
    interfaceAliases: ps51List(filters.interfaceAliases),
    interfaceTypes: filters.interfaceTypes,
  };
}

function firewallProfile(profile: FirewallProfileStateFacts): Raw {
  return {
    name: profile.name,
    enabled: gpoBooleanNumber(profile.enabled),
    defaultInboundAction: defaultActionNumber[profile.defaultInboundAction],
  };
}

function mfaApp(app: LabMfaApp, now: number): Raw {
  const bytes =
    app.webConfig === null ? null : [...(app.bom ? [0xef, 0xbb, 0xbf] : []), ...utf8Bytes(app.webConfig)];
  return {
    app: app.app,
    path: {
      status: 'collected',
      value: { physicalPath: app.physicalPath, source: app.pathSource, note: null },
    },
    webConfig:
      bytes === null
        ? { status: 'not-collected', error: `Could not find file '${app.physicalPath}\\web.config'.` }
        : { status: 'collected', value: { base64: base64Of(bytes), sha256: sha256Hex(bytes) } },
    binaries: { status: 'collected', value: ps51List(app.binaries) },
    backups: {
      status: 'collected',
      value: ps51List(
        app.backups.map((name) => ({
          name,
          lastWriteTimeUtc: new Date(now - 86_400_000).toISOString(),
          length: 4096,
        })),
      ),
    },
  };
}

/** The MFA area, when the request asks for it: only the apps the request names. */
function mfaFacts(server: LabExchangeServer, request: CollectionRequest, now: number): Raw {
  const mfa = request.mfa;
  if (mfa === undefined) return undefined;
  const lab = server.mfa;
  if (lab === undefined)
    return {
      status: 'not-collected',
      error: 'IIS did not name the physical path of /owa and ExchangeInstallPath is not set',
    };
  return {
    status: 'collected',
    value: {
      profileId: mfa.profileId,
      apps: mfa.apps.flatMap((id) => {
        const app = lab.apps.find((item) => item.app === id);
        return app === undefined ? [] : [mfaApp(app, now)];
      }),
      api: { status: 'collected', value: lab.api },
      logs:
        lab.logs === null
          ? {
              status: 'not-collected',
              error: `The log folder ${mfa.defaultLogPath} does not exist on this server`,
            }
          : {
              status: 'collected',
              value: {
                ...lab.logs,
                files: ps51List(lab.logs.files),
                lines: ps51List(lab.logs.lines.slice(-mfa.logLineCount)),
              },
            },
    },
  };
}

function serverFacts(server: LabExchangeServer, request: CollectionRequest, now: number): Raw {
  const mfa = mfaFacts(server, request, now);
  return {
    ...(mfa === undefined ? {} : { mfa }),
    collectedAt: ps51Date(now),
    winrmService: part(server, 'winrmService', () => ({
      status: serviceStatusNumber[server.winrmService.status],
      startType: startTypeNumber[server.winrmService.startType],
    })),
    listeners: part(server, 'listeners', () =>
      ps51List(
        server.listeners.map((listener) => ({
          address: listener.address,
          transport: listener.transport,
          port: String(listener.port),
          hostname: listener.hostname ?? '',
          enabled: String(listener.enabled),
          certificateThumbprint: listener.certificateThumbprint ?? '',
          source: listener.source,
        })),
      ),
    ),
    serviceAuth: part(server, 'serviceAuth', () => ({
      cbtHardeningLevel: server.cbt.level,
      cbtHardeningLevelSource: server.cbt.source,
    })),
    sessionConfigurations: part(server, 'sessionConfigurations', () =>
      ps51List(server.sessionConfigurations),
    ),
    localGroups: {
      // An empty group crosses remoting as [] (the collector returns one array), so it is not ps51List's null.
      administrators: part(server, 'administrators', () => directMembers(server.administrators)),
      remoteManagementUsers: part(server, 'remoteManagementUsers', () =>
        directMembers(server.remoteManagementUsers),
      ),
    },
    certificates: part(server, 'certificates', () =>
      ps51List(server.certificates.map((c) => certificate(c, now))),
    ),
    firewallRules: part(server, 'firewallRules', () => ps51List(server.firewallRules.map(firewallRule))),
    // Read by the same NetSecurity module: where the lab makes the rules fail, the profiles fail too.
    firewallProfiles: part(server, 'firewallRules', () =>
      ps51List(server.firewallProfiles.map(firewallProfile)),
    ),
    trustedHosts: { status: 'collected', value: server.trustedHosts },
  };
}

const probeMessages: Record<TcpOutcome, string | null> = {
  reachable: null,
  refused: 'No connection could be made because the target machine actively refused it',
  'timed-out': 'The connection attempt timed out after 5000 ms',
  'dns-failure': 'No such host is known',
};

function probes(server: LabExchangeServer | undefined, from: string): Raw {
  const outcome5986: TcpOutcome =
    server === undefined ? 'dns-failure' : (server.tcp5986From[from] ?? server.tcp5986);
  // 5985 follows 5986 except when only the HTTPS port is filtered.
  const outcome5985: TcpOutcome = outcome5986 === 'dns-failure' ? 'dns-failure' : 'reachable';
  return {
    status: 'collected',
    value: [
      { port: 5986, outcome: outcome5986, message: probeMessages[outcome5986] },
      { port: 5985, outcome: outcome5985, message: probeMessages[outcome5985] },
    ],
  };
}

function reachability(lab: LabEstate, request: CollectionRequest, from: string): Raw {
  return ps51List(
    request.exchangeServers.map((target) => ({ target, probes: probes(findServer(lab, target), from) })),
  );
}

function findServer(lab: LabEstate, fqdn: string): LabExchangeServer | undefined {
  return lab.exchangeServers.find((server) => server.fqdn.toLowerCase() === fqdn.toLowerCase());
}

function adComputer(server: LabExchangeServer | undefined): Raw {
  if (server === undefined)
    return { status: 'not-collected', error: 'No computer object was found in Active Directory.' };
  const failing = server.failingParts.adComputer;
  if (failing !== undefined) return { status: 'not-collected', error: failing };
  const ad = server.adComputer;
  if (ad === null)
    return { status: 'not-collected', error: `No computer object named ${server.fqdn} was found.` };
  return {
    status: 'collected',
    value: {
      distinguishedName: ad.distinguishedName,
      userAccountControl: ad.userAccountControl,
      trustedForDelegation: (ad.userAccountControl & 0x80000) !== 0,
      trustedToAuthForDelegation: (ad.userAccountControl & 0x1000000) !== 0,
      allowedToDelegateTo: ps51List(ad.allowedToDelegateTo),
      allowedToActOnBehalfOfOtherIdentityPresent: ad.allowedToActOnBehalfOfOtherIdentityPresent,
    },
  };
}

const unknownHost = (fqdn: string): ErrorRecordData => ({
  message: `Connecting to remote server ${fqdn} failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved. For more information, see the about_Remote_Troubleshooting Help topic.`,
  fullyQualifiedErrorId: 'ComputerNotFound,PSSessionStateBroken',
  category: 'OpenError',
  errorCode: '0x80072ee7',
  exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
});

/** The records the collection script would print for this lab and request, in the order it would print them. */
export function simulateCollection(lab: LabEstate, request: CollectionRequest, now: Date): CollectionLine[] {
  const at = now.getTime();
  const line = (kind: CollectionLine['kind'], server: string | null, data: Raw): CollectionLine => ({
    exready: 1,
    runId: request.runId,
    kind,
    server,
    data,
  });
  const out: CollectionLine[] = [];
  for (const fqdn of request.exchangeServers) {
    const server = findServer(lab, fqdn);
    if (server?.silent === true) continue;
    if (server === undefined) out.push(line('server-error', fqdn, unknownHost(fqdn)));
    else if (server.unreachable !== null) out.push(line('server-error', fqdn, server.unreachable));
    else out.push(line('server-facts', fqdn, serverFacts(server, request, at)));
  }
  for (const fqdn of request.syncServers) {
    const sync = lab.syncServers.find((item) => item.fqdn.toLowerCase() === fqdn.toLowerCase());
    if (sync === undefined) out.push(line('server-error', fqdn, unknownHost(fqdn)));
    else if (sync.unreachable !== null) out.push(line('server-error', fqdn, sync.unreachable));
    else
      out.push(
        line('sync-facts', fqdn, {
          trustedHosts: { status: 'collected', value: sync.trustedHosts },
          reachability: reachability(lab, request, sync.fqdn),
        }),
      );
  }
  out.push(
    line('jumphost-facts', null, {
      host: lab.jumpHost,
      adComputers: ps51List(
        request.exchangeServers.map((fqdn) => ({
          server: fqdn,
          adComputer: adComputer(findServer(lab, fqdn)),
        })),
      ),
      reachability: reachability(lab, request, lab.jumpHost),
      domainGroups: domainGroups(lab, request),
      serviceAccountSid: serviceAccountSid(lab, request),
    }),
  );
  for (const warning of lab.warnings) out.push(line('warning', warning.server, warning.message));
  const count = (kind: CollectionLine['kind']) => out.filter((item) => item.kind === kind).length;
  out.push(
    line('done', null, {
      serverFacts: count('server-facts'),
      syncFacts: count('sync-facts'),
      errors: count('server-error'),
      warnings: count('warning'),
    }),
  );
  return out;
}

/** The stdout text of those records: one compressed JSON object per CRLF line, dates escaped as PS 5.1 writes them. */
export function collectionText(lines: readonly CollectionLine[]): string {
  return lines
    .map((item) => `${JSON.stringify(item).replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"')}\r\n`)
    .join('');
}
