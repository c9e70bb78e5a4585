import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTenantReport } from '../../../electron/reports/build-tenant-report';
import { renderReportHtml } from '../../../electron/reports/report-html';
import { demoTenantRunForReport, tenantRunForReport } from '../../../electron/reports/report-tenant-run';
import { RunHistory } from '../../../electron/storage/run-history';
import {
  TenantRunHistory,
  TenantRunNotFoundError,
  type SavedTenantRun,
} from '../../../electron/storage/tenant-run-history';
import { demoRun } from '../../helpers/demo-run';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('tenant-runs');

async function tenantRun(runId: string, simulated: boolean, readAt: string): Promise<SavedTenantRun> {
  const demo = await demoTenantRunForReport();
  if (demo === null) throw new Error('no demo tenant');
  return {
    ...demo,
    schemaVersion: 1,
    kind: 'exready.tenant-run',
    runId,
    sequence: 0,
    savedAt: readAt,
    source: simulated ? 'lab' : 'recorded',
    simulated,
    readAt,
    federatedDomains: [...demo.federatedDomains],
    results: [...demo.results],
  };
}

describe('the tenant run history', () => {
  it('saves, lists newest first and opens tenant runs beside runs/, leaving the check runs as they were', async () => {
    const dir = await tempDir();
    const checkRuns = new RunHistory(dir);
    await checkRuns.save(await demoRun());
    const history = new TenantRunHistory(dir);
    await history.save(await tenantRun('tenant-a', true, '2026-12-01T10:00:00.000Z'));
    await history.save(await tenantRun('tenant-b', false, '2026-12-02T10:00:00.000Z'));
    const list = await history.list();
    expect(list.map((entry) => [entry.runId, entry.simulated, entry.sequence])).toEqual([
      ['tenant-b', false, 2],
      ['tenant-a', true, 1],
    ]);
    expect(list[1]?.totals.pass).toBeGreaterThan(0);
    expect((await history.open('latest')).runId).toBe('tenant-b');
    expect((await history.newest(true))?.runId).toBe('tenant-a');
    expect(await readdir(join(dir, 'tenant-runs'))).toEqual(['tenant-a.json', 'tenant-b.json']);
    expect((await checkRuns.list()).map((entry) => entry.runId)).toEqual([
      '00000000-0000-4000-8000-000000000001',
    ]);
    await expect(history.open('nope')).rejects.toBeInstanceOf(TenantRunNotFoundError);
  });

  it('keeps no secret at rest: secret-named evidence and known values are masked before the file is written', async () => {
    const dir = await tempDir();
    const run = await tenantRun('tenant-secret', false, '2026-12-02T10:00:00.000Z');
    const [first, ...rest] = run.results;
    if (first === undefined) throw new Error('no result');
    run.results = [
      {
        ...first,
        evidence: { ...first.evidence, secretText: 'abc~very-secret', note: 'bearer eyJ0eXAi.t0ken' },
      },
      ...rest,
    ];
    await new TenantRunHistory(dir).save(run, ['eyJ0eXAi.t0ken']);
    const text = await readFile(join(dir, 'tenant-runs', 'tenant-secret.json'), 'utf8');
    expect(text).not.toContain('abc~very-secret');
    expect(text).not.toContain('eyJ0eXAi.t0ken');
    expect(text).toContain('********');
  });

  it('skips a file that is no tenant run', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'tenant-runs'), { recursive: true });
    await writeFile(join(dir, 'tenant-runs', 'junk.json'), '{"kind":"other"}');
    expect(await new TenantRunHistory(dir).list()).toEqual([]);
  });

  it("picks the report's tenant: the newest of the same kind, else the demo tenant for a lab run, else none", async () => {
    const dir = await tempDir();
    expect(await tenantRunForReport(dir, false)).toBeNull();
    // The demo tenant with its ERP's Exchange Online mail (report-tenant-run.ts).
    expect((await tenantRunForReport(dir, true))?.caseName).toBe('fabrikam-erp-delegated-federated');
    const history = new TenantRunHistory(dir);
    await history.save({
      ...(await tenantRun('sim-old', true, '2026-12-01T10:00:00.000Z')),
      caseName: 'old',
    });
    await history.save({
      ...(await tenantRun('sim-new', true, '2026-12-01T11:00:00.000Z')),
      caseName: 'new',
    });
    await history.save(await tenantRun('real', false, '2026-12-03T10:00:00.000Z'));
    expect((await tenantRunForReport(dir, true))?.runId).toBe('sim-new');
    expect((await tenantRunForReport(dir, false))?.runId).toBe('real');
  });

  it('keeps the ERP judged (exchangeOnlineMail) and still opens a run saved before it was kept', async () => {
    const dir = await tempDir();
    const history = new TenantRunHistory(dir);
    const withErp = await tenantRun('with-erp', true, '2026-12-01T10:00:00.000Z');
    expect(withErp.exchangeOnlineMail?.clientId).toMatch(/^[0-9a-f-]{36}$/);
    await history.save(withErp);
    expect((await history.open('with-erp')).exchangeOnlineMail).toEqual(withErp.exchangeOnlineMail);

    // A file as the history wrote it before the field existed: ews.* results, no exchangeOnlineMail.
    const { exchangeOnlineMail: _dropped, ...old } = {
      ...(await tenantRun('old-run', true, '2026-11-30T10:00:00.000Z')),
      sequence: 7,
    };
    await writeFile(join(dir, 'tenant-runs', 'old-run.json'), `${JSON.stringify(old)}\n`);
    const opened = await history.open('old-run');
    expect(opened.exchangeOnlineMail).toBeUndefined();
    expect(opened.results.some((result) => result.checkId.startsWith('ews.'))).toBe(true);
    expect((await history.list()).map((entry) => entry.runId)).toEqual(['with-erp', 'old-run']);
    const report = buildTenantReport({
      tenants: [opened],
      runId: opened.runId,
      appVersion: '0.1.0',
      operator: 'op',
      now: () => new Date('2026-12-02T10:00:00Z'),
    });
    expect(report.tenants?.[0]?.exchangeOnlineMail?.target).toBeNull();
    expect(renderReportHtml(report, { timeZone: 'UTC' })).toContain('ERP app (not kept in this run)');
  });
});
