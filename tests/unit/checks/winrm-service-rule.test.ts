import { describe, expect, it } from 'vitest';
import { evaluateWinrmService } from '../../../electron/checks/winrm-service-rule';
import { ServiceStatus } from '../../../shared/facts/winrm-facts';
import { readPsOutputFixture, readTables } from '../../helpers/powershell-text-output';
import { collectedValue, notCollected, readyServerFacts } from '../../helpers/remoting-facts';

describe('winrm.service', () => {
  it('passes when the status Get-Service printed is Running and the start type Automatic', () => {
    const [table] = readTables(
      readPsOutputFixture('Get-Service_WinRM__SetService_PassThru_table__pwshdocs.txt'),
    );
    const status = ServiceStatus.parse(table?.find((row) => row.Name === 'WinRM')?.Status);
    const result = evaluateWinrmService(
      readyServerFacts({ winrmService: collectedValue({ status, startType: 'Automatic' }) }),
    );
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual({ status: 'Running', startType: 'Automatic' });
    expect(result.fixId).toBeUndefined();
  });

  it('warns when it runs but will not start after a restart', () => {
    const result = evaluateWinrmService(
      readyServerFacts({ winrmService: collectedValue({ status: 'Running', startType: 'Manual' }) }),
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('Manual');
    expect(result.fixId).toBe('winrm.service.start-automatic');
  });

  it('fails when it is stopped, naming state and start type', () => {
    const result = evaluateWinrmService(
      readyServerFacts({ winrmService: collectedValue({ status: 'Stopped', startType: 'Disabled' }) }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('Stopped (start type Disabled)');
    expect(result.remedy).toContain('Start-Service');
  });

  it('is unknown when the service could not be read, with the error', () => {
    const result = evaluateWinrmService(
      readyServerFacts({ winrmService: notCollected("Cannot find any service with service name 'WinRM'.") }),
    );
    expect(result.status).toBe('unknown');
    expect(result.summary).toContain("Cannot find any service with service name 'WinRM'.");
    expect(result.evidence.error).toBe("Cannot find any service with service name 'WinRM'.");
  });
});
