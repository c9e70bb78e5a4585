import { hopFailureClasses } from '../../shared/prove/hop-failure-classes';
import {
  defaultSecondHop,
  type HopErrorFacts,
  type HopReport,
  type ProofHopId,
  type ProofScriptResult,
  type SecondHopTarget,
} from '../../shared/prove/proof-result';
import type { LabEstate } from './lab-estate';

// The demo estate's proofs, SIMULATED: each demo server fails (or not) the way its made-up facts say it would,
// and every hop failure class has a record shaped as WinRM writes it, for `--simulate CLASS`.

const transportType = 'System.Management.Automation.Remoting.PSRemotingTransportException';

function transport(computer: string, text: string, code: number, id: string): HopErrorFacts {
  const message = `Connecting to remote server ${computer} failed with the following error message : ${text} For more information, see the about_Remote_Troubleshooting Help topic.`;
  return {
    message,
    fullyQualifiedErrorId: `${id},PSSessionOpenFailed`,
    category: 'OpenError',
    transportErrorCode: code,
    hResult: -2146233087,
    exceptionTypes: [transportType],
    codesInMessage: [...new Set(message.match(/0x[0-9A-Fa-f]{8}/g) ?? [])].map(
      (code) => `0x${code.slice(2).toUpperCase()}`,
    ),
  };
}

const certificateErrors = (computer: string, detail: string) =>
  `The server certificate on the destination computer (${computer}:5986) has the following errors: ${detail}`;

/** One error record per failure class, as the hop it belongs to would show it for this computer. */
export function demoHopError(classId: string, computer: string): HopErrorFacts {
  switch (classId) {
    case 'dns':
      return transport(
        computer,
        'The WinRM client cannot process the request because the server name cannot be resolved.',
        12007,
        'ComputerNotFound',
      );
    case 'tls-name-mismatch':
      return transport(
        computer,
        certificateErrors(
          computer,
          'The SSL certificate contains a common name (CN) that does not match the hostname.',
        ),
        12175,
        '12175',
      );
    case 'tls-untrusted-root':
      return transport(
        computer,
        certificateErrors(computer, 'The SSL certificate is signed by an unknown certificate authority.'),
        12175,
        '12175',
      );
    case 'tls-expired':
      return transport(
        computer,
        certificateErrors(computer, 'The SSL certificate is expired.'),
        12175,
        '12175',
      );
    case 'tcp-refused':
      return transport(
        computer,
        'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests.',
        -2144108526,
        'CannotConnect',
      );
    case 'tcp-timeout':
      return transport(
        computer,
        'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.',
        -2144108250,
        'WinRMOperationTimeout',
      );
    case 'trusted-hosts':
      return transport(
        computer,
        'The WinRM client cannot process the request. If the authentication scheme is different from Kerberos, or if the client computer is not joined to a domain, then HTTPS transport must be used or the destination machine must be added to the TrustedHosts configuration setting.',
        -2144108316,
        'ServerNotTrusted',
      );
    case 'double-hop-denied':
      return transport(
        computer,
        'A specified logon session does not exist. It may already have been terminated.',
        1312,
        '1312',
      );
    case 'kerberos-spn':
      return transport(
        computer,
        'WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred.',
        -2144108387,
        '-2144108387',
      );
    case 'kerberos-clock-skew':
      return transport(
        computer,
        'WinRM cannot process the request. The following error with errorcode 0x80090324 occurred while using Kerberos authentication: There is a time and/or date difference between the client and server.',
        -2144108387,
        '-2144108387',
      );
    case 'kerberos-no-authority':
      return transport(
        computer,
        'WinRM cannot process the request. The following error with errorcode 0x80090311 occurred while using Kerberos authentication: There are currently no logon servers available to service the logon request.',
        -2144108387,
        '-2144108387',
      );
    case 'logon-denied':
      return transport(computer, 'The user name or password is incorrect.', 1326, 'LogonFailure');
    case 'exchange-endpoint-denied':
    case 'access-denied':
      return transport(computer, 'Access is denied.', 5, 'AccessDenied');
    case 'http-401':
      return transport(
        computer,
        'The WinRM client received an HTTP status code of 401 from the remote WS-Management service.',
        -2144108269,
        '-2144108269',
      );
    case 'exchange-rbac-denied':
      return {
        message:
          "The term 'Get-ExchangeServer' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        fullyQualifiedErrorId: 'CommandNotFoundException',
        category: 'ObjectNotFound',
        transportErrorCode: null,
        hResult: -2146233087,
        exceptionTypes: [
          'System.Management.Automation.MethodInvocationException',
          'System.Management.Automation.CommandNotFoundException',
        ],
        codesInMessage: [],
      };
    default:
      throw new Error(`no simulated record for the hop failure class '${classId}'`);
  }
}

/** The hop a class shows on when simulated. */
export function demoFailureHop(classId: string): ProofHopId {
  if (classId === 'exchange-rbac-denied') return 'exchange-cmdlet';
  if (classId === 'double-hop-denied' || classId === 'exchange-endpoint-denied') return 'exchange-endpoint';
  return 'winrm-https';
}

export const simulatableFailures: readonly string[] = hopFailureClasses.map((item) => item.id);

// What each demo server's facts say its proof meets (from sync01; from sync02, exch08 times out as its TCP facts say).
const demoStory: Record<string, string | null> = {
  'exch01.contoso.com': null,
  // Constrained delegation to http/exch01 only: the second hop to exch02's own endpoint has nothing to delegate to.
  'exch02.contoso.com': 'double-hop-denied',
  'exch03.contoso.com': 'tcp-refused',
  'exch04.contoso.com': 'tls-expired',
  'exch05.contoso.com': 'kerberos-spn',
  'exch06.contoso.com': 'tcp-timeout',
  'exch07.contoso.com': 'tcp-timeout',
  // Collected, but the service account holds no Exchange role with Get-ExchangeServer.
  'exch08.contoso.com': 'exchange-rbac-denied',
};

const order: readonly ProofHopId[] = ['sync-server', 'winrm-https', 'exchange-endpoint', 'exchange-cmdlet'];
// Made-up but plausible times (ms) of each hop that works.
const simulatedMs: Record<ProofHopId, number> = {
  'sync-server': 412,
  'winrm-https': 655,
  'exchange-endpoint': 1840,
  'exchange-cmdlet': 230,
};

export interface DemoProofRequest {
  syncServer: string;
  serviceAccount: string;
  exchangeServer: string;
  secondHop?: SecondHopTarget;
  /** A failure class to show instead of the server's own story. */
  simulate?: string | null;
}

/** The simulated result of proving one demo server's path; null when the lab has no such server. */
export function simulateProof(lab: LabEstate, request: DemoProofRequest): ProofScriptResult | null {
  const server = lab.exchangeServers.find(
    (item) => item.fqdn.toLowerCase() === request.exchangeServer.toLowerCase(),
  );
  const sync = lab.syncServers.find((item) => item.fqdn.toLowerCase() === request.syncServer.toLowerCase());
  if (server === undefined || sync === undefined) return null;
  const secondHop = request.secondHop ?? defaultSecondHop(server.fqdn);
  const fromSync02 = sync.fqdn === 'sync02.contoso.com' && server.tcp5986From[sync.fqdn] === 'timed-out';
  const failure = request.simulate ?? (fromSync02 ? 'tcp-timeout' : (demoStory[server.fqdn] ?? null));
  const failedHop = failure === null ? null : demoFailureHop(failure);
  const failedAt = failedHop === null ? order.length : order.indexOf(failedHop);
  const hops: HopReport[] = order.map((hop, index) => ({
    hop,
    target:
      hop === 'sync-server'
        ? sync.fqdn
        : hop === 'exchange-endpoint'
          ? secondHop.uri
          : hop === 'exchange-cmdlet'
            ? `Get-ExchangeServer ${server.fqdn}`
            : server.fqdn,
    outcome: index < failedAt ? 'succeeded' : index === failedAt ? 'failed' : 'not-run',
    // A timeout takes its budget; other failures come back quickly.
    durationMs:
      index > failedAt
        ? 0
        : index === failedAt
          ? failure === 'tcp-timeout'
            ? 60000
            : 120
          : simulatedMs[hop],
    error: index === failedAt && failure !== null ? demoHopError(failure, server.fqdn) : null,
  }));
  const short = server.fqdn.split('.')[0]?.toUpperCase() ?? server.fqdn;
  return {
    exreadyProof: 1,
    syncServer: sync.fqdn,
    exchangeServer: server.fqdn,
    serviceAccount: request.serviceAccount,
    secondHop,
    hops,
    exchangeServerSeen:
      failure === null ? { name: short, fqdn: server.fqdn, version: 'Version 15.2 (Build 1544.4)' } : null,
    refused: null,
  };
}
