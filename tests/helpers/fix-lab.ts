import { join } from 'node:path';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import { demoEstate } from '../../electron/lab/demo-estate';
import { LabEstate, type LabExchangeServer } from '../../electron/lab/lab-estate';
import { repoRoot } from './test-router';

// One small lab per fix: exch01 of the demo lab, broken in exactly the way that fix repairs.

export const fixNow = new Date('2026-11-22T10:00:00Z');
export const scriptsDir = join(repoRoot, 'resources', 'powershell');
export const server = 'exch01.contoso.com';
export const goodThumbprint = '01'.repeat(20);
const expiredThumbprint = 'AB'.repeat(20);

const base = demoEstate.exchangeServers[0] as LabExchangeServer;

export interface FixScenario {
  fixId: string;
  checkId: string;
  estate: LabEstate;
  parameters: Record<string, unknown>;
  /** The check's status after the fix: pass, or pass with an accepted risk. */
  riskAccepted: boolean;
}

function lab(change: Partial<LabExchangeServer>, trustedHosts = 'exch01.contoso.com'): LabEstate {
  return LabEstate.parse({
    ...demoEstate,
    warnings: [],
    syncServers: [{ fqdn: 'sync01.contoso.com', trustedHosts: { value: trustedHosts, source: null } }],
    exchangeServers: [{ ...base, ...change }],
  });
}

const httpsListener = base.listeners.find((listener) => listener.transport === 'HTTPS');
if (httpsListener === undefined) throw new Error('the demo server has no HTTPS listener');

export const fixScenarios: FixScenario[] = [
  {
    fixId: remotingFixIds.winrmServiceStart,
    checkId: 'winrm.service',
    estate: lab({ winrmService: { status: 'Stopped', startType: 'Disabled' } }),
    parameters: {},
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.httpsListenerCreate,
    checkId: 'winrm.listener.https',
    estate: lab({ listeners: base.listeners.filter((listener) => listener !== httpsListener) }),
    parameters: { thumbprint: goodThumbprint },
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.httpsListenerEnable,
    checkId: 'winrm.listener.https',
    estate: lab({
      listeners: base.listeners.map((listener) =>
        listener === httpsListener ? { ...listener, enabled: false } : listener,
      ),
    }),
    parameters: {},
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.listenerCertificateReplace,
    checkId: 'winrm.listener.cert',
    estate: lab({
      listeners: base.listeners.map((listener) =>
        listener === httpsListener ? { ...listener, certificateThumbprint: expiredThumbprint } : listener,
      ),
      certificates: [
        ...base.certificates,
        { ...base.certificates[0]!, thumbprint: expiredThumbprint, notBeforeDays: -500, notAfterDays: -5 },
      ],
    }),
    parameters: { thumbprint: goodThumbprint },
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.cbtHardeningNone,
    checkId: 'winrm.auth.cbt',
    estate: lab({ cbt: { level: 'Strict', source: null } }),
    parameters: { level: 'None' },
    riskAccepted: true,
  },
  {
    fixId: remotingFixIds.sessionConfigurationReset,
    checkId: 'psremoting.sessionconfig',
    estate: lab({
      sessionConfigurations: base.sessionConfigurations.map((config) => ({ ...config, enabled: false })),
    }),
    parameters: {},
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.serviceAccountAddToRemoteManagementUsers,
    checkId: 'psremoting.serviceaccount',
    estate: lab({ remoteManagementUsers: [] }),
    parameters: { account: 'CONTOSO\\svc-sync' },
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.trustedForDelegation,
    checkId: 'ad.delegation',
    estate: lab({ adComputer: { ...base.adComputer!, userAccountControl: 0x1000 } }),
    parameters: {},
    riskAccepted: true,
  },
  {
    fixId: remotingFixIds.firewallAllow5986,
    checkId: 'firewall.5986',
    estate: lab({ firewallRules: [] }),
    parameters: { remoteAddresses: ['10.0.0.21', '10.0.0.22'] },
    riskAccepted: false,
  },
  {
    fixId: remotingFixIds.trustedHostsAddServer,
    checkId: 'winrm.trustedhosts',
    estate: lab({}, 'exch02.contoso.com, legacy01.contoso.com'),
    parameters: { syncServer: 'sync01.contoso.com', hosts: [server] },
    riskAccepted: false,
  },
];
