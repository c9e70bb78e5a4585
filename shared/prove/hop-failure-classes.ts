import type { RemotingCheckId } from '../checks/remoting-catalogue';
import type { HopErrorFacts, ProofHopId } from './proof-result';

// Why a hop of the proof failed, as data: each class names the error records it recognises (codes first,
// message text only beside a code), the checks that predict it and a plain remedy. Order matters: first match wins.

/** One way an error record shows a class; every field given must match. */
export interface HopErrorSignature {
  /** The hops this signature means this class on (0x8009030e on hop 2 is the double hop, on hop 1 it is not). */
  hops?: readonly ProofHopId[];
  /** FullyQualifiedErrorId, compared case-insensitively as a whole or as its first comma-separated part. */
  fullyQualifiedErrorId?: string;
  /** PSRemotingTransportException.ErrorCode (WinRM, WinHTTP or Win32 code). */
  transportErrorCode?: number;
  /** Exception.HResult as a signed 32-bit number. */
  hResult?: number;
  /** A 0x........ code the message names (WinRM prints "errorcode 0x80090322"). */
  codeInMessage?: string;
  /** An exception type in the record (outer or inner). */
  exceptionType?: string;
  /** Only beside a code above: the detail a generic code (12175) carries in its text. */
  message?: RegExp;
}

export interface HopFailureClass {
  id: string;
  /** What happened, as the end of "hop N failed: …". */
  label: string;
  signatures: readonly HopErrorSignature[];
  /** The checks whose verdict says this would happen; empty when no check looks at it. */
  predictedBy: readonly RemotingCheckId[];
  remedy: string;
  /** Where the codes come from (a published error text, a Windows header). */
  source: string;
}

const secondHop: readonly ProofHopId[] = ['exchange-endpoint'];
const cmdlet: readonly ProofHopId[] = ['exchange-cmdlet'];

/** -2144108250 as the HRESULT-style code WinRM prints: 0x80338126. */
const u32 = (code: number) => (code | 0) >>> 0;
export const hex = (code: number) => `0x${u32(code).toString(16).toUpperCase().padStart(8, '0')}`;

export const hopFailureClasses: readonly HopFailureClass[] = [
  {
    id: 'dns',
    label: 'the name does not resolve',
    signatures: [
      { fullyQualifiedErrorId: 'ComputerNotFound' },
      // ERROR_WINHTTP_NAME_NOT_RESOLVED 12007 = 0x80072EE7.
      { transportErrorCode: 12007 },
      { codeInMessage: '0x80072EE7' },
      // SocketException "No such host is known" (WSAHOST_NOT_FOUND 11001).
      { transportErrorCode: 11001 },
    ],
    predictedBy: ['network.5986'],
    remedy:
      'The name does not resolve from where the hop starts: check the DNS A record, or use the name the server is registered with.',
    source:
      'winhttp.h ERROR_WINHTTP_NAME_NOT_RESOLVED (12007); FullyQualifiedErrorId ComputerNotFound,PSSessionStateBroken in about_Remote_Troubleshooting',
  },
  {
    id: 'tls-name-mismatch',
    label: 'the WinRM HTTPS certificate does not name the server that was dialled',
    signatures: [
      // ERROR_WINHTTP_SECURE_CERT_CN_INVALID 12038 = 0x80072F06.
      { transportErrorCode: 12038 },
      { codeInMessage: '0x80072F06' },
      // ERROR_WINHTTP_SECURE_FAILURE 12175 lists the certificate's errors in its text.
      { transportErrorCode: 12175, message: /common name \(CN\) that does not match/i },
    ],
    predictedBy: ['winrm.listener.cert'],
    remedy:
      "Bind the HTTPS listener to a certificate whose subject or SAN holds the server's FQDN (Set-Item WSMan:\\localhost\\Listener\\<listener>\\CertificateThumbprint), and dial that name.",
    source:
      'winhttp.h ERROR_WINHTTP_SECURE_CERT_CN_INVALID (12038), ERROR_WINHTTP_SECURE_FAILURE (12175); WSManFault Code="12175" "The server certificate on the destination computer … has the following errors" (github.com/cisagov/LME/issues/88)',
  },
  {
    id: 'tls-untrusted-root',
    label: 'the sync server does not trust the WinRM HTTPS certificate',
    signatures: [
      // ERROR_WINHTTP_SECURE_INVALID_CA 12045 = 0x80072F0D.
      { transportErrorCode: 12045 },
      { codeInMessage: '0x80072F0D' },
      {
        transportErrorCode: 12175,
        message: /unknown certificate authority|not trusted|checked for revocation/i,
      },
    ],
    predictedBy: ['winrm.listener.cert'],
    remedy:
      "Issue the listener certificate from a CA the sync server trusts, or import the issuing root into the sync server's Trusted Root Certification Authorities (a self-signed certificate is trusted nowhere else).",
    source:
      'winhttp.h ERROR_WINHTTP_SECURE_INVALID_CA (12045); "The SSL certificate is signed by an unknown certificate authority" under 12175 (github.com/cisagov/Sparrow/issues/25)',
  },
  {
    id: 'tls-expired',
    label: 'the WinRM HTTPS certificate has expired',
    signatures: [
      // ERROR_WINHTTP_SECURE_CERT_DATE_INVALID 12037 = 0x80072F05.
      { transportErrorCode: 12037 },
      { codeInMessage: '0x80072F05' },
      { transportErrorCode: 12175, message: /certificate is expired|has expired/i },
    ],
    predictedBy: ['winrm.listener.cert'],
    remedy:
      'Renew the listener certificate and bind the new thumbprint to the HTTPS listener (Set-Item WSMan:\\localhost\\Listener\\<listener>\\CertificateThumbprint), as the vendor describes for an expired certificate.',
    source:
      'winhttp.h ERROR_WINHTTP_SECURE_CERT_DATE_INVALID (12037); "The SSL certificate is expired" under the server-certificate errors (github.com/PowerShell/psl-omi-provider/issues/122)',
  },
  {
    id: 'tcp-refused',
    label: 'nothing accepted the TCP connection on 5986',
    signatures: [
      { fullyQualifiedErrorId: 'CannotConnect' },
      // ERROR_WINHTTP_CANNOT_CONNECT 12029 = 0x80072EFD.
      { transportErrorCode: 12029 },
      { codeInMessage: '0x80072EFD' },
      // ERROR_WSMAN_CANNOT_CONNECT_INVALID... "The client cannot connect to the destination specified in the request" 0x80338012.
      { transportErrorCode: -2144108526 },
      { codeInMessage: '0x80338012' },
    ],
    predictedBy: ['winrm.service', 'winrm.listener.https', 'network.5986'],
    remedy:
      'The server refused TCP 5986: start the WinRM service and create the HTTPS listener (winrm enumerate winrm/config/listener shows it).',
    source:
      'winhttp.h ERROR_WINHTTP_CANNOT_CONNECT (12029); WinRM 0x80338012 "The client cannot connect to the destination specified in the request"',
  },
  {
    id: 'tcp-timeout',
    label: 'nothing answered on 5986 in time',
    signatures: [
      { fullyQualifiedErrorId: 'WinRMOperationTimeout' },
      // "WinRM cannot complete the operation … firewall exception for the WinRM service" -2144108250 = 0x80338126.
      { transportErrorCode: -2144108250 },
      { codeInMessage: '0x80338126' },
      // ERROR_WINHTTP_TIMEOUT 12002 = 0x80072EE2.
      { transportErrorCode: 12002 },
      { codeInMessage: '0x80072EE2' },
    ],
    predictedBy: ['firewall.5986', 'network.5986'],
    remedy:
      'A firewall between the sync server and the Exchange server, or on the server, drops TCP 5986: open it inbound from the sync server.',
    source:
      'WinRM 0x80338126 (WinRMOperationTimeout,PSSessionStateBroken) in about_Remote_Troubleshooting; winhttp.h ERROR_WINHTTP_TIMEOUT (12002)',
  },
  {
    id: 'trusted-hosts',
    label: 'WinRM would not send the credentials to a host it cannot authenticate',
    signatures: [
      { fullyQualifiedErrorId: 'ServerNotTrusted' },
      // "…the destination machine must be added to the TrustedHosts configuration setting" -2144108316 = 0x803380E4.
      { transportErrorCode: -2144108316 },
      { codeInMessage: '0x803380E4' },
    ],
    predictedBy: ['winrm.trustedhosts', 'winrm.trustedhosts.exchange'],
    remedy:
      "Dial the server by its FQDN over HTTPS so Kerberos or the certificate authenticates it; only if that cannot work, add it to the sync server's TrustedHosts.",
    source:
      'ServerNotTrusted,PSSessionStateBroken with the TrustedHosts text (github.com/VitalProject/Windows-RemoteShadow/issues/5); WinRM 0x803380E4',
  },
  {
    id: 'double-hop-denied',
    label: 'the second hop had no credentials to pass on: Kerberos delegation is missing',
    signatures: [
      // ERROR_NO_SUCH_LOGON_SESSION 1312 "A specified logon session does not exist" (1312,PSSessionOpenFailed).
      { transportErrorCode: 1312, hops: secondHop },
      { fullyQualifiedErrorId: '1312', hops: secondHop },
      // SEC_E_NO_CREDENTIALS 0x8009030E from Kerberos or Negotiate inside the first session.
      { codeInMessage: '0x8009030E', hops: secondHop },
      { transportErrorCode: -2146893042, hops: secondHop },
      { fullyQualifiedErrorId: 'AccessDenied', hops: secondHop, message: /logon session|credentials/i },
    ],
    predictedBy: ['ad.delegation'],
    remedy:
      "Allow the Exchange server's computer account to delegate to HTTP/<exchange> (Kerberos constrained delegation, msDS-AllowedToDelegateTo) or set resource-based delegation; TrustedForDelegation (unconstrained) also works but exposes every ticket left on the server.",
    source:
      'winerror.h ERROR_NO_SUCH_LOGON_SESSION (1312), SEC_E_NO_CREDENTIALS (0x8009030E) "A specified logon session does not exist" (github.com/pluralsight/PS-AutoLab-Env/issues/189); learn.microsoft.com "Making the second hop in PowerShell Remoting"',
  },
  {
    id: 'kerberos-clock-skew',
    label: 'the clocks differ too much for Kerberos',
    signatures: [
      // SEC_E_TIME_SKEW 0x80090324 (-2146893020); KRB_AP_ERR_SKEW.
      { codeInMessage: '0x80090324' },
      { transportErrorCode: -2146893020 },
      { hResult: -2146893020 },
    ],
    predictedBy: [],
    remedy:
      'Bring the clocks of the sync server, the Exchange server and the domain controllers within 5 minutes (w32tm /resync).',
    source:
      'winerror.h SEC_E_TIME_SKEW (0x80090324) "The clocks on the client and server machines are skewed"',
  },
  {
    id: 'kerberos-no-authority',
    label: 'Kerberos could not reach a domain controller',
    signatures: [
      // SEC_E_NO_AUTHENTICATING_AUTHORITY 0x80090311 (-2146893039).
      { codeInMessage: '0x80090311' },
      { transportErrorCode: -2146893039 },
    ],
    predictedBy: [],
    remedy:
      'The hop found no domain controller to get a ticket from: check that it resolves _kerberos._tcp.<domain> and reaches a domain controller.',
    source: 'winerror.h SEC_E_NO_AUTHENTICATING_AUTHORITY (0x80090311)',
  },
  {
    id: 'kerberos-spn',
    label: 'Kerberos found no service principal name for the name that was dialled',
    signatures: [
      // SEC_E_WRONG_PRINCIPAL 0x80090322 (-2146893022).
      { codeInMessage: '0x80090322' },
      { hResult: -2146893022 },
      { transportErrorCode: -2146893022 },
      // WinRM's Kerberos "Cannot find the computer …" -2144108387 = 0x8033809D (-2144108387,PSSessionOpenFailed).
      { transportErrorCode: -2144108387 },
      { fullyQualifiedErrorId: '-2144108387' },
    ],
    predictedBy: [],
    remedy:
      "Dial the FQDN and check that HTTP/<fqdn> is registered on the server's computer account only (setspn -Q HTTP/<fqdn>), not on an application pool account.",
    source:
      'winerror.h SEC_E_WRONG_PRINCIPAL (0x80090322); WinRM "errorcode 0x80090322 occurred while using Kerberos authentication"',
  },
  {
    id: 'logon-denied',
    label: "the service account's name or password was not accepted",
    signatures: [
      // SEC_E_LOGON_DENIED 0x8009030C (-2146893044): "The user name or password is incorrect."
      { codeInMessage: '0x8009030C' },
      { transportErrorCode: -2146893044 },
      { transportErrorCode: 1326 },
      { fullyQualifiedErrorId: 'LogonFailure' },
    ],
    predictedBy: [],
    remedy:
      'Check the password typed for the proof and that the account is neither locked out nor expired (Get-ADUser <account> -Properties LockedOut, PasswordExpired).',
    source: 'winerror.h SEC_E_LOGON_DENIED (0x8009030C), ERROR_LOGON_FAILURE (1326)',
  },
  {
    id: 'exchange-endpoint-denied',
    label: 'the Exchange endpoint refused the account',
    signatures: [
      { fullyQualifiedErrorId: 'AccessDenied', hops: secondHop },
      { transportErrorCode: 5, hops: secondHop },
    ],
    predictedBy: [],
    remedy:
      'Let the service account use Exchange remote PowerShell (Set-User <account> -RemotePowerShellEnabled $true) and give it an Exchange management role.',
    source: 'Exchange Management Shell endpoint Microsoft.Exchange: AccessDenied,PSSessionOpenFailed',
  },
  {
    id: 'http-401',
    label: 'WinRM answered HTTP 401 to the authentication offered',
    signatures: [
      // WinRM "received an HTTP status code of 401" carries no code of its own but the FQID of the open.
      { fullyQualifiedErrorId: 'PSSessionOpenFailed', message: /status code of 401|HTTP status code 401/i },
      { fullyQualifiedErrorId: 'PSSessionStateBroken', message: /status code of 401|HTTP status code 401/i },
    ],
    predictedBy: ['winrm.auth.cbt'],
    remedy:
      'Enable Negotiate and Kerberos on the WinRM service and, if the client cannot bind channels, lower CbtHardeningLevel as the vendor asks (Set-Item WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel -Value Relaxed).',
    source:
      'WinRM "The WinRM client received an HTTP status code of 401 from the remote WS-Management service"',
  },
  {
    id: 'access-denied',
    label: 'the account reached WinRM but may not open a session',
    signatures: [
      { fullyQualifiedErrorId: 'AccessDenied' },
      // ERROR_ACCESS_DENIED 5; E_ACCESSDENIED 0x80070005.
      { transportErrorCode: 5 },
      { hResult: -2147024891 },
      { codeInMessage: '0x80070005' },
    ],
    predictedBy: ['psremoting.serviceaccount', 'psremoting.sessionconfig'],
    remedy:
      'Add the service account to the Exchange server\'s Remote Management Users (or Administrators) group: net localgroup "Remote Management Users" /add <account>.',
    source:
      'AccessDenied,PSSessionStateBroken / AccessDenied,PSSessionOpenFailed with ErrorCode 5 "Access is denied" (vendor seed: Enter-PSSession … Access is denied)',
  },
  {
    id: 'exchange-rbac-denied',
    label: "Get-ExchangeServer is not among the account's Exchange roles",
    signatures: [
      // Exchange exposes only the cmdlets of the account's roles: a missing one is "not recognized".
      { exceptionType: 'System.Management.Automation.CommandNotFoundException', hops: cmdlet },
      { fullyQualifiedErrorId: 'CommandNotFoundException', hops: cmdlet },
    ],
    predictedBy: [],
    remedy:
      'Give the service account an Exchange role group that holds Get-ExchangeServer (View-Only Organization Management reads; the integration may need more): Add-RoleGroupMember "View-Only Organization Management" -Member <account>.',
    source:
      'CommandNotFoundException "The term \'Get-ExchangeServer\' is not recognized" inside an Exchange session (RBAC exposes only assigned cmdlets)',
  },
];

/** What no class recognises: the remedy says to read the error facts. */
export const unrecognisedHopFailure: HopFailureClass = {
  id: 'unrecognised',
  label: 'of an error ExReady does not recognise',
  signatures: [],
  predictedBy: [],
  remedy:
    'Read the error record below (its FullyQualifiedErrorId and code) and run Test-WSMan from where the hop starts.',
  source: 'none',
};

function idMatches(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  const wanted = expected.toLowerCase();
  const given = actual.toLowerCase();
  return given === wanted || given.split(',').includes(wanted);
}

function signatureMatches(signature: HopErrorSignature, hop: ProofHopId, error: HopErrorFacts): boolean {
  const checks: boolean[] = [];
  if (signature.hops !== undefined) checks.push(signature.hops.includes(hop));
  if (signature.fullyQualifiedErrorId !== undefined)
    checks.push(idMatches(signature.fullyQualifiedErrorId, error.fullyQualifiedErrorId));
  if (signature.transportErrorCode !== undefined)
    checks.push(
      error.transportErrorCode !== null &&
        u32(error.transportErrorCode) === u32(signature.transportErrorCode),
    );
  if (signature.hResult !== undefined)
    checks.push(error.hResult !== null && u32(error.hResult) === u32(signature.hResult));
  if (signature.codeInMessage !== undefined) {
    const wanted = signature.codeInMessage.toLowerCase();
    checks.push(error.codesInMessage.some((code) => code.toLowerCase() === wanted));
  }
  if (signature.exceptionType !== undefined)
    checks.push(error.exceptionTypes.includes(signature.exceptionType));
  if (signature.message !== undefined) checks.push(signature.message.test(error.message));
  // A signature of only hops or only a message would match on text alone: never.
  const codeFields =
    checks.length - (signature.hops === undefined ? 0 : 1) - (signature.message === undefined ? 0 : 1);
  return codeFields > 0 && checks.every(Boolean);
}

/** The class of a failed hop's error record; `unrecognised` when none matches. */
export function classifyHopFailure(hop: ProofHopId, error: HopErrorFacts): HopFailureClass {
  return (
    hopFailureClasses.find((candidate) =>
      candidate.signatures.some((signature) => signatureMatches(signature, hop, error)),
    ) ?? unrecognisedHopFailure
  );
}
