import type { CheckResult } from '../../checks/check-result';

/** One place two integrations meet: seed 002's federated domain and seed 004's delegated password grant. */
export interface CrossIntegrationMeeting {
  domain: string;
  /** The one line for the estate summary. */
  line: string;
}

function federatedDomains(federation: CheckResult | undefined): string[] {
  const domains = federation?.evidence.domains;
  if (!Array.isArray(domains)) return [];
  return domains.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    const { domain, authenticationType } = entry as Record<string, unknown>;
    return authenticationType === 'Federated' && typeof domain === 'string' ? [domain.toLowerCase()] : [];
  });
}

function withNote(result: CheckResult, note: string, other: string, domain: string): CheckResult {
  return {
    ...result,
    summary: `${result.summary} ${note}`,
    evidence: { ...result.evidence, crossIntegration: { with: other, domain, note } },
  };
}

/**
 * Where m365.domain.federation finds a domain Federated and ews.account.passwordflow signs the ERP in with a
 * password on that same domain, says so once on each of the two results and returns the estate line.
 */
export function crossIntegrationNotes(results: readonly CheckResult[]): {
  results: CheckResult[];
  meetings: CrossIntegrationMeeting[];
} {
  const federation = results.find((result) => result.checkId === 'm365.domain.federation');
  const password = results.find((result) => result.checkId === 'ews.account.passwordflow');
  const accountDomain = password?.evidence.domain;
  if (
    federation === undefined ||
    password === undefined ||
    typeof accountDomain !== 'string' ||
    password.status === 'n/a'
  )
    return { results: [...results], meetings: [] };
  const domain = accountDomain.toLowerCase();
  if (!federatedDomains(federation).includes(domain)) return { results: [...results], meetings: [] };
  const fails = password.status === 'fail' && password.evidence.authenticationType === 'Federated';
  const consequence = fails
    ? "the ERP's password sign-in on it fails (Entra cannot check a password the IdP owns)"
    : 'the ERP\u2019s password sign-in on it works only through a home realm discovery policy with cloud password validation (and synced password hashes)';
  const federationNote = `Cross-integration: ${domain} is also the domain of the ERP's delegated mail account; ${consequence} (see ews.account.passwordflow).`;
  const passwordNote = `Cross-integration: ${domain} is federated to the IdP for Microsoft 365 (see m365.domain.federation).`;
  const line = `Cross-integration: ${domain} is federated to the IdP (Microsoft 365) and is the domain of the ERP's delegated mail account (Exchange Online mail): ${consequence}.`;
  return {
    results: results.map((result) =>
      result === federation
        ? withNote(result, federationNote, 'ews.account.passwordflow', domain)
        : result === password
          ? withNote(result, passwordNote, 'm365.domain.federation', domain)
          : result,
    ),
    meetings: [{ domain, line }],
  };
}
