import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../electron/reports/compare-runs';
import { RunHistory, RunNotFoundError } from '../../../electron/storage/run-history';
import { protectRunSecrets } from '../../../electron/webconfig/run-webconfig-protection';
import { demoEstate } from '../../../electron/lab/demo-estate';
import type { LabEstate } from '../../../electron/lab/lab-estate';
import { demoRun } from '../../helpers/demo-run';
import { useTempDirs } from '../../helpers/temp-dir';

const firstId = '00000000-0000-4000-8000-000000000001';
const secondId = '00000000-0000-4000-8000-000000000002';

/** The demo lab after a fix set exch02's WinRM service to start automatically. */
const fixedEstate: LabEstate = {
  ...demoEstate,
  exchangeServers: demoEstate.exchangeServers.map((server) =>
    server.fqdn === 'exch02.contoso.com'
      ? { ...server, winrmService: { ...server.winrmService, startType: 'Automatic' } }
      : server,
  ),
};

describe('run history', () => {
  const tempDir = useTempDirs('run-history');

  it('lists the run saved last first when two runs share the same times (a re-check within a millisecond)', async () => {
    const history = new RunHistory(await tempDir());
    // Ids in the opposite order to saving, so file order cannot be what decides.
    await history.save(await demoRun(demoEstate, undefined, secondId));
    await history.save(await demoRun(demoEstate, undefined, firstId));
    const listed = await history.list();
    expect(listed.map((run) => run.runId)).toEqual([firstId, secondId]);
    expect(listed.map((run) => run.sequence)).toEqual([2, 1]);
    await expect(history.open('latest')).resolves.toMatchObject({ runId: firstId });
  });

  it('saves runs, lists them newest first with totals, opens "latest", and deletes', async () => {
    const history = new RunHistory(await tempDir());
    expect(await history.list()).toEqual([]);
    await expect(history.open('latest')).rejects.toBeInstanceOf(RunNotFoundError);
    const older = await demoRun(demoEstate, new Date('2026-11-20T10:00:00Z'), firstId);
    const newer = await demoRun(demoEstate, new Date('2026-11-22T10:00:00Z'), secondId);
    await history.save(newer);
    await history.save(older);
    await writeFile(join(history.folder, 'notes.json'), 'not a run');

    const list = await history.list();
    expect(list.map((run) => run.runId)).toEqual([secondId, firstId]);
    const checks = newer.results.reduce((sum, server) => sum + server.results.length, 0);
    expect(Object.values(list[0]?.totals ?? {}).reduce((a, b) => a + b, 0)).toBe(checks);
    expect(list[0]).toMatchObject({ simulated: true, servers: newer.results.length });
    expect((await history.open('latest')).runId).toBe(secondId);
    // The sealed copies differ by their random IVs; everything else is the run as saved.
    const unsealed = (run: object) =>
      JSON.parse(
        JSON.stringify(run, (key, value: unknown) => (key === 'sealed' ? undefined : value)),
      ) as unknown;
    expect(unsealed(await history.open(firstId))).toEqual(
      unsealed({ ...protectRunSecrets(older, await history.keySource()), sequence: 2 }),
    );

    await history.delete(secondId);
    expect((await history.open('latest')).runId).toBe(firstId);
  });

  it('lists the runs beside a file whose name is no run id (copied in by hand), instead of failing', async () => {
    const history = new RunHistory(await tempDir());
    await history.save(await demoRun(demoEstate, new Date('2026-11-20T10:00:00Z'), firstId));
    await writeFile(join(history.folder, 'copy of run (2).json'), '{}');
    expect((await history.list()).map((run) => run.runId)).toEqual([firstId]);
  });

  it('refuses run ids that could leave the runs folder', async () => {
    const history = new RunHistory(await tempDir());
    await expect(history.open('../inventory')).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(history.delete('..')).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('shows a fix made between two runs as a change: winrm.service warn -> pass on exch02', async () => {
    const before = await demoRun(demoEstate, new Date('2026-11-20T10:00:00Z'), firstId);
    const after = await demoRun(fixedEstate, new Date('2026-11-22T10:00:00Z'), secondId);
    const comparison = compareRuns(before, after);
    expect(comparison).toMatchObject({
      before: firstId,
      after: secondId,
      serversAdded: [],
      serversRemoved: [],
    });
    expect(comparison.changes).toContainEqual({
      server: 'exch02.contoso.com',
      checkId: 'winrm.service',
      before: 'warn',
      after: 'pass',
    });
    expect(comparison.changes.filter((change) => change.server !== 'exch02.contoso.com')).toEqual([]);
  });

  it('reports servers added and removed between runs', async () => {
    const before = await demoRun(demoEstate, new Date('2026-11-20T10:00:00Z'), firstId);
    const after = await demoRun(demoEstate, new Date('2026-11-22T10:00:00Z'), secondId);
    const trimmed = { ...before, results: before.results.filter((s) => s.fqdn !== 'exch08.contoso.com') };
    expect(compareRuns(trimmed, after)).toMatchObject({
      serversAdded: ['exch08.contoso.com'],
      serversRemoved: [],
    });
    expect(compareRuns(after, trimmed)).toMatchObject({
      serversAdded: [],
      serversRemoved: ['exch08.contoso.com'],
    });
  });
});
