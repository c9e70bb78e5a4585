import { describe, expect, it } from 'vitest';
import { evaluateCbtHardening } from '../../../electron/checks/cbt-hardening-rule';
import { CbtHardeningLevel } from '../../../shared/facts/winrm-facts';
import { readPsOutputFixture, readWinrmSettings, winrmValue } from '../../helpers/powershell-text-output';
import { collectedValue, notCollected, readyServerFacts } from '../../helpers/remoting-facts';

function evaluate(level: CbtHardeningLevel, source: string | null = null) {
  return evaluateCbtHardening(
    readyServerFacts({
      serviceAuth: collectedValue({ cbtHardeningLevel: level, cbtHardeningLevelSource: source }),
    }),
  );
}

describe('winrm.auth.cbt', () => {
  it('passes None but never silently: the accepted risk says what it exposes and what is safer', () => {
    const result = evaluate('None');
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('channel-binding protection is off');
    expect(result.acceptedRisk?.exposes).toMatch(/relay/);
    expect(result.acceptedRisk?.saferAlternatives.join(' ')).toMatch(/Relaxed, the Windows default/);
  });

  it('warns on the Windows default, read from a real `winrm get winrm/config/Service` output', () => {
    const [service] = readWinrmSettings(
      readPsOutputFixture('winrm_get_winrm-config-Service_and_Winrs__ansible-docs-old_rst-indented.txt'),
    );
    const level = CbtHardeningLevel.parse(
      winrmValue(service ?? [], 'Service', 'Auth', 'CbtHardeningLevel')?.value,
    );
    const result = evaluate(level);
    expect(result.status).toBe('warn');
    expect(result.acceptedRisk).toBeUndefined();
    expect(result.fixId).toBe('winrm.auth.cbt.set-none');
  });

  it('fails on Strict', () => {
    const result = evaluate('Strict');
    expect(result.status).toBe('fail');
    expect(result.remedy).toContain('CbtHardeningLevel -Value None');
  });

  it('points at Group Policy, without a local fix, when the policy sets the level', () => {
    const result = evaluate('Strict', 'GPO');
    expect(result.fixId).toBeUndefined();
    expect(result.remedy).toContain('Specify channel binding token hardening level');
    expect(evaluate('None', 'GPO').summary).toContain('set by Group Policy');
  });

  it('is unknown when WSMan:\\localhost\\Service\\Auth could not be read', () => {
    expect(
      evaluateCbtHardening(readyServerFacts({ serviceAuth: notCollected('Access is denied.') })).status,
    ).toBe('unknown');
  });
});
