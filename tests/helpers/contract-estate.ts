import { demoServers, healthy } from '../../electron/lab/demo-estate';
import { demoMfa, monosignBinary } from '../../electron/lab/demo-mfa';
import { LabEstate } from '../../electron/lab/lab-estate';

// The estate of the collection contract: the eight demo servers (ready, warnings, failures, deny entry, Kerberos,
// dropped TCP, silent, failing cmdlets) plus the kinds the demo lacks: Group Policy owning everything it can, empty
// parts everywhere, and a name DNS does not know.

/** exch09: every setting that Group Policy can own, owned by it. */
const groupPolicyServer = healthy(9, {
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
  adComputer: { distinguishedName: 'CN=EXCH10,OU=Exchange,DC=contoso,DC=com', userAccountControl: 0x1000 },
  mfa: demoMfa({ owa: { binaries: [monosignBinary()], backups: [] }, ecp: { binaries: [], backups: [] } }),
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
  exchangeServers: [...demoServers, groupPolicyServer, emptyServer],
});

export const contractServers = [...contractEstate.exchangeServers.map((server) => server.fqdn), unresolvableServer];

/** Every verdict the real collector must lead to, per server and check. */
export const contractVerdicts: Record<string, Record<string, string>> = {};
