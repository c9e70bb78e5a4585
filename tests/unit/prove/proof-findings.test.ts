import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/checks/check-result';
import type { AdComputerFacts } from '../../../shared/facts/ad-computer-facts';
import {
  classifyHops,
  delegationProof,
  proofAgainstChecks,
  proofOutcome,
} from '../../../shared/prove/proof-findings';
import { defaultSecondHop, type HopReport } from '../../../shared/prove/proof-result';

const exchange = 'exch02.contoso.com';
const ok = (hop: HopReport['hop']): HopReport => ({
  hop,
  target: exchange,
  outcome: 'succeeded',
  durationMs: 120,
  error: null,
});
const doubleHopDenied: HopReport = {
  hop: 'exchange-endpoint',
  target: `http://${exchange}/PowerShell`,
  outcome: 'failed',
  durationMs: 80,
  error: {
    message: 'A specified logon session does not exist. It may already have been terminated.',
    fullyQualifiedErrorId: '1312,PSSessionOpenFailed',
    category: 'OpenError',
    transportErrorCode: 1312,
    hResult: -2146233087,
    exceptionTypes: ['System.Management.Automation.Remoting.PSRemotingTransportException'],
    codesInMessage: [],
  },
};
const certMismatch: HopReport = {
  hop: 'winrm-https',
  target: exchange,
  outcome: 'failed',
  durationMs: 40,
  error: {
    ...doubleHopDenied.error!,
    fullyQualifiedErrorId: '12175,PSSessionOpenFailed',
    transportErrorCode: 12175,
    message: 'The SSL certificate contains a common name (CN) that does not match the hostname.',
  },
};
const check = (checkId: string, status: CheckResult['status']): CheckResult => ({
  checkId,
  status,
  summary: 's',
  evidence: {},
  references: [],
});
const computer: AdComputerFacts = {
  distinguishedName: 'CN=EXCH02,CN=Computers,DC=contoso,DC=com',
  userAccountControl: 4096,
  trustedForDelegation: false,
  trustedToAuthForDelegation: false,
  allowedToDelegateTo: ['HTTP/exch02.contoso.com', 'HTTP/EXCH02'],
  allowedToActOnBehalfOfOtherIdentityPresent: false,
};

describe('proof against the checks', () => {
  it('says so on a check that passed when the hop it predicts failed', () => {
    const notes = proofAgainstChecks(classifyHops([certMismatch]), [check('winrm.listener.cert', 'pass')]);
    expect(notes).toEqual([
      expect.objectContaining({
        checkId: 'winrm.listener.cert',
        relation: 'contradicts',
        hop: 'winrm-https',
      }),
    ]);
    expect(notes[0]?.text).toContain('tls-name-mismatch');
  });

  it('says so on a check that failed when the hop it guards worked', () => {
    const notes = proofAgainstChecks(classifyHops([ok('winrm-https'), ok('exchange-endpoint')]), [
      check('ad.delegation', 'fail'),
      check('psremoting.serviceaccount', 'pass'),
    ]);
    expect(notes.find((note) => note.checkId === 'ad.delegation')?.relation).toBe('contradicts');
    expect(notes.find((note) => note.checkId === 'psremoting.serviceaccount')?.relation).toBe('confirms');
  });

  it('confirms a failing check whose failure the hop shows', () => {
    const notes = proofAgainstChecks(classifyHops([ok('winrm-https'), doubleHopDenied]), [
      check('ad.delegation', 'warn'),
    ]);
    expect(notes).toEqual([
      expect.objectContaining({ checkId: 'ad.delegation', relation: 'confirms', hop: 'exchange-endpoint' }),
    ]);
  });
});

describe('delegation, safely', () => {
  it('reports that constrained delegation to HTTP/<exchange> carries the second hop', () => {
    const proof = delegationProof(
      exchange,
      computer,
      classifyHops([ok('winrm-https'), ok('exchange-endpoint')]),
    );
    expect(proof).toMatchObject({ kind: 'constrained', coversExchangeEndpoint: true, secondHop: 'works' });
    expect(proof.text).toContain('TrustedForDelegation is not needed');
  });

  it('names the missing HTTP/<exchange> when the second hop is denied', () => {
    const proof = delegationProof(
      exchange,
      { ...computer, allowedToDelegateTo: ['cifs/exch02.contoso.com'] },
      classifyHops([ok('winrm-https'), doubleHopDenied]),
    );
    expect(proof).toMatchObject({ kind: 'constrained', coversExchangeEndpoint: false, secondHop: 'denied' });
    expect(proof.text).toContain('does not list HTTP/exch02.contoso.com');
  });

  it('proves nothing about delegation when hop 1 already failed', () => {
    const proof = delegationProof(
      exchange,
      { ...computer, allowedToDelegateTo: [], allowedToActOnBehalfOfOtherIdentityPresent: true },
      classifyHops([certMismatch]),
    );
    expect(proof).toMatchObject({ kind: 'resource-based', secondHop: 'untested' });
  });
});

describe('proof outcome', () => {
  const result = {
    exreadyProof: 1 as const,
    syncServer: 'sync01.contoso.com',
    exchangeServer: exchange,
    serviceAccount: 'CONTOSO\\svc-sync',
    secondHop: defaultSecondHop(exchange),
    exchangeServerSeen: null,
    refused: null,
  };
  it('succeeds only when every hop did', () => {
    expect(
      proofOutcome(
        { ...result, hops: [ok('winrm-https'), ok('exchange-endpoint'), ok('exchange-cmdlet')] },
        false,
      ).outcome,
    ).toBe('succeeded');
    expect(proofOutcome({ ...result, hops: [ok('winrm-https'), doubleHopDenied] }, false).outcome).toBe(
      'failed',
    );
    expect(proofOutcome({ ...result, hops: [] }, false).outcome).toBe('failed');
  });
  it('defaults the second hop to the Exchange Management Shell endpoint with Kerberos', () => {
    expect(defaultSecondHop(exchange)).toEqual({
      uri: 'http://exch02.contoso.com/PowerShell',
      configurationName: 'Microsoft.Exchange',
      authentication: 'Kerberos',
    });
  });
});
