import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoTenantCases } from '../../../electron/lab/demo-tenant';
import { recordingGraphReader } from '../../../electron/tenant/graph-recorder';
import { ReplayGraphReader } from '../../../electron/tenant/replay-graph-reader';
import { runTenantCheck } from '../../../electron/tenant/tenant-check-run';
import { integrationVerdict } from '../../../shared/readiness/readiness-verdict';
import type { CheckResult } from '../../../shared/checks/check-result';
import { RecordedResponses } from '../../../shared/tenant/recorded-responses';
import { tenantCheckIds } from '../../../shared/tenant/tenant-check-ids';
import { useTempDirs } from '../../helpers/temp-dir';

// Issue #14 Deliver 8: a run recorded with --record replays (--recorded) to the same verdicts and results.

const verdictOf = (tenant: string, results: readonly CheckResult[]) =>
  integrationVerdict('Microsoft 365', { fqdn: tenant, collection: 'collected', results });
const judged = (results: readonly CheckResult[]) =>
  results.map(({ checkId, status, summary }) => ({ checkId, status, summary }));

describe('the recorded-responses round trip', () => {
  const tempDir = useTempDirs('replay-round-trip');

  it.each(demoTenantCases.map((entry) => [entry.name, entry] as const))(
    'demo case %s: recorded through the recorder, saved and replayed, judges the same',
    async (_name, entry) => {
      const path = join(await tempDir(), 'recorded.json');
      const context = { now: new Date(entry.recording.recordedAt), simulated: true };
      const recorder = recordingGraphReader(new ReplayGraphReader(entry.recording), {
        path,
        tenant: entry.target.tenant,
        now: () => context.now,
      });
      const live = await runTenantCheck(recorder, entry.target, context);
      await recorder.save();

      const saved: unknown = JSON.parse(await readFile(path, 'utf8'));
      const parsed = RecordedResponses.safeParse(saved);
      expect(parsed.error?.issues).toBeUndefined();
      if (!parsed.success) return;
      expect(parsed.data.tenant).toBe(entry.target.tenant);
      expect(parsed.data.responses.length).toBeGreaterThan(0);

      const replayed = await runTenantCheck(new ReplayGraphReader(parsed.data), entry.target, context);
      expect(live.results.map((result) => result.checkId)).toEqual([...tenantCheckIds]);
      expect(judged(replayed.results)).toEqual(judged(live.results));
      expect(verdictOf(entry.target.tenant, replayed.results)).toEqual(
        verdictOf(entry.target.tenant, live.results),
      );
    },
  );

  it('keeps a request the first run could not read missing on replay, so its check stays unknown', async () => {
    const entry = demoTenantCases.find((candidate) => candidate.name === 'wingtip-unreadable');
    if (entry === undefined) throw new Error('the demo tenant has no wingtip-unreadable case');
    const path = join(await tempDir(), 'recorded.json');
    const context = { now: new Date(entry.recording.recordedAt), simulated: true };
    const recorder = recordingGraphReader(new ReplayGraphReader(entry.recording), {
      path,
      tenant: entry.target.tenant,
    });
    const live = await runTenantCheck(recorder, entry.target, context);
    await recorder.save();
    const replayed = await runTenantCheck(
      new ReplayGraphReader(RecordedResponses.parse(JSON.parse(await readFile(path, 'utf8')))),
      entry.target,
      context,
    );
    const unknown = live.results.filter((result) => result.status === 'unknown').map((r) => r.checkId);
    expect(unknown.length).toBeGreaterThan(0);
    expect(replayed.results.filter((result) => result.status === 'unknown').map((r) => r.checkId)).toEqual(
      unknown,
    );
  });
});
