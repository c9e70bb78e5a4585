import type { CheckResult } from '../../shared/checks/check-result';

/** What a run's MFA checks say the OWA/ECP probe should expect of a server: the IdP's host, the module's presence. */
export interface MfaView {
  idpHost: string | null;
  expectModule: boolean | null;
}

// The MFA API's host stands for the identity provider: the module sends browsers to the same service.
export function mfaViewOf(results: readonly CheckResult[], app: 'owa' | 'ecp' = 'owa'): MfaView {
  const url = results.find((result) => result.checkId === 'mfa.api')?.evidence.url;
  const module = results.find((result) => result.checkId === `mfa.${app}.module`)?.status;
  return {
    idpHost: typeof url === 'string' && URL.canParse(url) ? new URL(url).hostname : null,
    expectModule: module === 'pass' ? true : module === 'fail' ? false : null,
  };
}
