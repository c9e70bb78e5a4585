import type { CheckResult, CheckStatus } from '../../shared/checks/check-result';
import { worstStatus } from '../../shared/checks/check-result';
import { remotingFixIds } from '../../shared/checks/remoting-fix-ids';
import {
  anyExtendedKeyUsageOid,
  serverAuthenticationOid,
  type CertificateFacts,
} from '../../shared/facts/certificate-facts';
import { isFromGroupPolicy } from '../../shared/facts/collected';
import type { CollectedServerFacts } from '../../shared/facts/server-facts';
import { checkResult, notCollectedResult } from './check-result-builder';
import type { EvaluationContext } from './evaluation-context';
import { certificateNameMatches, subjectCommonNames } from './host-name-match';
import { findHttpsListener, winrmHttpsPort } from './https-listener-rule';

const id = 'winrm.listener.cert';
const dayMs = 86_400_000;
export const expiryWarningDays = 30;

/** Thumbprints copied from the certificate dialog carry spaces and an invisible U+200E: keep only the hex digits. */
export function canonicalThumbprint(value: string | null): string {
  return (value ?? '').replace(/[^0-9a-f]/gi, '').toUpperCase();
}

export interface Finding {
  status: CheckStatus;
  text: string;
}

function namesOf(certificate: CertificateFacts): string[] {
  return [...subjectCommonNames(certificate.subject), ...certificate.dnsNames];
}

function nameFindings(certificate: CertificateFacts, fqdn: string, hostname: string | null): Finding[] {
  const names = namesOf(certificate);
  const findings: Finding[] = [];
  const listed = names.length === 0 ? 'no DNS name' : names.join(', ');
  if (!names.some((name) => certificateNameMatches(name, fqdn))) {
    findings.push({ status: 'fail', text: `it is issued to ${listed}, not to the server name ${fqdn}` });
  }
  const listenerName = hostname?.trim() ?? '';
  if (listenerName !== '' && !names.some((name) => certificateNameMatches(name, listenerName))) {
    findings.push({ status: 'fail', text: `it does not name the listener Hostname ${listenerName}` });
  }
  return findings;
}

function usageFindings(certificate: CertificateFacts): Finding[] {
  const usages = certificate.enhancedKeyUsages;
  if (usages.length === 0) {
    return [
      {
        status: 'warn',
        text: 'it has no Enhanced Key Usage extension (any purpose); prefer a Server Authentication certificate',
      },
    ];
  }
  if (usages.includes(serverAuthenticationOid) || usages.includes(anyExtendedKeyUsageOid)) return [];
  return [
    {
      status: 'fail',
      text: `it is not for Server Authentication (${serverAuthenticationOid}); its usages are ${usages.join(', ')}`,
    },
  ];
}

function validityFindings(certificate: CertificateFacts, now: Date): Finding[] {
  const notBefore = new Date(certificate.notBefore);
  const notAfter = new Date(certificate.notAfter);
  if (notBefore.getTime() > now.getTime()) {
    return [{ status: 'fail', text: `it is not valid before ${certificate.notBefore}` }];
  }
  if (notAfter.getTime() <= now.getTime())
    return [{ status: 'fail', text: `it expired on ${certificate.notAfter}` }];
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / dayMs);
  if (daysLeft < expiryWarningDays) {
    return [
      {
        status: 'warn',
        text: `it expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${certificate.notAfter})`,
      },
    ];
  }
  return [];
}

/** Everything that makes a certificate unfit (fail) or doubtful (warn) for the listener; empty when it is fit. */
export function listenerCertificateFindings(
  certificate: CertificateFacts,
  fqdn: string,
  listenerHostname: string | null,
  now: Date,
): Finding[] {
  return [
    ...(certificate.hasPrivateKey
      ? []
      : [{ status: 'fail' as const, text: 'its private key is not on the server' }]),
    ...usageFindings(certificate),
    ...validityFindings(certificate, now),
    ...nameFindings(certificate, fqdn, listenerHostname),
  ];
}

/** winrm.listener.cert: the HTTPS listener's certificate must be usable for TLS by a client that checks names. */
export function evaluateListenerCertificate(
  facts: CollectedServerFacts,
  context: EvaluationContext,
): CheckResult {
  if (facts.listeners.status === 'not-collected') {
    return notCollectedResult(id, 'the WinRM listeners', facts.listeners.error);
  }
  const listener = findHttpsListener(facts.listeners.value);
  if (listener === undefined) {
    return checkResult(
      id,
      'n/a',
      `There is no HTTPS listener on ${winrmHttpsPort} to hold a certificate (see winrm.listener.https).`,
      {
        evidence: { listener: null },
      },
    );
  }
  const thumbprint = canonicalThumbprint(listener.certificateThumbprint);
  const listenerEvidence = {
    listenerThumbprint: listener.certificateThumbprint,
    listenerHostname: listener.hostname,
  };
  const remedy = isFromGroupPolicy(listener.source)
    ? 'Group Policy defines this listener: enrol a valid Server Authentication certificate for the server (the policy listener picks it up), then run gpupdate /force.'
    : `Install a Server Authentication certificate issued to ${facts.fqdn} in LocalMachine\\My, then point the listener at it: Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address="*";Transport="HTTPS"} -ValueSet @{CertificateThumbprint="<thumbprint>"}`;
  const fixId = isFromGroupPolicy(listener.source) ? undefined : remotingFixIds.listenerCertificateReplace;
  const failing = (summary: string, evidence: Record<string, string | null>) =>
    checkResult(id, 'fail', summary, { evidence, remedy, ...(fixId === undefined ? {} : { fixId }) });

  if (thumbprint === '')
    return failing('The HTTPS listener has no certificate thumbprint.', listenerEvidence);
  if (facts.certificates.status === 'not-collected') {
    return notCollectedResult(id, 'the certificates of LocalMachine\\My', facts.certificates.error);
  }
  const certificate = facts.certificates.value.find(
    (item) => canonicalThumbprint(item.thumbprint) === thumbprint,
  );
  if (certificate === undefined) {
    return failing(`The listener's certificate ${thumbprint} is not in LocalMachine\\My.`, listenerEvidence);
  }

  const findings = listenerCertificateFindings(certificate, facts.fqdn, listener.hostname, context.now);
  const daysLeft = Math.floor((new Date(certificate.notAfter).getTime() - context.now.getTime()) / dayMs);
  const evidence = {
    ...listenerEvidence,
    serverFqdn: facts.fqdn,
    thumbprint: certificate.thumbprint,
    subject: certificate.subject,
    dnsNames: certificate.dnsNames,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    daysLeft,
    hasPrivateKey: certificate.hasPrivateKey,
    enhancedKeyUsages: certificate.enhancedKeyUsages,
  };
  if (findings.length === 0) {
    return checkResult(
      id,
      'pass',
      `Certificate ${certificate.thumbprint} (${certificate.subject}) names ${facts.fqdn}, has its private key, is for Server Authentication and is valid for ${daysLeft} more days.`,
      { evidence },
    );
  }
  const status = worstStatus(findings.map((finding) => finding.status));
  const summary = `Certificate ${certificate.thumbprint}: ${findings.map((finding) => finding.text).join('; ')}.`;
  return checkResult(id, status, summary, { evidence, remedy, ...(fixId === undefined ? {} : { fixId }) });
}
