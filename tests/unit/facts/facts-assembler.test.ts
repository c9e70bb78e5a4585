import { describe, expect, it } from 'vitest';
import { assembleSavedFacts } from '../../../electron/facts/facts-assembler';
import type { CollectionLine, CollectionRequest } from '../../../shared/facts/collection-protocol';
import type { CollectedServerFacts, ServerFacts } from '../../../shared/facts/server-facts';

const runId = '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';
const collectedAt = new Date('2026-03-01T10:00:00.000Z');
const request: CollectionRequest = {
  runId,
  exchangeServers: ['exch01.contoso.com', 'exch02.contoso.com', 'exch03.contoso.com'],
  syncServers: ['sync01.contoso.com', 'sync02.contoso.com'],
  serviceAccount: 'CONTOSO\\svc-sync',
  throttle: 16,
  timeoutSeconds: 120,
};

const line = (kind: CollectionLine['kind'], server: string | null, data: unknown): CollectionLine => ({
  exready: 1,
  runId,
  kind,
  server,
  data,
});

// Raw PS 5.1 facts of one server: enums as numbers, WSMan text, collapsed one-element arrays, \/Date\/.
const rawExch01 = {
  collectedAt: '/Date(1772359140000)/',
  winrmService: { status: 'collected', value: { status: 4, startType: 2 } },
  listeners: {
    status: 'collected',
    value: {
      address: '*',
      transport: 'HTTPS',
      port: '5986',
      hostname: 'exch01.contoso.com',
      enabled: 'true',
      certificateThumbprint: 'AB',
      source: null,
    },
  },
  serviceAuth: { status: 'not-collected', error: 'Get-Item : Access to the path is denied.' },
  sessionConfigurations: { status: 'collected', value: null },
  localGroups: {
    administrators: {
      status: 'collected',
      value: {
        name: 'CONTOSO\\Domain Admins',
        sid: null,
        objectClass: 'Group',
        principalSource: 'ActiveDirectory',
        via: null,
      },
    },
    remoteManagementUsers: { status: 'collected', value: null },
  },
  certificates: { status: 'collected', value: null },
  firewallRules: { status: 'collected', value: null },
};

const probes = (outcome: string) => ({
  status: 'collected',
  value: [
    { port: 5986, outcome, message: null },
    { port: 5985, outcome: 'reachable', message: null },
  ],
});

const syncData = (value: string) => ({
  trustedHosts: { status: 'collected', value: { value, source: null } },
  // One Exchange server tested: PS 5.1 collapses the list to its element.
  reachability: { target: 'EXCH01.contoso.com', probes: probes('timed-out') },
});

const jumpData = {
  host: 'jump01.contoso.com',
  adComputers: [
    {
      server: 'exch01.contoso.com',
      adComputer: {
        status: 'collected',
        value: {
          distinguishedName: 'CN=EXCH01,OU=Exchange,DC=contoso,DC=com',
          userAccountControl: 528384,
          trustedForDelegation: true,
          trustedToAuthForDelegation: false,
          allowedToDelegateTo: null,
          allowedToActOnBehalfOfOtherIdentityPresent: false,
        },
      },
    },
  ],
  reachability: [{ target: 'exch01.contoso.com', probes: probes('reachable') }],
};

const kerberosError = {
  message:
    'Connecting to remote server exch02.contoso.com failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred.',
  fullyQualifiedErrorId: '1398,PSSessionStateBroken',
  category: 'OpenError',
  errorCode: '0x80090322',
  exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
};

const sync02Error = {
  ...kerberosError,
  message: 'Connecting to remote server sync02.contoso.com failed: Access is denied.',
};

function collected(servers: readonly ServerFacts[], fqdn: string): CollectedServerFacts {
  const server = servers.find((item) => item.fqdn === fqdn);
  if (server?.status !== 'collected') throw new Error(`${fqdn} was not collected`);
  return server;
}

const lines: CollectionLine[] = [
  line('server-error', 'exch02.contoso.com', kerberosError),
  line('server-facts', 'EXCH01.contoso.com', rawExch01),
  line('sync-facts', 'sync01.contoso.com', syncData('exch01.contoso.com')),
  line('server-error', 'sync02.contoso.com', sync02Error),
  line('jumphost-facts', null, jumpData),
  line('warning', 'exch01.contoso.com', 'MaxEnvelopeSize exceeded'),
  line('done', null, { serverFacts: 1, syncFacts: 1, errors: 2, warnings: 1 }),
];

describe('the facts assembler', () => {
  const { facts, problems, warnings } = assembleSavedFacts({ request, lines, collectedAt });

  it('keeps every requested Exchange server, in request order, whatever the arrival order', () => {
    expect(facts.servers.map((server) => `${server.fqdn}:${server.status}`)).toEqual([
      'exch01.contoso.com:collected',
      'exch02.contoso.com:unreachable',
      'exch03.contoso.com:unreachable',
    ]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([{ server: 'exch01.contoso.com', message: 'MaxEnvelopeSize exceeded' }]);
  });

  it('normalises the server facts the PS 5.1 way and keeps a failed part as not-collected', () => {
    const exch01 = collected(facts.servers, 'exch01.contoso.com');
    expect(exch01.collectedAt).toBe('2026-03-01T09:59:00.000Z');
    expect(exch01.winrmService).toEqual({
      status: 'collected',
      value: { status: 'Running', startType: 'Automatic' },
    });
    expect(exch01.listeners).toMatchObject({ status: 'collected', value: [{ port: 5986, enabled: true }] });
    expect(exch01.serviceAuth).toEqual({
      status: 'not-collected',
      error: 'Get-Item : Access to the path is denied.',
    });
    expect(exch01.sessionConfigurations).toEqual({ status: 'collected', value: [] });
    expect(exch01.localGroups.administrators).toMatchObject({ status: 'collected', value: [{ via: [] }] });
  });

  it('merges the AD facts read on the jump host', () => {
    const exch01 = collected(facts.servers, 'exch01.contoso.com');
    expect(exch01.adComputer).toMatchObject({
      status: 'collected',
      value: { trustedForDelegation: true, allowedToDelegateTo: [] },
    });
  });

  it('merges reachability from every sync server and the jump host, with the reason when one sent nothing', () => {
    const exch01 = collected(facts.servers, 'exch01.contoso.com');
    expect(exch01.reachability.map((item) => [item.from, item.origin, item.probes.status])).toEqual([
      ['sync01.contoso.com', 'sync-server', 'collected'],
      ['sync02.contoso.com', 'sync-server', 'not-collected'],
      ['jump01.contoso.com', 'jump-host', 'collected'],
    ]);
    const [sync01, sync02] = exch01.reachability;
    expect(sync01?.probes).toMatchObject({
      value: [
        { port: 5986, outcome: 'timed-out' },
        { port: 5985, outcome: 'reachable' },
      ],
    });
    expect(sync02?.probes).toEqual({ status: 'not-collected', error: sync02Error.message });
  });

  it('classifies an unreachable server from its error record', () => {
    const exch02 = facts.servers.find((server) => server.fqdn === 'exch02.contoso.com');
    expect(exch02).toMatchObject({
      status: 'unreachable',
      failure: { cause: 'kerberos', message: kerberosError.message },
    });
  });

  it('makes a server that sent nothing unreachable with cause unknown and says so', () => {
    const exch03 = facts.servers.find((server) => server.fqdn === 'exch03.contoso.com');
    expect(exch03).toMatchObject({
      status: 'unreachable',
      collectedAt: collectedAt.toISOString(),
      failure: { cause: 'unknown' },
    });
    if (exch03?.status === 'unreachable')
      expect(exch03.failure.message).toMatch(/received nothing from exch03\.contoso\.com/);
  });

  it('puts the sync servers TrustedHosts in the context, or why they are missing', () => {
    expect(facts.context.syncServers).toEqual([
      {
        fqdn: 'sync01.contoso.com',
        trustedHosts: { status: 'collected', value: { value: 'exch01.contoso.com', source: null } },
      },
      { fqdn: 'sync02.contoso.com', trustedHosts: { status: 'not-collected', error: sync02Error.message } },
    ]);
    expect(facts.context.serviceAccount).toBe('CONTOSO\\svc-sync');
    expect(facts.collectedAt).toBe(collectedAt.toISOString());
  });

  it('ignores lines of another run and reports them', () => {
    const foreign = { ...line('server-facts', 'exch03.contoso.com', rawExch01), runId: 'another-run' };
    const result = assembleSavedFacts({ request, lines: [...lines, foreign], collectedAt });
    expect(result.facts.servers[2]?.status).toBe('unreachable');
    expect(result.problems).toEqual(['a server-facts line of another run (another-run) was ignored']);
  });

  it('keeps the server when one part breaks the schema: that part is not collected, with a problem naming the field', () => {
    const broken = {
      ...rawExch01,
      winrmService: { status: 'collected', value: { status: 99, startType: 2 } },
    };
    const result = assembleSavedFacts({
      request,
      lines: [line('server-facts', 'exch01.contoso.com', broken)],
      collectedAt,
    });
    const server = collected(result.facts.servers, 'exch01.contoso.com');
    expect(server.winrmService).toMatchObject({ status: 'not-collected' });
    expect(server.winrmService.status === 'not-collected' && server.winrmService.error).toMatch(
      /could not read the winrmService/,
    );
    expect(server.listeners.status).toBe('collected');
    expect(result.problems[0]).toMatch(/exch01\.contoso\.com winrmService.*\$\.value\.status/);
  });

  it('an empty group that remoting turned into {} costs that group only, not the whole server', () => {
    // What 111cf4a's collector printed for an empty Remote Management Users group after PSRP serialisation.
    const emptied = {
      ...rawExch01,
      localGroups: { ...rawExch01.localGroups, remoteManagementUsers: { status: 'collected', value: {} } },
    };
    const result = assembleSavedFacts({
      request,
      lines: [line('server-facts', 'exch01.contoso.com', emptied)],
      collectedAt,
    });
    const server = collected(result.facts.servers, 'exch01.contoso.com');
    expect(server.localGroups.remoteManagementUsers.status).toBe('not-collected');
    expect(server.localGroups.administrators.status).toBe('collected');
    expect(server.winrmService).toMatchObject({ status: 'collected', value: { status: 'Running' } });
  });

  it('makes a server unreachable only when its line is not an object of parts', () => {
    const result = assembleSavedFacts({
      request,
      lines: [line('server-facts', 'exch01.contoso.com', 'System.Object[]')],
      collectedAt,
    });
    expect(result.facts.servers[0]).toMatchObject({ status: 'unreachable', failure: { cause: 'unknown' } });
    expect(result.problems[0]).toMatch(/exch01\.contoso\.com/);
  });
});
