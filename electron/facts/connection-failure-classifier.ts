import type { ErrorRecordData } from '../../shared/facts/collection-protocol';
import {
  defaultRemedyFor,
  type ConnectionFailure,
  type ConnectionFailureCause,
} from '../../shared/facts/connection-failure';

interface FailurePattern {
  cause: ConnectionFailureCause;
  /** Matched against "message | fullyQualifiedErrorId | errorCode | exceptionType". */
  test: RegExp;
  /** A sharper remedy than the cause's default, when the text tells more. */
  remedy?: string;
}

// Order matters: the most specific texts first (a Kerberos message also says "WinRM cannot process the request").
const patterns: readonly FailurePattern[] = [
  // "The WinRM client cannot process the request because the server name cannot be resolved." (ComputerNotFound,PSSessionStateBroken)
  { cause: 'dns', test: /server name cannot be resolved|cannot resolve|ComputerNotFound/i },
  // ERROR_WINHTTP_NAME_NOT_RESOLVED 12007 = 0x80072ee7; "No such host is known" from a DNS lookup (SocketException 11001).
  { cause: 'dns', test: /0x80072ee7|No such host is known/i },
  // Proxy errors name the proxy (WinHTTP proxy settings, -ProxyAccessType); checked before the generic auth texts.
  { cause: 'proxy', test: /\bproxy\b/i },
  // SEC_E_WRONG_PRINCIPAL 0x80090322: no or wrong HTTP/<fqdn> SPN ("...errorcode 0x80090322 occurred while using Kerberos authentication").
  {
    cause: 'kerberos',
    test: /0x80090322/i,
    remedy:
      "Kerberos found no matching service principal name (0x80090322): connect with the fully qualified name and check that HTTP/<fqdn> is registered on the server's computer account only (setspn -Q HTTP/<fqdn>), not on an application pool account.",
  },
  // SEC_E_NO_AUTHENTICATING_AUTHORITY 0x80090311: no domain controller answered (DNS SRV records, clock skew, trust).
  {
    cause: 'kerberos',
    test: /0x80090311/i,
    remedy:
      'Kerberos could not reach a domain controller (0x80090311): check that the jump host resolves _kerberos._tcp.<domain> and that its clock is within 5 minutes of the domain controllers.',
  },
  // SEC_E_NO_CREDENTIALS 0x8009030e: no Kerberos credentials (local account, no TGT, or a double hop).
  { cause: 'kerberos', test: /0x8009030e|0x8009030c|while using Kerberos authentication|Kerberos/i },
  // "The WinRM client received an HTTP status code of 401 from the remote WS-Management service."
  { cause: 'winrm-auth-401', test: /status code of 401|HTTP status code 401|\b401 Unauthorized/i },
  // E_ACCESSDENIED 0x80070005: "Connecting to remote server X failed ... : Access is denied." (AccessDenied,PSSessionStateBroken)
  { cause: 'access-denied', test: /0x80070005|Access is denied|AccessDenied/i },
  // ERROR_WINHTTP_CANNOT_CONNECT 12029 = 0x80072efd, and WinRM's "The client cannot connect to the destination specified in the request" 0x80338012.
  {
    cause: 'tcp-refused',
    test: /0x80072efd|0x80338012|cannot connect to the destination|actively refused|connection .*was refused/i,
  },
  // ERROR_WSMAN_... 0x80338126: "WinRM cannot complete the operation. Verify that the specified computer name is valid ... firewall exception" (WinRMOperationTimeout).
  {
    cause: 'tcp-timeout',
    test: /0x80338126|WinRMOperationTimeout|firewall exception for the WinRM service/i,
  },
  // "The WinRM client cannot complete the operation within the time specified" (OperationTimeout); ERROR_WINHTTP_TIMEOUT 12002 = 0x80072ee2.
  { cause: 'tcp-timeout', test: /within the time specified|0x80072ee2|timed out/i },
  // ERROR_WINHTTP_SECURE_INVALID_CA 12045 = 0x80072f0d: the listener's certificate is not trusted by the jump host.
  {
    cause: 'unknown',
    test: /0x80072f0d|unknown certificate authority/i,
    remedy:
      "The jump host does not trust the certificate of the server's WinRM HTTPS listener (unknown certificate authority): issue the listener certificate from a CA the jump host trusts, or import its root into Trusted Root Certification Authorities.",
  },
  // ERROR_WINHTTP_SECURE_CERT_CN_INVALID 12038 = 0x80072f06: the certificate does not name the host that was dialled.
  {
    cause: 'unknown',
    test: /0x80072f06|common name \(CN\) that does not match/i,
    remedy:
      "The certificate of the server's WinRM HTTPS listener does not name the host that was dialled: connect with the name on the certificate, or replace the certificate with one whose subject or SAN holds the server FQDN.",
  },
];

function haystack(error: ErrorRecordData): string {
  return [error.message, error.fullyQualifiedErrorId, error.errorCode, error.exceptionType]
    .filter((part): part is string => part !== null)
    .join(' | ');
}

/** Names why a server could not be collected, from the error record the collection printed for it. */
export function classifyConnectionFailure(error: ErrorRecordData): ConnectionFailure {
  const text = haystack(error);
  const match = patterns.find((pattern) => pattern.test.test(text));
  const cause = match?.cause ?? 'unknown';
  return { cause, message: error.message, remedy: match?.remedy ?? defaultRemedyFor(cause) };
}
