import { describe, expect, it } from 'vitest';
import { evaluateSavedFacts } from '../../../electron/checks/evaluate-estate';
import type { CheckResult } from '../../../shared/checks/check-result';
import { proofFreshnessDays } from '../../../shared/prove/kept-proof';
import { demoNow, demoRun } from '../../helpers/demo-run';
import { demoKeptProof } from '../../helpers/kept-proofs';

// A check run with the proof history: ad.delegation uses what was proved, and contradicted checks say so.

const day = 24 * 60 * 60 * 1000;
const daysBefore = (days: number) => new Date(demoNow.getTime() - days * day);

function check(results: ReturnType<typeof evaluateSavedFacts>, server: string, id: string): CheckResult {
  const found = results.find((item) => item.fqdn === server)?.results.find((item) => item.checkId === id);
  if (found === undefined) throw new Error(`${server} has no ${id}`);
  return found;
}

describe('a check run with kept proofs', () => {
  it('without a proof, ad.delegation judges constrained delegation on the facts alone (warn), no proof cited', async () => {
    const { savedFacts } = await demoRun();
    const delegation = check(evaluateSavedFacts(savedFacts, demoNow), 'exch02.contoso.com', 'ad.delegation');
    expect(delegation.status).toBe('warn');
    expect(delegation.evidence).not.toHaveProperty('proved');
    expect(delegation.evidence).not.toHaveProperty('proof');
  });

  it('a fresh proof whose second hop was denied makes ad.delegation fail, citing the proof', async () => {
    const { savedFacts } = await demoRun();
    const proof = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(2), auditId: 41 });
    expect(proof.delegation).toMatchObject({ kind: 'constrained', secondHop: 'denied' });
    const delegation = check(
      evaluateSavedFacts(savedFacts, demoNow, [proof]),
      'exch02.contoso.com',
      'ad.delegation',
    );
    expect(delegation.status).toBe('fail');
    expect(delegation.summary).toContain('Proved: the sync service');
    expect(delegation.summary).toContain('(SIMULATED proof)');
    expect(delegation.evidence).toMatchObject({
      proved: { secondHop: 'denied', at: proof.at, syncServer: 'sync01.contoso.com', simulated: true },
      proof: { auditId: 41, relation: 'confirms' },
    });
  });

  it('a fresh proof that the second hop works with constrained delegation is not a fail: pass, proof cited', async () => {
    const { savedFacts } = await demoRun();
    const proof = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(1), works: true });
    const delegation = check(
      evaluateSavedFacts(savedFacts, demoNow, [proof]),
      'exch02.contoso.com',
      'ad.delegation',
    );
    expect(delegation.status).toBe('pass');
    expect(delegation.summary).toContain('is not needed');
    expect(delegation.evidence).toMatchObject({ proved: { secondHop: 'works', at: proof.at } });
  });

  it(`ignores a proof older than ${proofFreshnessDays} days, one from the future, and one of the other kind (real vs lab)`, async () => {
    const { savedFacts } = await demoRun();
    const stale = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(proofFreshnessDays + 1) });
    const future = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: new Date(demoNow.getTime() + day) });
    const real = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(1), simulated: false });
    for (const proof of [stale, future, real]) {
      const results = evaluateSavedFacts(savedFacts, demoNow, [proof]);
      const delegation = check(results, 'exch02.contoso.com', 'ad.delegation');
      expect(delegation.status, proof.at).toBe('warn');
      expect(delegation.evidence).not.toHaveProperty('proof');
      expect(results).toEqual(evaluateSavedFacts(savedFacts, demoNow));
    }
    // Just inside the window it still stands.
    const edge = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(proofFreshnessDays) });
    expect(
      check(evaluateSavedFacts(savedFacts, demoNow, [edge]), 'exch02.contoso.com', 'ad.delegation').status,
    ).toBe('fail');
  });

  it('the newest standing proof of a server wins over an older one', async () => {
    const { savedFacts } = await demoRun();
    const older = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(5), works: true });
    const newer = demoKeptProof(savedFacts, 'exch02.contoso.com', { at: daysBefore(1) });
    const results = evaluateSavedFacts(savedFacts, demoNow, [older, newer]);
    expect(check(results, 'exch02.contoso.com', 'ad.delegation').status).toBe('fail');
  });

  it('puts a note on a check the proof contradicts, in its summary and evidence, and leaves its status', async () => {
    const { savedFacts } = await demoRun();
    const before = check(
      evaluateSavedFacts(savedFacts, demoNow),
      'exch01.contoso.com',
      'winrm.listener.cert',
    );
    expect(before.status).toBe('pass');
    const proof = demoKeptProof(savedFacts, 'exch01.contoso.com', {
      at: daysBefore(3),
      simulate: 'tls-name-mismatch',
      auditId: 7,
    });
    const results = evaluateSavedFacts(savedFacts, demoNow, [proof]);
    const cert = check(results, 'exch01.contoso.com', 'winrm.listener.cert');
    expect(cert.status).toBe('pass');
    expect(cert.summary.startsWith(before.summary)).toBe(true);
    expect(cert.summary).toContain(
      `Contradicted by the proof of ${proof.at} from sync01.contoso.com (audit entry 7, SIMULATED): The check passed, but the proof's winrm-https hop failed`,
    );
    expect(cert.evidence).toMatchObject({ proof: { relation: 'contradicts', auditId: 7 } });
    // Another server's checks are untouched by exch01's proof.
    expect(results.find((item) => item.fqdn === 'exch02.contoso.com')).toEqual(
      evaluateSavedFacts(savedFacts, demoNow).find((item) => item.fqdn === 'exch02.contoso.com'),
    );
  });
});
