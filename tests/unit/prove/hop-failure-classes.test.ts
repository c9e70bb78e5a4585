import { describe, expect, it } from 'vitest';
import { classifyHopFailure, hex, hopFailureClasses } from '../../../shared/prove/hop-failure-classes';
import type { HopErrorFacts, ProofHopId } from '../../../shared/prove/proof-result';

// Each class against the error record shape the proof script prints for it (codes as PowerShell reports them).

function record(overrides: Partial<HopErrorFacts>): HopErrorFacts {
  return {
    message: '',
    fullyQualifiedErrorId: null,
    category: 'OpenError',
    transportErrorCode: null,
    hResult: null,
    exceptionTypes: ['System.Management.Automation.Remoting.PSRemotingTransportException'],
    codesInMessage: [],
    ...overrides,
  };
}

const cases: { id: string; hop: ProofHopId; error: HopErrorFacts }[] = [
  {
    id: 'dns',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: 'ComputerNotFound,PSSessionOpenFailed',
      message: 'The WinRM client cannot process the request because the server name cannot be resolved.',
      transportErrorCode: -2144108250,
    }),
  },
  {
    id: 'tls-name-mismatch',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: '12175,PSSessionOpenFailed',
      transportErrorCode: 12175,
      message:
        'The server certificate on the destination computer (exch01.contoso.com:5986) has the following errors: The SSL certificate contains a common name (CN) that does not match the hostname.',
    }),
  },
  {
    id: 'tls-untrusted-root',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: '12175,PSSessionOpenFailed',
      transportErrorCode: 12175,
      message:
        'The server certificate on the destination computer (exch01.contoso.com:5986) has the following errors: The SSL certificate is signed by an unknown certificate authority.',
    }),
  },
  {
    id: 'tls-expired',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: '12175,PSSessionOpenFailed',
      transportErrorCode: 12175,
      message:
        'The server certificate on the destination computer (exch04.contoso.com:5986) has the following errors: The SSL certificate is expired.',
    }),
  },
  {
    id: 'tcp-refused',
    hop: 'winrm-https',
    error: record({ fullyQualifiedErrorId: 'CannotConnect,PSSessionOpenFailed', transportErrorCode: 12029 }),
  },
  {
    id: 'tcp-timeout',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: 'WinRMOperationTimeout,PSSessionOpenFailed',
      transportErrorCode: -2144108250,
      codesInMessage: [],
    }),
  },
  {
    id: 'trusted-hosts',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: 'ServerNotTrusted,PSSessionStateBroken',
      transportErrorCode: -2144108316,
    }),
  },
  {
    id: 'double-hop-denied',
    hop: 'exchange-endpoint',
    error: record({
      fullyQualifiedErrorId: '1312,PSSessionOpenFailed',
      transportErrorCode: 1312,
      message: 'A specified logon session does not exist. It may already have been terminated.',
    }),
  },
  {
    id: 'kerberos-spn',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: '-2146893022,PSSessionOpenFailed',
      codesInMessage: ['0x80090322'],
      message:
        'WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication',
    }),
  },
  {
    id: 'kerberos-clock-skew',
    hop: 'exchange-endpoint',
    error: record({ codesInMessage: ['0x80090324'], fullyQualifiedErrorId: 'PSSessionOpenFailed' }),
  },
  {
    id: 'kerberos-no-authority',
    hop: 'winrm-https',
    error: record({ codesInMessage: ['0x80090311'], fullyQualifiedErrorId: 'PSSessionOpenFailed' }),
  },
  {
    id: 'logon-denied',
    hop: 'winrm-https',
    error: record({ fullyQualifiedErrorId: 'LogonFailure,PSSessionOpenFailed', transportErrorCode: 1326 }),
  },
  {
    id: 'exchange-endpoint-denied',
    hop: 'exchange-endpoint',
    error: record({
      fullyQualifiedErrorId: 'AccessDenied,PSSessionOpenFailed',
      transportErrorCode: 5,
      message: 'Access is denied.',
    }),
  },
  {
    id: 'http-401',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: '-2144108269,PSSessionOpenFailed',
      message: 'The WinRM client received an HTTP status code of 401 from the remote WS-Management service.',
    }),
  },
  {
    id: 'access-denied',
    hop: 'winrm-https',
    error: record({
      fullyQualifiedErrorId: 'AccessDenied,PSSessionOpenFailed',
      transportErrorCode: 5,
      message: 'Access is denied.',
    }),
  },
  {
    id: 'exchange-rbac-denied',
    hop: 'exchange-cmdlet',
    error: record({
      fullyQualifiedErrorId: 'CommandNotFoundException',
      category: 'ObjectNotFound',
      exceptionTypes: ['System.Management.Automation.CommandNotFoundException'],
      message:
        "The term 'Get-ExchangeServer' is not recognized as the name of a cmdlet, function, script file, or operable program.",
    }),
  },
];

describe('hop failure classes', () => {
  for (const { id, hop, error } of cases) {
    it(`classifies ${id} on the ${hop} hop`, () => {
      const found = classifyHopFailure(hop, error);
      expect(found.id).toBe(id);
      expect(found.remedy.length).toBeGreaterThan(20);
    });
  }

  it('has a case above for every class', () => {
    expect(hopFailureClasses.map((item) => item.id).sort()).toEqual(cases.map((item) => item.id).sort());
  });

  it('reads 0x8009030E on hop 2 as the double hop, not on hop 1', () => {
    const error = record({ codesInMessage: ['0x8009030E'], fullyQualifiedErrorId: 'PSSessionOpenFailed' });
    expect(classifyHopFailure('exchange-endpoint', error).id).toBe('double-hop-denied');
    expect(classifyHopFailure('winrm-https', error).id).toBe('unrecognised');
  });

  it('never classifies on message text alone', () => {
    const error = record({
      message: 'Access is denied. The WinRM client received an HTTP status code of 401',
    });
    expect(classifyHopFailure('winrm-https', error).id).toBe('unrecognised');
  });

  it('ties the certificate, network and delegation classes to the checks that predict them', () => {
    const predicted = (id: string) => hopFailureClasses.find((item) => item.id === id)?.predictedBy;
    expect(predicted('tls-name-mismatch')).toEqual(['winrm.listener.cert']);
    expect(predicted('tcp-timeout')).toContain('firewall.5986');
    expect(predicted('double-hop-denied')).toEqual(['ad.delegation']);
    expect(predicted('access-denied')).toContain('psremoting.serviceaccount');
  });

  it('prints a WinRM code as WinRM does', () => {
    expect(hex(-2144108250)).toBe('0x80338126');
    expect(hex(12175)).toBe('0x00002F8F');
  });
});
