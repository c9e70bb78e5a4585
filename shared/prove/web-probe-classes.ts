import { z } from 'zod';
import type { CheckStatus } from '../checks/check-result';

/** The Exchange web apps the MFA module sits in front of. */
export const WebProbeApp = z.enum(['owa', 'ecp']);
export type WebProbeApp = z.infer<typeof WebProbeApp>;

/** What one probe of https://<server>/<app>/ ended with, classified by TLS/socket error code and redirect target. */
export const WebProbeClass = z.enum([
  'idp-redirect',
  'forms-logon',
  'external-redirect',
  'answered',
  'error-fe-500',
  'http-error',
  'too-many-redirects',
  'certificate-name-mismatch',
  'certificate-untrusted',
  'certificate-expired',
  'tls-other',
  'dns',
  'tcp-refused',
  'timeout',
  'network',
]);
export type WebProbeClass = z.infer<typeof WebProbeClass>;

export interface WebProbeClassInfo {
  /** The probe's verdict; `forms-logon` depends on whether the module should be active (see webProbeStatus). */
  status: CheckStatus;
  meaning: string;
  remedy: string;
  /** The checks whose verdict predicts this outcome. */
  predictedBy: readonly string[];
}

const certificateRemedy =
  'Bind a certificate to the Default Web Site that the jump host trusts and that names the server (Exchange admin center > Servers > Certificates, or Enable-ExchangeCertificate -Services IIS).';

/** The classification table: each outcome with its meaning, remedy and the checks that predict it. */
export const webProbeClasses: Record<WebProbeClass, WebProbeClassInfo> = {
  'idp-redirect': {
    status: 'pass',
    meaning: 'the app redirected to the identity provider: the MFA module is active and answering',
    remedy: 'Nothing to do.',
    predictedBy: ['mfa.{app}.module', 'mfa.{app}.bin', 'mfa.api'],
  },
  'forms-logon': {
    status: 'pass',
    meaning:
      "the app answered with Exchange's own sign-in page (/owa/auth/logon.aspx): the MFA module is not intercepting",
    remedy:
      'If the MFA module should be active, check its entry in system.webServer/modules and its DLL in bin, then recycle the app pool.',
    predictedBy: ['mfa.{app}.module'],
  },
  'external-redirect': {
    status: 'warn',
    meaning:
      'the app redirected to a host that is neither this server nor a known identity provider host (not followed)',
    remedy:
      "If that host is the identity provider, name it (--idp-host); otherwise check the app's redirect settings.",
    predictedBy: ['mfa.{app}.appsettings'],
  },
  answered: {
    status: 'pass',
    meaning: 'the app answered without an error',
    remedy: 'Nothing to do.',
    predictedBy: [],
  },
  'error-fe-500': {
    status: 'fail',
    meaning:
      'the app redirected to /owa/auth/errorFE.aspx?httpCode=500: the failure the MFA module logs when it cannot reach its API, its key is wrong or the user is not assigned',
    remedy:
      'Read the MFA module\'s log (MONOSIGN_LOG_PATH) for "By-username result" or "Invalid Application Key"; if OWA/ECP is down for everyone, roll the web.config back to ExReady\'s backup.',
    predictedBy: ['mfa.{app}.bin', 'mfa.{app}.appsettings', 'mfa.api', 'mfa.logs'],
  },
  'http-error': {
    status: 'fail',
    meaning: 'the app answered with an HTTP error status',
    remedy: 'Read the IIS log and the Application event log of the server for the failing request.',
    predictedBy: ['mfa.{app}.module', 'mfa.{app}.bin'],
  },
  'too-many-redirects': {
    status: 'fail',
    meaning:
      'the app kept redirecting (a loop between the module and the sign-in page, or a wrong external URL)',
    remedy: "Check the app's ExternalUrl/InternalUrl and the module's redirect settings.",
    predictedBy: ['mfa.{app}.appsettings'],
  },
  'certificate-name-mismatch': {
    status: 'fail',
    meaning: "the server's certificate does not name the server",
    remedy: certificateRemedy,
    predictedBy: [],
  },
  'certificate-untrusted': {
    status: 'fail',
    meaning: "the server's certificate is not issued by an authority the jump host trusts",
    remedy: certificateRemedy,
    predictedBy: [],
  },
  'certificate-expired': {
    status: 'fail',
    meaning: "the server's certificate has expired (or is not valid yet)",
    remedy: certificateRemedy,
    predictedBy: [],
  },
  'tls-other': {
    status: 'fail',
    meaning: 'the TLS handshake failed',
    remedy:
      'Compare the TLS versions and cipher suites the server and the jump host allow (IIS Crypto, SCHANNEL events).',
    predictedBy: [],
  },
  dns: {
    status: 'unknown',
    meaning: "the server's name does not resolve from the jump host",
    remedy: 'Check the DNS record of the server or correct the name in the inventory.',
    predictedBy: [],
  },
  'tcp-refused': {
    status: 'fail',
    meaning: 'the server refused TCP 443',
    remedy: 'Check that IIS (W3SVC) runs and the Default Web Site has an HTTPS binding on 443.',
    predictedBy: [],
  },
  timeout: {
    status: 'unknown',
    meaning: 'nothing answered in time',
    remedy: 'Check the firewalls between the jump host and the server for TCP 443.',
    predictedBy: [],
  },
  network: {
    status: 'unknown',
    meaning: 'the connection failed',
    remedy: 'Retry from the jump host with a browser and read the error.',
    predictedBy: [],
  },
};

/** The probe's status, given whether the MFA module should be active: its absence then is a failure. */
export function webProbeStatus(probeClass: WebProbeClass, expectModule: boolean | null): CheckStatus {
  if (probeClass === 'forms-logon' && expectModule === true) return 'fail';
  if (probeClass === 'idp-redirect' && expectModule === false) return 'warn';
  return webProbeClasses[probeClass].status;
}

// Node's TLS and socket error codes (err.code), never message text.
const errorCodeClasses: Record<string, WebProbeClass> = {
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate-name-mismatch',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate-untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate-untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate-untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate-untrusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate-untrusted',
  CERT_UNTRUSTED: 'certificate-untrusted',
  CERT_HAS_EXPIRED: 'certificate-expired',
  CERT_NOT_YET_VALID: 'certificate-expired',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNREFUSED: 'tcp-refused',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'network',
  EHOSTUNREACH: 'network',
  ENETUNREACH: 'network',
};

/** The class of a failed connection from its error code. */
export function classifyConnectionError(code: string | undefined): WebProbeClass {
  if (code === undefined) return 'network';
  const known = errorCodeClasses[code];
  if (known !== undefined) return known;
  return code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') ? 'tls-other' : 'network';
}
