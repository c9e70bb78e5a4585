import { z } from 'zod';

/** Why a server could not be collected at all. */
export const ConnectionFailureCause = z.enum([
  'dns',
  'tcp-refused',
  'tcp-timeout',
  'winrm-auth-401',
  'kerberos',
  'proxy',
  'access-denied',
  'unknown',
]);
export type ConnectionFailureCause = z.infer<typeof ConnectionFailureCause>;

export const ConnectionFailure = z.object({
  cause: ConnectionFailureCause,
  /** The error text exactly as PowerShell reported it. */
  message: z.string(),
  /** What the administrator should do, in plain language. */
  remedy: z.string().min(1),
});
export type ConnectionFailure = z.infer<typeof ConnectionFailure>;

const remedies: Record<ConnectionFailureCause, string> = {
  dns: 'The name does not resolve from the jump host: check the DNS A record of the server, or correct the name in the inventory.',
  'tcp-refused':
    'The server refused TCP 5986: the WinRM HTTPS listener is missing or the WinRM service is stopped. Run "winrm enumerate winrm/config/listener" on the server.',
  'tcp-timeout':
    'Nothing answered on TCP 5986 in time: a firewall between the jump host and the server, or on the server, drops the traffic. Open TCP 5986 inbound.',
  'winrm-auth-401':
    'WinRM rejected the credentials (HTTP 401): check the account and password, and that Negotiate or Kerberos authentication is enabled on the WinRM service.',
  kerberos:
    'Kerberos failed: connect with the fully qualified name, check the HTTP/<fqdn> service principal name and the clock difference with the domain controllers (under 5 minutes).',
  proxy:
    'A proxy stands between the jump host and the server: bypass the proxy for the Exchange servers (netsh winhttp show proxy) or set session proxy options.',
  'access-denied':
    'The account reached WinRM but may not open a session: add it to the local Administrators or Remote Management Users group of the server.',
  unknown: 'Run Test-WSMan against the server from the jump host and read the full error.',
};

/** The default plain-language remedy for a cause, for collectors that have no better one. */
export function defaultRemedyFor(cause: ConnectionFailureCause): string {
  return remedies[cause];
}

const causeText: Record<ConnectionFailureCause, string> = {
  dns: 'its name does not resolve',
  'tcp-refused': 'it refused the TCP connection',
  'tcp-timeout': 'the TCP connection timed out',
  'winrm-auth-401': 'WinRM rejected the credentials (HTTP 401)',
  kerberos: 'Kerberos authentication failed',
  proxy: 'a proxy is in the way',
  'access-denied': 'access was denied',
  unknown: 'of an unrecognised error',
};

/** Why a server could not be reached, as the end of "could not be reached because …". */
export function connectionFailureText(cause: ConnectionFailureCause): string {
  return causeText[cause];
}
