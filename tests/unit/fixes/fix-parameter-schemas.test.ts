import { describe, expect, it } from 'vitest';
import { planFix } from '../../../electron/fixes/fix-preview';
import { fixCatalogue, findFix } from '../../../shared/fixes/fix-catalogue';
import { remotingFixIds as ids } from '../../../shared/checks/remoting-fix-ids';
import { scriptsDir, server } from '../../helpers/fix-lab';

// Each fix's parameters have their own schema: host names as host names, addresses as addresses, enums exact.

const schema = (fixId: string) => {
  const fix = findFix(fixId);
  if (fix === undefined) throw new Error(`no fix ${fixId}`);
  return fix.parameters;
};
const thumbprint = '01'.repeat(20);

const accepted: [string, Record<string, unknown>][] = [
  [ids.winrmServiceStart, {}],
  [ids.httpsListenerCreate, { thumbprint, hostname: 'exch01.contoso.com' }],
  [ids.httpsListenerCreate, { selfSigned: 'true' }],
  [ids.listenerCertificateReplace, { thumbprint }],
  [ids.cbtHardeningNone, { level: 'Relaxed' }],
  [ids.serviceAccountAddToRemoteManagementUsers, { account: 'CONTOSO\\svc-sync' }],
  [ids.serviceAccountAddToRemoteManagementUsers, { account: 'svc-sync@contoso.com' }],
  [ids.firewallAllow5986, { remoteAddresses: ['10.0.0.21', '2001:db8::21', '10.0.0.0/24', 'LocalSubnet'] }],
  [
    ids.trustedHostsAddServer,
    { syncServer: 'sync01.contoso.com', hosts: ['exch01.contoso.com', '*.contoso.com'] },
  ],
];

const refused: [string, string, Record<string, unknown>, string][] = [
  ['extra parameter', ids.winrmServiceStart, { path: 'x' }, ''],
  [
    'listener host name with a space',
    ids.httpsListenerCreate,
    { selfSigned: true, hostname: 'exch 01.contoso.com' },
    'hostname',
  ],
  [
    'listener host name with U+212A',
    ids.httpsListenerCreate,
    { selfSigned: true, hostname: 'exch01.\u212Aontoso.com' },
    'hostname',
  ],
  ['short thumbprint', ids.listenerCertificateReplace, { thumbprint: 'ab' }, 'thumbprint'],
  ['CBT level in lower case', ids.cbtHardeningNone, { level: 'none' }, 'level'],
  ['CBT level as a number', ids.cbtHardeningNone, { level: 0 }, 'level'],
  ['account without a domain', ids.serviceAccountAddToRemoteManagementUsers, { account: 'svc' }, 'account'],
  [
    'account with a quote',
    ids.serviceAccountAddToRemoteManagementUsers,
    { account: 'CONTOSO\\svc"x' },
    'account',
  ],
  [
    'firewall host name',
    ids.firewallAllow5986,
    { remoteAddresses: ['sync01.contoso.com'] },
    'remoteAddresses.0',
  ],
  ['firewall bad CIDR', ids.firewallAllow5986, { remoteAddresses: ['10.0.0.0/33'] }, 'remoteAddresses.0'],
  ['firewall bad IPv4', ids.firewallAllow5986, { remoteAddresses: ['10.0.0.256'] }, 'remoteAddresses.0'],
  ['firewall mixed range', ids.firewallAllow5986, { remoteAddresses: ['10.0.0.1-::1'] }, 'remoteAddresses.0'],
  ['firewall shell text', ids.firewallAllow5986, { remoteAddresses: ['10.0.0.1;calc'] }, 'remoteAddresses.0'],
  ['firewall empty list', ids.firewallAllow5986, { remoteAddresses: [] }, 'remoteAddresses'],
  [
    'syncServer localhost',
    ids.trustedHostsAddServer,
    { syncServer: 'localhost', hosts: ['exch01.contoso.com'] },
    'syncServer',
  ],
  [
    'syncServer with U+212A',
    ids.trustedHostsAddServer,
    { syncServer: 'sync01.\u212Aontoso.com', hosts: ['exch01.contoso.com'] },
    'syncServer',
  ],
  [
    'syncServer as a number',
    ids.trustedHostsAddServer,
    { syncServer: 7, hosts: ['exch01.contoso.com'] },
    'syncServer',
  ],
  [
    'TrustedHosts entry with a space',
    ids.trustedHostsAddServer,
    { syncServer: 'sync01.contoso.com', hosts: ['exch 01.contoso.com'] },
    'hosts.0',
  ],
  [
    'TrustedHosts inner wildcard',
    ids.trustedHostsAddServer,
    { syncServer: 'sync01.contoso.com', hosts: ['exch*.contoso.com'] },
    'hosts.0',
  ],
  [
    'TrustedHosts entry with U+212A',
    ids.trustedHostsAddServer,
    { syncServer: 'sync01.contoso.com', hosts: ['\u212Aexch.contoso.com'] },
    'hosts.0',
  ],
];

describe('per-fix parameter schemas', () => {
  it('every fix in the catalogue is covered here', () => {
    const covered = new Set([...accepted.map(([id]) => id), ...refused.map(([, id]) => id)]);
    expect(
      fixCatalogue
        .map((fix) => fix.id)
        .filter(
          (id) =>
            !covered.has(id) &&
            id !== ids.httpsListenerEnable &&
            id !== ids.sessionConfigurationReset &&
            id !== ids.trustedForDelegation,
        ),
    ).toEqual([]);
  });

  it.each(accepted)('%s takes %j', (fixId, parameters) => {
    expect(schema(fixId).safeParse(parameters).success).toBe(true);
  });

  it.each(refused)('%s is refused, naming the field', async (_name, fixId, parameters, field) => {
    const result = schema(fixId).safeParse(parameters);
    expect(result.success).toBe(false);
    await expect(planFix(fixId, server, parameters, scriptsDir)).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: field === '' ? 'parameters' : `parameters.${field}` }),
      ]),
    });
  });

  it('names the look-alike character instead of reading it as "k"', () => {
    const result = schema(ids.trustedHostsAddServer).safeParse({
      syncServer: 'sync01.\u212Aontoso.com',
      hosts: ['exch01.contoso.com'],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('U+212A');
  });

  it('quotes at most 200 characters of a huge value in its message', () => {
    const huge = 'a'.repeat(60_000);
    const result = schema(ids.trustedHostsAddServer).safeParse({ syncServer: huge, hosts: [huge] });
    for (const issue of result.error?.issues ?? []) expect(issue.message.length).toBeLessThan(400);
  });
});

describe('firewall host names are resolved to addresses in the preview', () => {
  it('hands the script the addresses the names resolve to, never the names', async () => {
    const names: Record<string, string[]> = {
      'sync01.contoso.com': ['10.0.0.21'],
      'sync02.contoso.com': ['10.0.0.22', '2001:db8::22'],
    };
    const plan = await planFix(
      ids.firewallAllow5986,
      server,
      { remoteAddresses: ['SYNC01.contoso.com', 'sync02.contoso.com', '10.0.0.9'] },
      scriptsDir,
      {
        resolveHost: (name) => Promise.resolve(names[name] ?? []),
      },
    );
    expect(plan.scriptParameters.remoteAddresses).toEqual([
      '10.0.0.21',
      '10.0.0.22',
      '2001:db8::22',
      '10.0.0.9',
    ]);
    expect(plan.preview.parameters.remoteAddresses).toEqual([
      '10.0.0.21',
      '10.0.0.22',
      '2001:db8::22',
      '10.0.0.9',
    ]);
    expect(plan.preview.risk).toBe('none');
  });

  it('refuses a name that does not resolve, naming the field', async () => {
    await expect(
      planFix(ids.firewallAllow5986, server, { remoteAddresses: ['gone.contoso.com'] }, scriptsDir, {
        resolveHost: () => Promise.reject(new Error('ENOTFOUND')),
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'parameters.remoteAddresses' }] });
  });
});
