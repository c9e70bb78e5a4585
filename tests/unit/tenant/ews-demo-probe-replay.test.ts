import { describe, expect, it } from 'vitest';
import { demoEwsCases } from '../../../electron/lab/demo-tenant-ews';
import { probeResponses } from '../../../electron/tenant/ews/replay-ews-probe';
import { replayTenantCheck } from '../../../electron/tenant/tenant-check-run';
import { aadstsCodes } from '../../../shared/tenant/ews/ews-probe-codes';
import { RecordedResponses } from '../../../shared/tenant/recorded-responses';

describe('a demo ERP case whose probe comes from recorded responses', () => {
  const entry = demoEwsCases.find((item) => item.name === 'contoso-erp-app-only-loose');

  it('holds the token answer in the recorded-responses format and no simulated verdict', () => {
    if (entry === undefined) throw new Error('case missing');
    expect(RecordedResponses.parse(entry.recording)).toEqual(entry.recording);
    expect(entry.ews.probe).toBeUndefined();
    expect(probeResponses(entry.recording)).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 401,
        body: expect.objectContaining({ error_codes: [7000215] }),
      }),
    ]);
  });

  it('replays to AADSTS7000215 classified by the probe itself, with the recorded trace id', async () => {
    if (entry === undefined) throw new Error('case missing');
    const outcome = await replayTenantCheck(entry.recording, entry.target, entry.ews);
    const probe = outcome.results.find((result) => result.checkId === 'ews.probe');
    expect(probe?.status).toBe('fail');
    expect(probe?.remedy).toBe(aadstsCodes[7000215]?.remedy);
    expect(probe?.evidence).toMatchObject({
      code: '7000215',
      classifiedBy: 'aadsts',
      traceId: '5d1c7a3e-0000-4b5a-9c1d-00000000e502',
      replayed: '2026-12-01T10:00:00Z',
    });
    expect(probe?.summary).toContain('Entra ID refused the token (AADSTS7000215)');
    expect(probe?.summary).toContain('Replayed from the simulated recording of 2026-12-01T10:00:00Z');
  });

  it('leaves the other cases as they were: a given verdict wins, a recording without probe answers is not run', async () => {
    const ready = demoEwsCases.find((item) => item.name === 'contoso-erp-app-only-ready');
    const shutdown = demoEwsCases.find((item) => item.name === 'contoso-erp-after-shutdown');
    if (ready === undefined || shutdown === undefined) throw new Error('case missing');
    const probeOf = async (item: typeof ready) =>
      (await replayTenantCheck(item.recording, item.target, item.ews)).results.find(
        (result) => result.checkId === 'ews.probe',
      );
    expect((await probeOf(ready))?.evidence.simulated).toBe(true);
    expect((await probeOf(shutdown))?.summary).toBe("Not run: the probe needs the ERP's secret.");
  });
});
