import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import type { FixScriptResult } from '../../shared/fixes/fix-result';
import { sha256Hex, utf8Bytes } from './lab-bytes';
import type { LabEstate, LabExchangeServer, LabSyncServer } from './lab-estate';
import { decideSddlAccess, readSddlDacl, wellKnownSids } from '../checks/sddl-dacl';

// What each fix script would do to a lab estate: the same read / compare / write / re-read steps, as immutable updates.

type Json = FixScriptResult['before'];
export type LabFixRequest = Record<string, unknown> & {
  server: string;
  restore?: { before: Json; after: Json };
};

type Want = Json | { refuse: string } | { fail: string };

interface LabFix {
  read(estate: LabEstate, request: LabFixRequest): Json;
  /** The state the script aims for, or why it refuses (as the script would, e.g. Group Policy owns the value). */
  want(before: Json, request: LabFixRequest, estate: LabEstate): Want;
  write(estate: LabEstate, request: LabFixRequest, want: Json): LabEstate;
  same?(before: Json, want: Json): boolean;
}

export const labDefaultPermission =
  'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed';
const labDefaultSddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';
export const labFirewallRuleName = 'ExReady-WinRM-HTTPS-In';
const trustedForDelegationBit = 0x80000;

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
const field = (value: Json, key: string): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value[key] ?? null) : null;
/** A scalar as text; anything else (an object, null) as empty: the lab never prints [object Object]. */
const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? `${value}`
      : '';
const restoreBefore = (request: LabFixRequest) => request.restore?.before ?? null;

function server(estate: LabEstate, fqdn: string): LabExchangeServer {
  const found = estate.exchangeServers.find((item) => item.fqdn.toLowerCase() === fqdn.toLowerCase());
  if (found === undefined) throw new Error(`The lab has no Exchange server ${fqdn}`);
  return found;
}

function withServer(
  estate: LabEstate,
  fqdn: string,
  change: (item: LabExchangeServer) => LabExchangeServer,
): LabEstate {
  const target = server(estate, fqdn);
  return {
    ...estate,
    exchangeServers: estate.exchangeServers.map((item) => (item === target ? change(item) : item)),
  };
}

function syncServer(estate: LabEstate, fqdn: string): LabSyncServer {
  const found = estate.syncServers.find((item) => item.fqdn.toLowerCase() === fqdn.toLowerCase());
  if (found === undefined) throw new Error(`The lab has no sync server ${fqdn}`);
  return found;
}

const isHttps5986 = (listener: LabExchangeServer['listeners'][number]) =>
  listener.transport === 'HTTPS' && listener.port === 5986;

const userOf = (name: string) => (name.split('\\').at(-1) ?? name).toLowerCase();

/** A made-up but stable thumbprint for a self-signed certificate the lab creates. */
const selfSignedThumbprint = (fqdn: string) =>
  sha256Hex(utf8Bytes(`self-signed:${fqdn}`))
    .slice(0, 40)
    .toUpperCase();

const entries = (value: Json) =>
  text(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const fixes: Record<string, LabFix> = {
  [remotingFixIds.winrmServiceStart]: {
    read: (estate, request) => ({ ...server(estate, request.server).winrmService }),
    want: (_before, request) => restoreBefore(request) ?? { status: 'Running', startType: 'Automatic' },
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => ({
        ...item,
        winrmService: {
          status: field(want, 'status') as LabExchangeServer['winrmService']['status'],
          startType: field(want, 'startType') as LabExchangeServer['winrmService']['startType'],
        },
      })),
  },
  [remotingFixIds.httpsListenerCreate]: {
    read: (estate, request) => {
      const listener = server(estate, request.server).listeners.find(isHttps5986);
      return {
        listener:
          listener === undefined
            ? null
            : { hostname: listener.hostname ?? '', thumbprint: listener.certificateThumbprint ?? '' },
      };
    },
    want: (before, request, estate) => {
      if (request.restore !== undefined) return { listener: null };
      if (field(before, 'listener') !== null) return before;
      const hostname = typeof request.hostname === 'string' ? request.hostname : request.server;
      const thumbprint =
        request.selfSigned === true ? selfSignedThumbprint(hostname) : text(request.thumbprint ?? '');
      const present = server(estate, request.server).certificates.some((c) => c.thumbprint === thumbprint);
      if (request.selfSigned !== true && !present)
        return { fail: `Certificate ${thumbprint} is not in LocalMachine\\My.` };
      return { listener: { hostname, thumbprint } };
    },
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => {
        const listener = field(want, 'listener');
        const others = item.listeners.filter((entry) => !isHttps5986(entry));
        if (listener === null) return { ...item, listeners: others };
        const hostname = text(field(listener, 'hostname'));
        const thumbprint = text(field(listener, 'thumbprint'));
        const certificates = item.certificates.some((c) => c.thumbprint === thumbprint)
          ? item.certificates
          : [
              ...item.certificates,
              {
                thumbprint,
                subject: `CN=${hostname}`,
                dnsNames: [hostname],
                notBeforeDays: 0,
                notAfterDays: 365,
                hasPrivateKey: true,
                enhancedKeyUsages: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
              },
            ];
        return {
          ...item,
          certificates,
          listeners: [
            ...others,
            {
              address: '*',
              transport: 'HTTPS',
              port: 5986,
              hostname,
              enabled: true,
              certificateThumbprint: thumbprint,
              source: null,
            },
          ],
        };
      }),
  },
  [remotingFixIds.httpsListenerEnable]: {
    read: (estate, request) => ({
      enabled: server(estate, request.server).listeners.find(isHttps5986)?.enabled ?? false,
    }),
    want: (_before, request) => restoreBefore(request) ?? { enabled: true },
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => ({
        ...item,
        listeners: item.listeners.map((entry) =>
          isHttps5986(entry) ? { ...entry, enabled: field(want, 'enabled') === true } : entry,
        ),
      })),
  },
  [remotingFixIds.listenerCertificateReplace]: {
    read: (estate, request) => ({
      thumbprint: server(estate, request.server).listeners.find(isHttps5986)?.certificateThumbprint ?? '',
    }),
    want: (_before, request, estate) => {
      const restored = restoreBefore(request);
      if (restored !== null) return restored;
      const thumbprint = text(request.thumbprint ?? '');
      const present = server(estate, request.server).certificates.some((c) => c.thumbprint === thumbprint);
      return present ? { thumbprint } : { fail: `Certificate ${thumbprint} is not in LocalMachine\\My.` };
    },
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => ({
        ...item,
        listeners: item.listeners.map((entry) =>
          isHttps5986(entry) ? { ...entry, certificateThumbprint: text(field(want, 'thumbprint')) } : entry,
        ),
      })),
  },
  [remotingFixIds.cbtHardeningNone]: {
    read: (estate, request) => ({ level: server(estate, request.server).cbt.level }),
    want: (_before, request, estate) =>
      server(estate, request.server).cbt.source?.toUpperCase() === 'GPO'
        ? { refuse: 'Group Policy sets CbtHardeningLevel: change it in the policy.' }
        : (restoreBefore(request) ?? { level: text(request.level ?? 'None') }),
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => ({
        ...item,
        cbt: { ...item.cbt, level: field(want, 'level') as LabExchangeServer['cbt']['level'] },
      })),
  },
  [remotingFixIds.sessionConfigurationReset]: {
    read: (estate, request) => {
      const config = server(estate, request.server).sessionConfigurations.find(
        (item) => item.name.toLowerCase() === 'microsoft.powershell',
      );
      return config === undefined
        ? { registered: false, enabled: false, sddl: null, permission: null }
        : {
            registered: true,
            enabled: config.enabled !== false,
            sddl: config.sddl,
            permission: config.permission,
          };
    },
    // As the script: by SID from the SDDL (Permission may be in any language); unreadable permissions are not reset.
    want: (before): Want => {
      const reset = {
        registered: true,
        enabled: true,
        sddl: labDefaultSddl,
        permission: labDefaultPermission,
      };
      if (field(before, 'registered') !== true) return reset;
      const reading = readSddlDacl(text(field(before, 'sddl')));
      if (reading.problems.length > 0)
        return { refuse: `The session permissions cannot be read: ${reading.problems.join('; ')}` };
      const healthy =
        field(before, 'enabled') === true &&
        [wellKnownSids.administrators, wellKnownSids.remoteManagementUsers].some(
          (sid) => decideSddlAccess(reading, [sid]).decision === 'allowed',
        );
      return healthy ? before : reset;
    },
    write: (estate, request) =>
      withServer(estate, request.server, (item) => ({
        ...item,
        sessionConfigurations: [
          ...item.sessionConfigurations.filter((c) => c.name.toLowerCase() !== 'microsoft.powershell'),
          {
            name: 'microsoft.powershell',
            permission: labDefaultPermission,
            sddl: labDefaultSddl,
            enabled: true,
          },
        ],
      })),
  },
  [remotingFixIds.serviceAccountAddToRemoteManagementUsers]: {
    read: (estate, request) => ({
      member: server(estate, request.server).remoteManagementUsers.some(
        (member) => member.via.length === 0 && userOf(member.name) === userOf(text(request.account)),
      ),
    }),
    want: (_before, request) => restoreBefore(request) ?? { member: true },
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => {
        const account = text(request.account);
        const others = item.remoteManagementUsers.filter(
          (member) => !(member.via.length === 0 && userOf(member.name) === userOf(account)),
        );
        const added = {
          name: account,
          sid: null,
          objectClass: 'User' as const,
          principalSource: 'ActiveDirectory' as const,
          via: [],
        };
        return {
          ...item,
          remoteManagementUsers: field(want, 'member') === true ? [...others, added] : others,
        };
      }),
  },
  [remotingFixIds.trustedForDelegation]: {
    read: (estate, request) => {
      const ad = server(estate, request.server).adComputer;
      if (ad === null) throw new Error(`Cannot find an object with identity: '${request.server}'`);
      return {
        trustedForDelegation: (ad.userAccountControl & trustedForDelegationBit) !== 0,
        userAccountControl: ad.userAccountControl,
      };
    },
    want: (before, request) => {
      const wanted =
        restoreBefore(request) === null ? true : field(restoreBefore(request), 'trustedForDelegation');
      return { ...(before as Record<string, Json>), trustedForDelegation: wanted };
    },
    same: (before, want) => field(before, 'trustedForDelegation') === field(want, 'trustedForDelegation'),
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => {
        if (item.adComputer === null) return item;
        const uac = item.adComputer.userAccountControl;
        const flag = field(want, 'trustedForDelegation') === true;
        return {
          ...item,
          adComputer: {
            ...item.adComputer,
            userAccountControl: flag ? uac | trustedForDelegationBit : uac & ~trustedForDelegationBit,
          },
        };
      }),
  },
  [remotingFixIds.firewallAllow5986]: {
    read: (estate, request) => {
      const rule = server(estate, request.server).firewallRules.find((r) => r.name === labFirewallRuleName);
      return { rule: rule === undefined ? null : { name: rule.name, remoteAddresses: rule.remoteAddresses } };
    },
    want: (_before, request) =>
      request.restore !== undefined
        ? { rule: null }
        : {
            rule: {
              name: labFirewallRuleName,
              remoteAddresses: (request.remoteAddresses as string[] | undefined) ?? [],
            },
          },
    write: (estate, request, want) =>
      withServer(estate, request.server, (item) => {
        const others = item.firewallRules.filter((rule) => rule.name !== labFirewallRuleName);
        const rule = field(want, 'rule');
        if (rule === null) return { ...item, firewallRules: others };
        const remoteAddresses = (field(rule, 'remoteAddresses') as string[] | null) ?? [];
        return {
          ...item,
          firewallRules: [
            ...others,
            {
              name: labFirewallRuleName,
              displayName: 'Windows Remote Management (HTTPS-In, ExReady)',
              enabled: true,
              direction: 'Inbound',
              action: 'Allow',
              protocol: 'TCP',
              localPorts: ['5986'],
              remoteAddresses,
              profiles: ['Domain'],
            },
          ],
        };
      }),
  },
  [remotingFixIds.trustedHostsAddServer]: {
    read: (estate, request) => ({ value: syncServer(estate, text(request.syncServer)).trustedHosts.value }),
    want: (before, request, estate): Want => {
      if (syncServer(estate, text(request.syncServer)).trustedHosts.source?.toUpperCase() === 'GPO')
        return { refuse: 'Group Policy sets TrustedHosts: add the servers in the policy.' };
      const current = entries(field(before, 'value'));
      if (request.restore !== undefined) {
        const had = entries(field(request.restore.before, 'value'));
        const added = entries(field(request.restore.after, 'value')).filter((item) => !had.includes(item));
        const remaining = current.filter((item) => !added.includes(item)).join(',');
        // Back to exactly the entries it had: put back its own text, separators included.
        return {
          value: remaining === had.join(',') ? text(field(request.restore.before, 'value')) : remaining,
        };
      }
      const hosts = (request.hosts as string[] | undefined) ?? [];
      if (hosts.includes('*') && request.acceptRisk !== true)
        return { refuse: '"*" needs an explicit risk acceptance.' };
      const merged = [...current, ...hosts.filter((host) => !current.includes(host))];
      return { value: merged.join(',') };
    },
    same: (before, want) =>
      entries(field(before, 'value')).join(',') === entries(field(want, 'value')).join(','),
    write: (estate, request, want) => ({
      ...estate,
      syncServers: estate.syncServers.map((item) =>
        item.fqdn.toLowerCase() === text(request.syncServer).toLowerCase()
          ? { ...item, trustedHosts: { ...item.trustedHosts, value: text(field(want, 'value')) } }
          : item,
      ),
    }),
  },
};

const result = (
  status: FixScriptResult['status'],
  before: Json,
  after: Json,
  message: string,
  error: string | null = null,
): FixScriptResult => ({
  exreadyResult: 1,
  status,
  changed: status === 'applied',
  before,
  after,
  message,
  error,
});

/** Runs one fix on the lab as its script would: the new estate and the result line the script would print. */
export function applyLabFix(
  estate: LabEstate,
  fixId: string,
  request: LabFixRequest,
): { estate: LabEstate; result: FixScriptResult } {
  const fix = fixes[fixId];
  if (fix === undefined) throw new Error(`The lab knows no fix ${fixId}`);
  try {
    const before = fix.read(estate, request);
    const want = fix.want(before, request, estate);
    if (want !== null && typeof want === 'object' && 'refuse' in want && typeof want.refuse === 'string')
      return { estate, result: result('refused', before, before, want.refuse) };
    if (want !== null && typeof want === 'object' && 'fail' in want && typeof want.fail === 'string')
      return { estate, result: result('failed', before, before, want.fail, want.fail) };
    if ((fix.same ?? same)(before, want))
      return {
        estate,
        result: result('unchanged', before, before, 'Already in the desired state: nothing to change.'),
      };
    const next = fix.write(estate, request, want);
    return { estate: next, result: result('applied', before, fix.read(next, request), 'Applied.') };
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : text(thrown);
    return { estate, result: result('failed', null, null, '', message) };
  }
}
