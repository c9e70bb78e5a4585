import { describe, expect, it } from 'vitest';
import { assembleSavedFacts } from '../../../electron/facts/facts-assembler';
import type { CollectionLine, CollectionRequest } from '../../../shared/facts/collection-protocol';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';

// The jump host's domain group expansions merged into each server's direct local group members.

const runId = '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';
const contoso = 'S-1-5-21-3623811015-3361044348-30300820';
const request: CollectionRequest = {
  runId,
  exchangeServers: ['exch01.contoso.com', 'exch02.contoso.com'],
  syncServers: [],
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

const direct = (
  name: string,
  rid: number | null,
  objectClass: string,
  principalSource = 'ActiveDirectory',
) => ({
  name,
  sid: rid === null ? null : `${contoso}-${rid}`,
  objectClass,
  principalSource,
});

// What the Exchange server prints: direct members only, PS 5.1 JSON (a one-element list collapsed).
function serverData(administrators: unknown, remoteManagementUsers: unknown) {
  return {
    collectedAt: '/Date(1772359140000)/',
    winrmService: { status: 'collected', value: { status: 4, startType: 2 } },
    listeners: { status: 'collected', value: null },
    serviceAuth: { status: 'collected', value: { cbtHardeningLevel: 'None', cbtHardeningLevelSource: null } },
    sessionConfigurations: { status: 'collected', value: null },
    localGroups: { administrators, remoteManagementUsers },
    certificates: { status: 'collected', value: null },
    firewallRules: { status: 'collected', value: null },
  };
}

const syncGroup = {
  sid: `${contoso}-2201`,
  objectClass: 'Group',
  members: {
    status: 'collected',
    value: [
      {
        name: 'CONTOSO\\Sync Accounts',
        sid: `${contoso}-2203`,
        objectClass: 'Group',
        via: null,
        expansion: { status: 'expanded' },
      },
      {
        name: 'OTHER\\Ops',
        sid: null,
        objectClass: 'Unknown',
        via: null,
        expansion: { status: 'not-expanded', error: 'The server is not operational.' },
      },
      {
        name: 'CONTOSO\\svc-sync',
        sid: `${contoso}-1604`,
        objectClass: 'User',
        via: 'CONTOSO\\Sync Accounts',
      },
    ],
  },
};

function jumpHost(
  domainGroups: unknown,
  serviceAccountSid: unknown = { status: 'collected', value: `${contoso}-1604` },
) {
  return {
    host: 'jump01.contoso.com',
    adComputers: null,
    reachability: null,
    ...(domainGroups === undefined ? {} : { domainGroups }),
    serviceAccountSid,
  };
}

function assemble(lines: CollectionLine[]) {
  const assembled = assembleSavedFacts({ request, lines, collectedAt: new Date('2026-03-01T10:00:00.000Z') });
  const server = (fqdn: string): CollectedServerFacts => {
    const found = assembled.facts.servers.find((item) => item.fqdn === fqdn);
    if (found?.status !== 'collected') throw new Error(`${fqdn} was not collected`);
    return found;
  };
  return { ...assembled, server };
}

describe('merging the jump host group expansions into the local groups', () => {
  it('lists the members below a domain group once per server, with the chain starting at the direct member', () => {
    const { server, problems } = assemble([
      line(
        'server-facts',
        'exch01.contoso.com',
        serverData(
          { status: 'collected', value: [] },
          {
            status: 'collected',
            value: direct('CONTOSO\\Exchange Sync', 2201, 'Group'),
          },
        ),
      ),
      line(
        'server-facts',
        'exch02.contoso.com',
        serverData(
          { status: 'collected', value: [] },
          { status: 'collected', value: [direct('CONTOSO\\Exchange Sync', 2201, 'Group')] },
        ),
      ),
      line('jumphost-facts', null, jumpHost({ status: 'collected', value: syncGroup })),
    ]);
    expect(problems).toEqual([]);
    for (const fqdn of request.exchangeServers) {
      expect(server(fqdn).localGroups.remoteManagementUsers).toEqual({
        status: 'collected',
        value: [
          {
            name: 'CONTOSO\\Exchange Sync',
            sid: `${contoso}-2201`,
            objectClass: 'Group',
            principalSource: 'ActiveDirectory',
            via: [],
            expansion: { status: 'expanded' },
          },
          {
            name: 'CONTOSO\\Sync Accounts',
            sid: `${contoso}-2203`,
            objectClass: 'Group',
            principalSource: 'ActiveDirectory',
            via: ['CONTOSO\\Exchange Sync'],
            expansion: { status: 'expanded' },
          },
          {
            name: 'OTHER\\Ops',
            sid: null,
            objectClass: 'Unknown',
            principalSource: 'ActiveDirectory',
            via: ['CONTOSO\\Exchange Sync'],
            expansion: { status: 'not-expanded', error: 'The server is not operational.' },
          },
          {
            name: 'CONTOSO\\svc-sync',
            sid: `${contoso}-1604`,
            objectClass: 'User',
            principalSource: 'ActiveDirectory',
            via: ['CONTOSO\\Exchange Sync', 'CONTOSO\\Sync Accounts'],
          },
        ],
      });
    }
  });

  it('keeps the direct members when a group cannot be expanded, and marks that group only, with its error', () => {
    const { server } = assemble([
      line(
        'server-facts',
        'exch01.contoso.com',
        serverData(
          {
            status: 'collected',
            value: [
              direct('EXCH01\\Administrator', null, 'User', 'Local'),
              direct('CONTOSO\\Domain Admins', 512, 'Group'),
            ],
          },
          {
            status: 'collected',
            value: [
              direct('CONTOSO\\Exchange Sync', 2201, 'Group'),
              direct('CONTOSO\\svc-backup', 1701, 'User'),
            ],
          },
        ),
      ),
      line(
        'jumphost-facts',
        null,
        jumpHost({
          status: 'collected',
          value: [
            {
              sid: `${contoso}-512`,
              objectClass: null,
              members: { status: 'not-collected', error: 'An operations error occurred.' },
            },
            syncGroup,
            { sid: `${contoso}-1701`, objectClass: 'User', members: { status: 'collected', value: null } },
          ],
        }),
      ),
    ]);
    const exch01 = server('exch01.contoso.com');
    expect(exch01.localGroups.administrators).toEqual({
      status: 'collected',
      value: [
        { name: 'EXCH01\\Administrator', sid: null, objectClass: 'User', principalSource: 'Local', via: [] },
        {
          name: 'CONTOSO\\Domain Admins',
          sid: `${contoso}-512`,
          objectClass: 'Group',
          principalSource: 'ActiveDirectory',
          via: [],
          expansion: { status: 'not-expanded', error: 'An operations error occurred.' },
        },
      ],
    });
    const rmu = exch01.localGroups.remoteManagementUsers;
    expect(rmu.status === 'collected' && rmu.value.map((member) => member.name)).toEqual([
      'CONTOSO\\Exchange Sync',
      'CONTOSO\\Sync Accounts',
      'OTHER\\Ops',
      'CONTOSO\\svc-sync',
      'CONTOSO\\svc-backup',
    ]);
    expect(rmu.status === 'collected' && rmu.value.at(-1)).toEqual({
      name: 'CONTOSO\\svc-backup',
      sid: `${contoso}-1701`,
      objectClass: 'User',
      principalSource: 'ActiveDirectory',
      via: [],
    });
  });

  it("reads the cmdlet's localised or Other object class, and lets AD say what the principal is", () => {
    const { server, problems } = assemble([
      line(
        'server-facts',
        'exch01.contoso.com',
        serverData(
          {
            status: 'collected',
            value: [
              direct('CONTOSO\\Domänen-Admins', 512, 'Gruppe'),
              direct('CONTOSO\\EXCH02$', 1110, 'Other'),
            ],
          },
          { status: 'collected', value: [] },
        ),
      ),
      line(
        'jumphost-facts',
        null,
        jumpHost({
          status: 'collected',
          value: [
            { sid: `${contoso}-512`, objectClass: 'Group', members: { status: 'collected', value: [] } },
            { sid: `${contoso}-1110`, objectClass: 'Computer', members: { status: 'collected', value: [] } },
          ],
        }),
      ),
    ]);
    expect(problems).toEqual([]);
    const administrators = server('exch01.contoso.com').localGroups.administrators;
    expect(
      administrators.status === 'collected' &&
        administrators.value.map((member) => [member.objectClass, member.expansion?.status]),
    ).toEqual([
      ['Group', 'expanded'],
      ['Computer', undefined],
    ]);
  });

  it('marks every domain group unexpanded, with the reason, when the jump host expanded nothing', () => {
    const withoutJumpHost = assemble([
      line(
        'server-facts',
        'exch01.contoso.com',
        serverData(
          {
            status: 'collected',
            value: [direct('CONTOSO\\Domain Admins', 512, 'Group'), direct('CONTOSO\\alice', 1201, 'User')],
          },
          { status: 'collected', value: [] },
        ),
      ),
    ]);
    const administrators = withoutJumpHost.server('exch01.contoso.com').localGroups.administrators;
    expect(
      administrators.status === 'collected' && administrators.value.map((member) => member.expansion),
    ).toEqual([
      {
        status: 'not-expanded',
        error: 'the jump host sent no facts, so no domain group was read from Active Directory',
      },
      undefined,
    ]);
    expect(withoutJumpHost.facts.context.serviceAccountSid).toEqual({
      status: 'not-collected',
      error: 'the jump host sent no facts',
    });

    const failed = assemble([
      line(
        'server-facts',
        'exch01.contoso.com',
        serverData(
          { status: 'collected', value: direct('CONTOSO\\Domain Admins', 512, 'Group') },
          {
            status: 'collected',
            value: [],
          },
        ),
      ),
      line(
        'jumphost-facts',
        null,
        jumpHost({ status: 'not-collected', error: 'Unable to find type [adsi].' }),
      ),
    ]);
    const admins = failed.server('exch01.contoso.com').localGroups.administrators;
    expect(admins.status === 'collected' && admins.value[0]?.expansion).toEqual({
      status: 'not-expanded',
      error: 'Unable to find type [adsi].',
    });
  });

  it("keeps the service account's SID the jump host translated in the facts context", () => {
    const { facts } = assemble([
      line('jumphost-facts', null, jumpHost({ status: 'collected', value: null })),
    ]);
    expect(facts.context.serviceAccountSid).toEqual({ status: 'collected', value: `${contoso}-1604` });
  });
});
