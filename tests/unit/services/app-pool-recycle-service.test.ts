import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/audit/audit-log';
import type { PowerShellHost } from '../../../electron/powershell/powershell-host';
import { recycleAndWaitHealthy } from '../../../electron/services/app-pool-recycle-service';
import { MfaPlanError } from '../../../electron/services/mfa-webconfig-service';
import { fakeHost } from '../../helpers/fake-host';
import { useTempDirs } from '../../helpers/temp-dir';

const pools: Record<string, string> = { owa: 'MSExchangeOWAAppPool', ecp: 'MSExchangeECPAppPool' };

const answer =
  (status: string, statusCode: number | null, error: string | null = null) =>
  (parameters: Record<string, unknown>) =>
    JSON.stringify({
      exreadyResult: 1,
      status,
      appPool: pools[String(parameters.app)] ?? null,
      statusCode,
      attempts: 3,
      seconds: 12,
      error,
    });

describe('app pool recycle service', () => {
  const tempDir = useTempDirs('app-pool-recycle');

  async function deps(host: PowerShellHost) {
    return {
      host,
      audit: new AuditLog(join(await tempDir(), 'audit.jsonl'), () => new Date('2026-11-22T10:00:00Z')),
      scriptPath: 'resources/powershell/webconfig/Restart-ExreadyAppPool.ps1',
      operator: 'CONTOSO\\admin',
      healthTimeoutSeconds: 60,
    };
  }

  it('recycles the pool of the app and reports healthy, audited as succeeded', async () => {
    const { host, calls } = fakeHost(answer('healthy', 200));
    const d = await deps(host);
    const outcome = await recycleAndWaitHealthy(
      { server: 'exch01.contoso.com', appId: 'ecp' },
      { confirmed: true },
      d,
    );
    expect(outcome).toMatchObject({
      health: 'healthy',
      outcome: 'succeeded',
      appPool: 'MSExchangeECPAppPool',
      lastStatusCode: 200,
      error: null,
    });
    expect(calls[0]?.parameters).toEqual({ server: 'exch01.contoso.com', app: 'ecp', timeoutSeconds: 60 });
    // The host budget covers the script's own wait.
    expect(calls[0]?.timeoutMs).toBeGreaterThan(60_000);
    expect((await d.audit.entries())[0]).toMatchObject({
      outcome: 'succeeded',
      action: 'iis.apppool.ecp.recycle',
      parameters: { appPool: 'MSExchangeECPAppPool' },
    });
  });

  it('reports unhealthy after the timeout with the last HTTP status, audited as failed', async () => {
    const { host } = fakeHost(answer('timed-out', 503, 'The remote server returned an error: (503)'));
    const d = await deps(host);
    const outcome = await recycleAndWaitHealthy(
      { server: 'exch01.contoso.com', appId: 'owa' },
      { confirmed: true },
      d,
    );
    expect(outcome).toMatchObject({
      health: 'unhealthy-after-timeout',
      outcome: 'failed',
      appPool: 'MSExchangeOWAAppPool',
      lastStatusCode: 503,
    });
    expect(outcome.error).toContain('last HTTP status 503');
    expect((await d.audit.entries())[0]).toMatchObject({
      outcome: 'failed',
      after: { health: 'unhealthy-after-timeout', statusCode: 503 },
    });
  });

  it('refuses an app without a known pool and runs nothing unconfirmed; a host failure is failed', async () => {
    const { host, calls } = fakeHost(answer('healthy', 200));
    const d = await deps(host);
    const refused = await recycleAndWaitHealthy(
      { server: 'exch01.contoso.com', appId: 'MSExchangeOWAAppPool; iisreset' },
      { confirmed: true },
      d,
    );
    expect(refused).toMatchObject({ health: 'refused', outcome: 'refused', appPool: null });
    await expect(
      recycleAndWaitHealthy({ server: 'exch01.contoso.com', appId: 'owa' }, { confirmed: false }, d),
    ).rejects.toBeInstanceOf(MfaPlanError);
    expect(calls).toEqual([]);
    const broken = fakeHost(() => new Error('WinRM cannot complete the operation'));
    const failed = await recycleAndWaitHealthy(
      { server: 'exch01.contoso.com', appId: 'owa' },
      { confirmed: true },
      await deps(broken.host),
    );
    expect(failed).toMatchObject({
      health: 'failed',
      outcome: 'failed',
      error: 'WinRM cannot complete the operation',
    });
  });
});
