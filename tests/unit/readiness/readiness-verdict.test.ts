import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckStatus } from '../../../shared/checks/check-result';
import { estateReadiness } from '../../../shared/readiness/estate-summary';
import { integrationVerdict, readinessRank, worstVerdict } from '../../../shared/readiness/readiness-verdict';
import { runReadiness } from '../../../shared/readiness/run-readiness';

function result(checkId: string, status: CheckStatus, risky = false): CheckResult {
  const base: CheckResult = {
    checkId,
    status,
    summary: `${checkId} is ${status}`,
    evidence: {},
    references: [],
  };
  return risky ? { ...base, acceptedRisk: { exposes: 'something', saferAlternatives: ['less'] } } : base;
}

const collected = (results: CheckResult[]) => ({
  fqdn: 'exch01.contoso.com',
  collection: 'collected' as const,
  results,
});

describe('integrationVerdict', () => {
  it('is ready when every check passed, and counts warnings in its words', () => {
    const verdict = integrationVerdict(
      'Remote PowerShell',
      collected([result('winrm.service', 'pass'), result('winrm.listener.cert', 'warn')]),
    );
    expect(verdict).toMatchObject({ kind: 'ready', blocking: 0, warnings: 1, text: 'Ready (1 warning)' });
  });

  it('is ready with accepted risks when a passing check carries one', () => {
    const verdict = integrationVerdict(
      'Remote PowerShell',
      collected([result('winrm.auth.cbt', 'pass', true), result('ad.delegation', 'pass', true)]),
    );
    expect(verdict).toMatchObject({
      kind: 'ready-with-risks',
      acceptedRisks: 2,
      text: 'Ready with 2 accepted risks',
    });
  });

  it('counts failed and unread checks as blocking, failed first', () => {
    const verdict = integrationVerdict(
      'Remote PowerShell',
      collected([
        result('winrm.service', 'unknown'),
        result('firewall.5986', 'fail'),
        result('network.5986', 'pass'),
      ]),
    );
    expect(verdict).toMatchObject({
      kind: 'not-ready',
      blocking: 2,
      unread: 1,
      blockingChecks: ['firewall.5986', 'winrm.service'],
      text: 'Not ready: 2 blocking (1 not read)',
    });
  });

  it('says not checked, with why, for an unreachable server even though its checks are all unknown', () => {
    const verdict = integrationVerdict('Remote PowerShell', {
      fqdn: 'exch05.contoso.com',
      collection: 'unreachable',
      unreachableReason: 'unreachable: the TCP connection timed out (tcp-timeout)',
      results: [result('winrm.service', 'unknown')],
    });
    expect(verdict.kind).toBe('not-checked');
    expect(verdict.text).toBe('Not checked: unreachable: the TCP connection timed out (tcp-timeout)');
  });

  it('says not checked when the run holds no check of the integration, or none could be read', () => {
    expect(integrationVerdict('MFA module', collected([result('winrm.service', 'pass')])).text).toBe(
      'Not checked: this run did not collect its facts',
    );
    expect(integrationVerdict('MFA module', collected([result('mfa.owa.bin', 'unknown')])).kind).toBe(
      'not-checked',
    );
  });
});

describe('ordering', () => {
  it('never ranks a not-checked server as healthier than a ready one', () => {
    const ready = integrationVerdict('Remote PowerShell', collected([result('winrm.service', 'pass')]));
    const unread = integrationVerdict('Remote PowerShell', { ...collected([]), collection: 'unreachable' });
    const failing = integrationVerdict('Remote PowerShell', collected([result('winrm.service', 'fail')]));
    const sorted = [ready, unread, failing].sort((a, b) => readinessRank(a) - readinessRank(b));
    expect(sorted.map((verdict) => verdict.kind)).toEqual(['not-ready', 'not-checked', 'ready']);
    expect(worstVerdict([ready, unread])?.kind).toBe('not-checked');
  });

  it('puts the server with more blocking checks first', () => {
    const one = integrationVerdict('Remote PowerShell', collected([result('a', 'fail')]));
    const three = integrationVerdict(
      'Remote PowerShell',
      collected([result('a', 'fail'), result('b', 'fail'), result('c', 'unknown')]),
    );
    expect(readinessRank(three)).toBeLessThan(readinessRank(one));
  });
});

describe('estate lines', () => {
  it('names ready, with risks, not ready and not checked out of all servers', () => {
    const run = runReadiness([
      collected([result('winrm.service', 'pass')]),
      { ...collected([result('winrm.auth.cbt', 'pass', true)]), fqdn: 'exch02.contoso.com' },
      { ...collected([result('winrm.service', 'fail')]), fqdn: 'exch03.contoso.com' },
      { fqdn: 'exch04.contoso.com', collection: 'unreachable', results: [] },
    ]);
    expect(run.estate[0]?.text).toBe(
      'Remote PowerShell: 2 of 4 ready (1 with accepted risks), 1 not ready, 1 not checked',
    );
    expect(run.servers[2]?.overall.kind).toBe('not-ready');
    expect(
      estateReadiness(
        'MFA module',
        run.servers.flatMap((server) => server.verdicts),
      ).text,
    ).toBe('MFA module: 0 of 4 ready, 4 not checked');
  });
});
