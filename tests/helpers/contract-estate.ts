import { demoServers, healthy } from '../../electron/lab/demo-estate';
import { demoMfa, monosignBinary } from '../../electron/lab/demo-mfa';
import { LabEstate } from '../../electron/lab/lab-estate';

// The estate of the collection contract: the eight demo servers (ready, warnings, failures, deny entry, Kerberos,
// dropped TCP, silent, failing cmdlets) plus the kinds the demo lacks: Group Policy owning everything it can, empty
// parts everywhere, and a name DNS does not know.

/** exch09: every setting that Group Policy can own, owned by it: its only 5986 rule is in the GPO store, not the PersistentStore. */
const groupPolicyServer = healthy(9, {
  firewallRules: [
    {
      name: '{5B0C6E2A-9D41-4F7E-8E1B-2A7C0F3D9E61}',
      displayName: 'WinRM HTTPS from the sync servers (GPO)',
      enabled: true,
      direction: 'Inbound',
      action: 'Allow',
      protocol: 'TCP',
      localPorts: ['5986'],
      remoteAddresses: ['Any'],
      profiles: ['Domain'],
      policyStoreSourceType: 'GroupPolicy',
    },
  ],
  cbt: { level: 'None', source: 'GPO' },
  listeners: [
    {
      address: '*',
      transport: 'HTTPS',
      port: 5986,
      hostname: 'exch09.contoso.com',
      enabled: true,
      certificateThumbprint: '09'.repeat(20),
      source: 'GPO',
    },
  ],
});

/** exch10: reachable, but every list a cmdlet can return empty is empty, as on a freshly built server. */
const emptyServer = healthy(10, {
  listeners: [],
  sessionConfigurations: [],
  remoteManagementUsers: [],
  certificates: [],
  firewallRules: [],
  firewallProfiles: [],
  adComputer: { distinguishedName: 'CN=EXCH10,OU=Exchange,DC=contoso,DC=com', userAccountControl: 0x1000 },
  mfa: demoMfa({ owa: { binaries: [monosignBinary()], backups: [] }, ecp: { binaries: [], backups: [] } }),
});

/** exch12: a healthy German server: Permission is printed in German, the SDDL is the default. */
const germanServer = healthy(12, {
  sessionConfigurations: [
    {
      name: 'microsoft.powershell',
      permission:
        'NT-AUTORITÄT\\INTERAKTIV AccessAllowed, VORDEFINIERT\\Administratoren AccessAllowed, VORDEFINIERT\\Remoteverwaltungsbenutzer AccessAllowed',
      sddl: 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
      enabled: true,
    },
  ],
});

/** In the request but unknown to DNS (and to the lab). */
export const unresolvableServer = 'exch11.contoso.com';

export const contractEstate: LabEstate = LabEstate.parse({
  name: 'Collection contract estate (simulated)',
  serviceAccount: 'CONTOSO\\svc-sync',
  jumpHost: 'jump01.contoso.com',
  syncServers: [
    { fqdn: 'sync01.contoso.com', trustedHosts: { value: '*.contoso.com', source: null } },
    { fqdn: 'sync02.contoso.com', trustedHosts: { value: '*.contoso.com', source: 'GPO' } },
  ],
  exchangeServers: [...demoServers, groupPolicyServer, emptyServer, germanServer],
});

export const contractServers = [
  ...contractEstate.exchangeServers.map((server) => server.fqdn),
  unresolvableServer,
];

/**
 * Every verdict the real collector leads to on this estate, per server and check (the MFA area aside). Where it
 * differs from the TypeScript lab's simulation, `labGaps` says why.
 */
export const contractVerdicts: Record<string, Record<string, string>> = {
  'exch01.contoso.com': {
    'ad.delegation': 'pass',
    'firewall.5986': 'pass',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'pass',
    'psremoting.sessionconfig': 'pass',
    'winrm.auth.cbt': 'pass',
    'winrm.listener.cert': 'pass',
    'winrm.listener.https': 'pass',
    'winrm.service': 'pass',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch02.contoso.com': {
    'ad.delegation': 'warn',
    'firewall.5986': 'warn',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'pass',
    'psremoting.sessionconfig': 'pass',
    'winrm.auth.cbt': 'warn',
    'winrm.listener.cert': 'warn',
    'winrm.listener.https': 'pass',
    'winrm.service': 'warn',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'warn',
  },
  'exch03.contoso.com': {
    'ad.delegation': 'fail',
    'firewall.5986': 'fail',
    'network.5986': 'fail',
    'psremoting.serviceaccount': 'fail',
    'psremoting.sessionconfig': 'pass',
    'winrm.auth.cbt': 'fail',
    'winrm.listener.cert': 'n/a',
    'winrm.listener.https': 'fail',
    'winrm.service': 'fail',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch04.contoso.com': {
    'ad.delegation': 'pass',
    'firewall.5986': 'pass',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'fail',
    'psremoting.sessionconfig': 'fail',
    'winrm.auth.cbt': 'pass',
    'winrm.listener.cert': 'fail',
    'winrm.listener.https': 'pass',
    'winrm.service': 'pass',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch05.contoso.com': {
    'ad.delegation': 'unknown',
    'firewall.5986': 'unknown',
    'network.5986': 'unknown',
    'psremoting.serviceaccount': 'unknown',
    'psremoting.sessionconfig': 'unknown',
    'winrm.auth.cbt': 'unknown',
    'winrm.listener.cert': 'unknown',
    'winrm.listener.https': 'unknown',
    'winrm.service': 'unknown',
    'winrm.trustedhosts': 'unknown',
    'winrm.trustedhosts.exchange': 'unknown',
  },
  'exch06.contoso.com': {
    'ad.delegation': 'unknown',
    'firewall.5986': 'unknown',
    'network.5986': 'unknown',
    'psremoting.serviceaccount': 'unknown',
    'psremoting.sessionconfig': 'unknown',
    'winrm.auth.cbt': 'unknown',
    'winrm.listener.cert': 'unknown',
    'winrm.listener.https': 'unknown',
    'winrm.service': 'unknown',
    'winrm.trustedhosts': 'unknown',
    'winrm.trustedhosts.exchange': 'unknown',
  },
  'exch07.contoso.com': {
    'ad.delegation': 'unknown',
    'firewall.5986': 'unknown',
    'network.5986': 'unknown',
    'psremoting.serviceaccount': 'unknown',
    'psremoting.sessionconfig': 'unknown',
    'winrm.auth.cbt': 'unknown',
    'winrm.listener.cert': 'unknown',
    'winrm.listener.https': 'unknown',
    'winrm.service': 'unknown',
    'winrm.trustedhosts': 'unknown',
    'winrm.trustedhosts.exchange': 'unknown',
  },
  'exch08.contoso.com': {
    'ad.delegation': 'unknown',
    'firewall.5986': 'pass',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'pass',
    'psremoting.sessionconfig': 'pass',
    'winrm.auth.cbt': 'pass',
    'winrm.listener.cert': 'unknown',
    'winrm.listener.https': 'pass',
    'winrm.service': 'pass',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch09.contoso.com': {
    'ad.delegation': 'pass',
    'firewall.5986': 'pass',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'pass',
    'psremoting.sessionconfig': 'pass',
    'winrm.auth.cbt': 'pass',
    'winrm.listener.cert': 'pass',
    'winrm.listener.https': 'pass',
    'winrm.service': 'pass',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch10.contoso.com': {
    'ad.delegation': 'fail',
    'firewall.5986': 'fail',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'fail',
    'psremoting.sessionconfig': 'fail',
    'winrm.auth.cbt': 'pass',
    'winrm.listener.cert': 'n/a',
    'winrm.listener.https': 'fail',
    'winrm.service': 'pass',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch12.contoso.com': {
    'ad.delegation': 'pass',
    'firewall.5986': 'pass',
    'network.5986': 'pass',
    'psremoting.serviceaccount': 'pass',
    'psremoting.sessionconfig': 'pass',
    'winrm.auth.cbt': 'pass',
    'winrm.listener.cert': 'pass',
    'winrm.listener.https': 'pass',
    'winrm.service': 'pass',
    'winrm.trustedhosts': 'pass',
    'winrm.trustedhosts.exchange': 'pass',
  },
  'exch11.contoso.com': {
    'ad.delegation': 'unknown',
    'firewall.5986': 'unknown',
    'network.5986': 'unknown',
    'psremoting.serviceaccount': 'unknown',
    'psremoting.sessionconfig': 'unknown',
    'winrm.auth.cbt': 'unknown',
    'winrm.listener.cert': 'unknown',
    'winrm.listener.https': 'unknown',
    'winrm.service': 'unknown',
    'winrm.trustedhosts': 'unknown',
    'winrm.trustedhosts.exchange': 'unknown',
  },
};

/**
 * What the PowerShell lab cannot stand in for yet, so the real collector's verdict differs from the simulation's:
 * every lab TCP probe runs from one process, so a port that only one sync server cannot reach (exch08 from sync02)
 * reads as reachable.
 */
export const labGaps: Record<string, readonly string[]> = {
  'exch08.contoso.com': ['network.5986'],
};
