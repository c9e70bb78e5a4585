import { worstStatus, type CheckResult, type CheckStatus } from '../../checks/check-result';
import type { DomainFacts, TenantFacts } from '../tenant-facts';
import { explainMfaBehaviour } from './mfa-policy-rules';
import { daysUntil, isoDate, json, notReadResult, tenantResult } from './tenant-result';

const id = 'm365.domain.federation';
const warnDays = 30;

interface DomainVerdict {
  status: CheckStatus;
  summary: string;
  evidence: Record<string, ReturnType<typeof json>>;
  remedy?: string;
}

function hostOf(uri: string | null | undefined): string | null {
  if (uri === null || uri === undefined) return null;
  // shared/ has no URL class: scheme://[userinfo@]host[:port][/...]
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(uri);
  return match?.[1]?.toLowerCase() ?? null;
}

function judgeDomain(domain: DomainFacts, idpHost: string | null, now: Date): DomainVerdict {
  const read = domain.domain;
  if (read.state === 'not-found')
    return {
      status: 'fail',
      summary: `${domain.name} is not a domain of this tenant (Graph answered ${read.status}).`,
      evidence: { domain: domain.name, request: `GET ${read.request}`, status: read.status },
      remedy: `Add and verify ${domain.name} in the tenant (Entra admin center, Domain names), then federate it as the IdP's guide describes.`,
    };
  if (read.state === 'unreadable') {
    const unknown = notReadResult(id, read, `the domain ${domain.name}`);
    return { status: 'unknown', summary: unknown.summary, evidence: unknown.evidence };
  }
  const authenticationType = read.value.authenticationType;
  if (authenticationType !== 'Federated')
    return {
      status: 'fail',
      summary: `${domain.name} is ${authenticationType}, not Federated: its users do not sign in through the IdP.`,
      evidence: { domain: domain.name, authenticationType },
      remedy: `Federate ${domain.name} with the IdP: POST /domains/${domain.name}/federationConfiguration with the IdP's issuerUri, passiveSignInUri and signing certificate.`,
    };
  const federation = domain.federation;
  if (federation === null || federation.state !== 'read') {
    const unknown = notReadResult(
      id,
      federation ?? {
        state: 'unreadable',
        request: '(not asked)',
        cause: 'not asked',
        status: null,
        errorCode: null,
      },
      `the federation configuration of ${domain.name}`,
    );
    return { status: 'unknown', summary: unknown.summary, evidence: unknown.evidence };
  }
  const config = federation.value.value[0];
  if (config === undefined)
    return {
      status: 'fail',
      summary: `${domain.name} is Federated but has no federation configuration.`,
      evidence: { domain: domain.name, authenticationType },
      remedy: `Recreate the federation of ${domain.name} with the IdP's values.`,
    };
  const issuerHost = hostOf(config.issuerUri);
  const passiveHost = hostOf(config.passiveSignInUri);
  const behaviour = config.federatedIdpMfaBehavior ?? null;
  const certificate = domain.signingCertificate;
  const evidence = {
    domain: domain.name,
    authenticationType,
    issuerUri: config.issuerUri ?? null,
    passiveSignInUri: config.passiveSignInUri ?? null,
    idpSignInHost: idpHost,
    signingCertificate: json(certificate),
    federatedIdpMfaBehavior: behaviour,
    federatedIdpMfaBehaviorExplained: explainMfaBehaviour(behaviour),
  };
  const problems: { status: CheckStatus; text: string; remedy: string }[] = [];
  if (idpHost === null)
    problems.push({
      status: 'warn',
      text: 'the IdP sign-in host is not in the inventory, so issuerUri and passiveSignInUri were not compared',
      remedy: "Add the IdP's sign-in host to the inventory.",
    });
  else if (passiveHost !== idpHost || issuerHost !== idpHost)
    problems.push({
      status: 'fail',
      text: `issuerUri (${config.issuerUri ?? 'none'}) and passiveSignInUri (${config.passiveSignInUri ?? 'none'}) must be on ${idpHost}`,
      remedy: `Update the federation of ${domain.name} with the IdP's values (PATCH /domains/${domain.name}/federationConfiguration/${config.id ?? '{id}'}).`,
    });
  if (certificate === null || certificate === 'unparseable')
    problems.push({
      status: 'fail',
      text:
        certificate === null
          ? 'there is no signing certificate'
          : 'the signing certificate is not a readable X.509 certificate',
      remedy:
        "Upload the IdP's current token-signing certificate (base64 DER) to the federation configuration.",
    });
  else {
    const notAfter = new Date(certificate.notAfter);
    const days = daysUntil(notAfter, now);
    if (notAfter.getTime() <= now.getTime())
      problems.push({
        status: 'fail',
        text: `the signing certificate expired on ${isoDate(notAfter)}`,
        remedy: "Upload the IdP's new token-signing certificate to the federation configuration.",
      });
    else if (days < warnDays)
      problems.push({
        status: 'warn',
        text: `the signing certificate expires on ${isoDate(notAfter)} (in ${days} days)`,
        remedy: "Put the IdP's next token-signing certificate in nextSigningCertificate before it expires.",
      });
  }
  const status = worstStatus(['pass', ...problems.map((problem) => problem.status)]);
  const remedies = problems.map((problem) => problem.remedy);
  const verdict: DomainVerdict = {
    status,
    summary:
      problems.length === 0
        ? `${domain.name} is federated with ${idpHost ?? passiveHost ?? 'the IdP'}; the signing certificate is valid${certificate !== null && certificate !== 'unparseable' ? ` until ${isoDate(new Date(certificate.notAfter))}` : ''}. ${explainMfaBehaviour(behaviour)}`
        : `${domain.name}: ${problems.map((problem) => problem.text).join('; ')}. ${explainMfaBehaviour(behaviour)}`,
    evidence,
  };
  if (remedies.length > 0) verdict.remedy = remedies.join(' ');
  return verdict;
}

export function domainFederationRule(facts: TenantFacts, now: Date): CheckResult {
  if (facts.domains.length === 0)
    return tenantResult(id, 'unknown', 'No federated domain is in the inventory, so none was checked.', {
      evidence: { domains: [] },
      remedy: 'Add the custom domain(s) the IdP signs users in for to the inventory.',
    });
  const verdicts = facts.domains.map((domain) => judgeDomain(domain, facts.idpSignInHost, now));
  const remedies = verdicts.flatMap((verdict) => (verdict.remedy === undefined ? [] : [verdict.remedy]));
  return tenantResult(
    id,
    worstStatus(verdicts.map((verdict) => verdict.status)),
    verdicts.map((verdict) => verdict.summary).join(' '),
    {
      evidence: { domains: verdicts.map((verdict) => ({ status: verdict.status, ...verdict.evidence })) },
      ...(remedies.length > 0 ? { remedy: remedies.join(' ') } : {}),
    },
  );
}
