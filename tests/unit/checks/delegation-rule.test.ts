import { describe, expect, it } from 'vitest';
import { evaluateDelegation } from '../../../electron/checks/delegation-rule';
import type { AdComputerFacts } from '../../../shared/facts/ad-computer-facts';
import { readListBlocks, readPsOutputFixture } from '../../helpers/powershell-text-output';
import { collectedValue, notCollected, readyServerFacts, testContext } from '../../helpers/remoting-facts';

const base: AdComputerFacts = {
  distinguishedName: 'CN=EXCH01,CN=Computers,DC=contoso,DC=com',
  userAccountControl: 4096,
  trustedForDelegation: false,
  trustedToAuthForDelegation: false,
  allowedToDelegateTo: [],
  allowedToActOnBehalfOfOtherIdentityPresent: false,
};

function evaluate(computer: Partial<AdComputerFacts>) {
  return evaluateDelegation(readyServerFacts({ adComputer: collectedValue({ ...base, ...computer }) }));
}

describe('ad.delegation', () => {
  it('passes TrustedForDelegation, as the integration asks, with the unconstrained-delegation risk spelled out', () => {
    const result = evaluate({ trustedForDelegation: true, userAccountControl: 528384 });
    expect(result.status).toBe('pass');
    expect(result.acceptedRisk?.exposes).toContain('impersonate');
    expect(result.acceptedRisk?.saferAlternatives.join(' ')).toMatch(
      /constrained delegation.*Resource-based constrained delegation/s,
    );
    expect(result.references).toContain(
      'https://learn.microsoft.com/defender-for-identity/security-assessment-unconstrained-kerberos',
    );
  });

  it('warns on constrained or resource-based delegation: safer, not what the vendor documents', () => {
    const constrained = evaluate({
      allowedToDelegateTo: ['HTTP/exch02.contoso.com'],
      trustedToAuthForDelegation: true,
    });
    expect(constrained.status).toBe('warn');
    expect(constrained.summary).toContain('constrained delegation to HTTP/exch02.contoso.com');
    expect(evaluate({ allowedToActOnBehalfOfOtherIdentityPresent: true }).summary).toContain(
      'resource-based',
    );
  });

  it('fails on the Get-ADComputer output where TrustedForDelegation is False', () => {
    const [computer] = readListBlocks(
      readPsOutputFixture('Get-ADComputer_Properties_all__TrustedForDelegation_False__winps-docs.txt'),
    );
    const result = evaluate({
      distinguishedName: computer?.DistinguishedName ?? null,
      userAccountControl: Number(computer?.userAccountControl),
      trustedForDelegation: computer?.TrustedForDelegation === 'True',
      trustedToAuthForDelegation: computer?.TrustedToAuthForDelegation === 'True',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ trustedForDelegation: false, userAccountControl: 4096 });
    expect(result.fixId).toBe('ad.delegation.trust-for-delegation');
  });

  it('is unknown when Active Directory could not be read from the jump host', () => {
    const result = evaluateDelegation(
      readyServerFacts({ adComputer: notCollected('Unable to contact the server.') }),
    );
    expect(result.status).toBe('unknown');
  });
});

describe('ad.delegation with a proof', () => {
  const constrained = { allowedToDelegateTo: ['HTTP/exch01.contoso.com'], trustedToAuthForDelegation: true };
  const facts = () => readyServerFacts({ adComputer: collectedValue({ ...base, ...constrained }) });
  const proved = (secondHop: 'works' | 'denied' | 'untested', exchangeServer = 'exch01.contoso.com') => ({
    exchangeServer,
    kind: 'constrained' as const,
    coversExchangeEndpoint: true,
    secondHop,
    text: '',
    at: '2025-03-01T12:00:00.000Z',
    syncServer: 'sync01.contoso.com',
    simulated: false,
  });

  it('turns the constrained-delegation warning into a pass with the proof as evidence', () => {
    const result = evaluateDelegation(facts(), testContext({ provedDelegation: [proved('works')] }));
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(/^Proved: /);
    expect(result.evidence.proved).toMatchObject({ secondHop: 'works', syncServer: 'sync01.contoso.com' });
    expect(result.acceptedRisk).toBeUndefined();
  });

  it('fails when the proof showed the second hop denied for want of delegation', () => {
    const result = evaluateDelegation(facts(), testContext({ provedDelegation: [proved('denied')] }));
    expect(result.status).toBe('fail');
    expect(result.remedy).toContain('HTTP/exch01.contoso.com');
  });

  it("keeps the verdict when no proof, an untested one, or another server's proof exists", () => {
    expect(evaluateDelegation(facts()).status).toBe('warn');
    expect(evaluateDelegation(facts(), testContext({ provedDelegation: [proved('untested')] })).status).toBe(
      'warn',
    );
    expect(
      evaluateDelegation(facts(), testContext({ provedDelegation: [proved('works', 'exch09.contoso.com')] }))
        .status,
    ).toBe('warn');
  });
});
