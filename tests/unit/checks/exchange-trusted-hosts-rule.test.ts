import { describe, expect, it } from 'vitest';
import { evaluateExchangeTrustedHosts } from '../../../electron/checks/exchange-trusted-hosts-rule';
import { collectedValue, notCollected, readyServerFacts } from '../../helpers/remoting-facts';

function evaluate(value: string, source: string | null = null) {
  return evaluateExchangeTrustedHosts(readyServerFacts({ trustedHosts: collectedValue({ value, source }) }));
}

describe('winrm.trustedhosts.exchange', () => {
  it('passes an empty list or one without "*"', () => {
    expect(evaluate('').status).toBe('pass');
    expect(evaluate('').summary).toContain('is empty');
    expect(evaluate('mgmt01.contoso.com, 10.0.0.9').status).toBe('pass');
  });

  it('warns on "*" with the reason: EMS negotiates instead of using Kerberos and fails, citing CSS-Exchange issue 2412', () => {
    const result = evaluate('mgmt01.contoso.com, *');
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('negotiates instead of using Kerberos');
    expect(result.summary).toContain('EMS fails to connect');
    expect(result.references).toContain('https://github.com/microsoft/CSS-Exchange/issues/2412');
    expect(result.evidence).toEqual({ value: 'mgmt01.contoso.com, *', source: null });
    expect(result.remedy).toContain("Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value ''");
  });

  it('sends a "*" set by Group Policy to the policy, not to Set-Item', () => {
    const result = evaluate('*', 'GPO');
    expect(result.status).toBe('warn');
    expect(result.remedy).toContain('Group Policy');
    expect(result.remedy).not.toContain('Set-Item');
  });

  it('does not take a pattern such as *.contoso.com for "*"', () => {
    expect(evaluate('*.contoso.com').status).toBe('pass');
  });

  it('is unknown when the value could not be read, or the facts predate it', () => {
    const failed = evaluateExchangeTrustedHosts(
      readyServerFacts({ trustedHosts: notCollected('Access is denied.') }),
    );
    expect(failed.status).toBe('unknown');
    expect(failed.summary).toContain('Access is denied.');
    const { trustedHosts: _absent, ...older } = readyServerFacts();
    const predating = evaluateExchangeTrustedHosts(older);
    expect(predating.status).toBe('unknown');
    expect(predating.remedy).toBe('Collect again.');
  });
});
