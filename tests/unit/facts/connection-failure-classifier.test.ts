import { describe, expect, it } from 'vitest';
import { classifyConnectionFailure } from '../../../electron/facts/connection-failure-classifier';
import type { ErrorRecordData } from '../../../shared/facts/collection-protocol';
import { defaultRemedyFor, type ConnectionFailureCause } from '../../../shared/facts/connection-failure';

const transport = 'System.Management.Automation.Remoting.PSRemotingTransportException';
const prefix = 'Connecting to remote server exch01.contoso.com failed with the following error message : ';

function record(message: string, fullyQualifiedErrorId: string, errorCode: string | null): ErrorRecordData {
  return {
    message: prefix + message,
    fullyQualifiedErrorId,
    category: 'OpenError',
    errorCode,
    exceptionType: transport,
  };
}

const cases: [ConnectionFailureCause, ErrorRecordData][] = [
  [
    'dns',
    record(
      'The WinRM client cannot process the request because the server name cannot be resolved. For more information, see the about_Remote_Troubleshooting Help topic.',
      'ComputerNotFound,PSSessionStateBroken',
      null,
    ),
  ],
  [
    'tcp-refused',
    record(
      'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests.',
      'CannotConnect,PSSessionStateBroken',
      '0x80338012',
    ),
  ],
  [
    'tcp-timeout',
    record(
      'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.',
      'WinRMOperationTimeout,PSSessionStateBroken',
      '0x80338126',
    ),
  ],
  [
    'winrm-auth-401',
    record(
      'The WinRM client received an HTTP status code of 401 from the remote WS-Management service.',
      '-2144108273,PSSessionStateBroken',
      null,
    ),
  ],
  [
    'kerberos',
    record(
      'WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Kerberos authentication: A specified logon session does not exist. It may already have been terminated.',
      '1312,PSSessionStateBroken',
      '0x8009030e',
    ),
  ],
  [
    'proxy',
    record(
      'The WinRM client cannot process the request because the proxy server could not be reached or refused the connection.',
      'PSSessionStateBroken',
      null,
    ),
  ],
  [
    'access-denied',
    record(
      'Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.',
      'AccessDenied,PSSessionStateBroken',
      '0x80070005',
    ),
  ],
  [
    'unknown',
    record(
      'The I/O operation has been aborted because of either a thread exit or an application request.',
      'PSSessionStateBroken',
      null,
    ),
  ],
];

describe('the connection failure classifier', () => {
  it.each(cases)('names %s from a realistic error record', (cause, error) => {
    const failure = classifyConnectionFailure(error);
    expect(failure.cause).toBe(cause);
    expect(failure.message).toBe(error.message);
    expect(failure.remedy.length).toBeGreaterThan(0);
  });

  it('prefers Kerberos over access denied when a Kerberos code is present', () => {
    const error = record(
      'WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred.',
      '1398,PSSessionStateBroken',
      '0x80090322',
    );
    const failure = classifyConnectionFailure(error);
    expect(failure.cause).toBe('kerberos');
    expect(failure.remedy).toMatch(/setspn/);
  });

  it('reads the code when only the errorCode field carries it', () => {
    const error: ErrorRecordData = {
      message: 'WinRM cannot process the request.',
      fullyQualifiedErrorId: null,
      category: null,
      errorCode: '0x80090311',
      exceptionType: null,
    };
    const failure = classifyConnectionFailure(error);
    expect(failure.cause).toBe('kerberos');
    expect(failure.remedy).toMatch(/domain controller/);
  });

  it('keeps the default remedy of a cause when it knows no better one', () => {
    expect(classifyConnectionFailure(cases[0]![1]).remedy).toBe(defaultRemedyFor('dns'));
  });

  it('explains an untrusted listener certificate instead of a bare unknown', () => {
    const error = record(
      'The server certificate on the destination computer (exch01.contoso.com:5986) has the following errors: The SSL certificate is signed by an unknown certificate authority.',
      '12175,PSSessionStateBroken',
      null,
    );
    const failure = classifyConnectionFailure(error);
    expect(failure.cause).toBe('unknown');
    expect(failure.remedy).toMatch(/does not trust the certificate/);
  });
});
