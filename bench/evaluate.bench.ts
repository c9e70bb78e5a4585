import { performance } from 'node:perf_hooks';
import { evaluateSavedFacts } from '../electron/checks/evaluate-estate';
import { parseSavedFacts } from '../electron/facts/saved-facts-reader';
import type { BenchFigure, BenchSuite } from './bench-result';

// 1,000 Exchange servers as a Windows PowerShell 5.1 collector prints them (enum numbers, \/Date()\/, collapsed
// arrays), in a mix of ready, warning, failing and unreachable servers, evaluated against two sync servers.

const serverCount = 1000;
const runs = 5;
const now = new Date('2025-03-01T12:00:00.000Z');
const msDate = (iso: string) => `/Date(${Date.parse(iso)})/`;
const ok = (value: unknown) => ({ status: 'collected', value });
const syncServers = ['sync01.contoso.com', 'sync02.contoso.com'];

function probes(from: string, origin: string, outcome: string) {
  return {
    from,
    origin,
    probes: ok([
      { port: 5986, outcome, message: null },
      { port: 5985, outcome: 'reachable', message: null },
    ]),
  };
}

function serverFacts(index: number): unknown {
  const fqdn = `exch${String(index).padStart(4, '0')}.contoso.com`;
  const kind = index % 10;
  if (kind === 9) {
    return {
      schemaVersion: 1,
      fqdn,
      collectedAt: msDate('2025-03-01T11:58:00Z'),
      status: 'unreachable',
      failure: {
        cause: 'tcp-timeout',
        message: 'WinRM cannot complete the operation.',
        remedy: 'Open TCP 5986.',
      },
    };
  }
  const thumbprint = (index.toString(16).toUpperCase() + 'A'.repeat(40)).slice(0, 40);
  const failing = kind === 7;
  return {
    schemaVersion: 1,
    fqdn,
    collectedAt: msDate('2025-03-01T11:58:00Z'),
    status: 'collected',
    winrmService: ok({ status: failing ? 1 : 4, startType: kind === 3 ? 3 : 2 }),
    listeners: ok([
      {
        address: '*',
        transport: 'HTTP',
        port: '5985',
        hostname: '',
        enabled: 'true',
        certificateThumbprint: '',
        source: null,
      },
      {
        address: '*',
        transport: 'HTTPS',
        port: '5986',
        hostname: fqdn,
        enabled: failing ? 'false' : 'true',
        certificateThumbprint: thumbprint,
        source: null,
      },
    ]),
    serviceAuth: ok({ cbtHardeningLevel: kind === 5 ? 'Relaxed' : 'None', cbtHardeningLevelSource: null }),
    sessionConfigurations: ok({
      name: 'microsoft.powershell',
      permission: failing
        ? 'NT AUTHORITY\\NETWORK AccessDenied, BUILTIN\\Administrators AccessAllowed'
        : 'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed',
      sddl: null,
      enabled: true,
    }),
    localGroups: {
      administrators: ok({
        name: 'CONTOSO\\Domain Admins',
        sid: null,
        objectClass: 'Group',
        principalSource: 'ActiveDirectory',
        via: null,
      }),
      remoteManagementUsers: ok([
        {
          name: 'CONTOSO\\Sync Operators',
          sid: null,
          objectClass: 'Group',
          principalSource: 'ActiveDirectory',
          via: null,
        },
        {
          name: 'CONTOSO\\svc-sync',
          sid: null,
          objectClass: 'User',
          principalSource: 'ActiveDirectory',
          via: 'CONTOSO\\Sync Operators',
        },
      ]),
    },
    certificates: ok({
      thumbprint,
      subject: `CN=${fqdn}`,
      dnsNames: [fqdn, 'mail.contoso.com'],
      notBefore: msDate('2025-01-01T00:00:00Z'),
      notAfter: msDate(kind === 4 ? '2025-03-10T00:00:00Z' : '2026-01-01T00:00:00Z'),
      hasPrivateKey: true,
      enhancedKeyUsages: '1.3.6.1.5.5.7.3.1',
    }),
    firewallRules: ok({
      name: 'WINRM-HTTPS-In-TCP',
      displayName: 'Windows Remote Management (HTTPS-In)',
      enabled: 1,
      direction: 1,
      action: 2,
      protocol: 'TCP',
      localPorts: '5986',
      remoteAddresses: kind === 6 ? ['10.20.0.11', '10.20.0.12'] : 'Any',
      profiles: 1,
    }),
    adComputer: ok({
      distinguishedName: `CN=EXCH${index},OU=Exchange,DC=contoso,DC=com`,
      userAccountControl: failing ? 4096 : 528384,
      trustedForDelegation: !failing,
      trustedToAuthForDelegation: false,
      allowedToDelegateTo: null,
      allowedToActOnBehalfOfOtherIdentityPresent: false,
    }),
    reachability: [
      ...syncServers.map((sync) => probes(sync, 'sync-server', failing ? 'refused' : 'reachable')),
      probes('jump01.contoso.com', 'jump-host', 'reachable'),
    ],
  };
}

function estateText(): string {
  const servers = Array.from({ length: serverCount }, (_, index) => serverFacts(index));
  const estate = {
    schemaVersion: 1,
    collectedAt: msDate('2025-03-01T11:58:00Z'),
    context: {
      serviceAccount: 'CONTOSO\\svc-sync',
      exchangeServers: servers.map((server) => (server as { fqdn: string }).fqdn),
      syncServers: syncServers.map((fqdn) => ({
        fqdn,
        trustedHosts: ok({ value: '*.contoso.com', source: null }),
      })),
    },
    servers,
  };
  return JSON.stringify(estate).replaceAll('"/Date(', '"\\/Date(').replaceAll(')/"', ')\\/"');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

export const evaluateBench: BenchSuite = () => {
  const text = estateText();
  const parseTimes: number[] = [];
  const evaluateTimes: number[] = [];
  let checks = 0;
  // One untimed round first so the figures measure steady state, not module loading and JIT warm-up.
  for (let round = 0; round <= runs; round += 1) {
    const parsed = timed(() => parseSavedFacts(text, 'bench-estate.json'));
    const evaluated = timed(() => evaluateSavedFacts(parsed.value, now));
    checks = evaluated.value.reduce((sum, server) => sum + server.results.length, 0);
    if (round === 0) continue;
    parseTimes.push(parsed.ms);
    evaluateTimes.push(evaluated.ms);
  }
  const figures: BenchFigure[] = [
    {
      name: "evaluate 1,000 servers' facts",
      value: Number(median(evaluateTimes).toFixed(1)),
      unit: 'ms',
      target: { value: 1000, better: 'lower' },
      note: `median of ${runs} runs; ${checks} check results; 10% unreachable, 10% failing`,
    },
    {
      name: "normalise and validate 1,000 servers' PowerShell 5.1 facts",
      value: Number(median(parseTimes).toFixed(1)),
      unit: 'ms',
      note: `median of ${runs} runs over ${(text.length / 1024 / 1024).toFixed(1)} MiB of JSON`,
    },
  ];
  return Promise.resolve(figures);
};
