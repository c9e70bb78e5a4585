import type { CheckResult } from '../../../shared/checks/check-result';
import type { MfaApiOutcome } from '../../../shared/facts/mfa-facts';
import type { CollectedServerFacts } from '../../../shared/facts/server-facts';
import { mfaFactsOf, mfaResult, mfaUnknown } from './mfa-context';

const failures: Partial<Record<MfaApiOutcome, { what: string; remedy: string }>> = {
  'dns-failure': {
    what: 'its name does not resolve on this server',
    remedy: 'Check the API host name and the DNS servers this Exchange server uses.',
  },
  'tcp-failure': {
    what: 'the TCP connection failed (firewall or proxy)',
    remedy: 'Allow this Exchange server to open HTTPS to the API address through the firewall and proxy.',
  },
  'timed-out': {
    what: 'the request timed out',
    remedy:
      'Allow this Exchange server to open HTTPS to the API address; a silent drop usually means a firewall.',
  },
  'tls-error': {
    what: 'the TLS handshake or the certificate was refused',
    remedy:
      "Make the API's certificate chain trusted on this server (and TLS 1.2 enabled), or correct the host name in the URL.",
  },
  error: {
    what: 'the request failed',
    remedy: 'Run Invoke-WebRequest against the API URL on the server to see the error.',
  },
};

/** mfa.api: the Exchange server reaches MONOSIGN_API_URL (any HTTP answer below 500 means reachable). */
export function evaluateMfaApi(facts: CollectedServerFacts): CheckResult {
  const checkId = 'mfa.api';
  const found = mfaFactsOf(facts, checkId);
  if (!found.ok) return found.result;
  const api = found.mfa.api;
  if (api.status === 'not-collected') return mfaUnknown(checkId, 'the API reachability', api.error);
  const probe = api.value;
  const evidence = {
    url: probe.url,
    outcome: probe.outcome,
    statusCode: probe.statusCode,
    message: probe.message,
  };
  if (probe.outcome === 'not-configured')
    return mfaResult(
      checkId,
      'n/a',
      'No API URL is set in the owa or ecp web.config: nothing to test yet.',
      evidence,
    );
  if (probe.outcome === 'reachable' || (probe.outcome === 'http-status' && (probe.statusCode ?? 0) < 500))
    return mfaResult(
      checkId,
      'pass',
      `${probe.url ?? 'The API'} answered HTTP ${probe.statusCode ?? ''} from this server.`,
      evidence,
    );
  if (probe.outcome === 'http-status')
    return mfaResult(
      checkId,
      'warn',
      `${probe.url ?? 'The API'} is reachable but answered HTTP ${probe.statusCode ?? ''}.`,
      evidence,
      'The network path is open; ask the API owner why it answers with a server error.',
    );
  const failure = failures[probe.outcome] ?? failures.error;
  return mfaResult(
    checkId,
    'fail',
    `This server cannot reach ${probe.url ?? 'the API'}: ${failure?.what ?? 'the request failed'} (${probe.outcome}).`,
    evidence,
    failure?.remedy,
  );
}
