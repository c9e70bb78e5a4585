import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptProofsOrNone, ProofHistory, ProofNotFoundError } from '../../../electron/storage/proof-history';
import { keptWebProofOf, type NewKeptProof } from '../../../shared/prove/kept-proof';
import type { WebProbeResult } from '../../../shared/prove/web-probe-result';
import { demoRun } from '../../helpers/demo-run';
import { demoKeptProof } from '../../helpers/kept-proofs';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('proof-history');

const webResult: WebProbeResult = {
  server: 'EXCH01.contoso.com',
  at: '2026-11-20T08:00:00.000Z',
  simulated: false,
  status: 'pass',
  apps: [],
  health: [],
};

async function remote(at: string): Promise<NewKeptProof> {
  const { savedFacts } = await demoRun();
  const {
    sequence: _sequence,
    proofId: _proofId,
    ...proof
  } = demoKeptProof(savedFacts, 'exch02.contoso.com', {
    at: new Date(at),
  });
  return proof;
}

describe('the proof history', () => {
  it('keeps each proof in userData/proofs, numbered, and lists them newest first', async () => {
    const dir = await tempDir();
    const history = new ProofHistory(dir);
    expect(await history.list()).toEqual([]);
    const first = await history.save(await remote('2026-11-21T09:00:00Z'));
    const web = await history.save(
      keptWebProofOf(webResult, { auditId: 9, lab: null, trigger: 'on demand' }),
    );
    const second = await history.save(await remote('2026-11-21T09:00:00Z'));
    expect([first.sequence, web.sequence, second.sequence]).toEqual([1, 2, 3]);
    expect((await readdir(join(dir, 'proofs'))).sort()).toEqual(
      [first, web, second].map((proof) => `${proof.proofId}.json`).sort(),
    );
    // Same instant: the order of saving decides; the web probe ran a day earlier.
    expect((await history.list()).map((proof) => proof.proofId)).toEqual([
      second.proofId,
      first.proofId,
      web.proofId,
    ]);
    expect(web).toMatchObject({ kind: 'web', exchangeServer: 'exch01.contoso.com', outcome: 'succeeded' });
    expect(await history.open(first.proofId)).toEqual(first);
  });

  it('masks the known secrets and secret-named fields before anything is written', async () => {
    const dir = await tempDir();
    const proof = await remote('2026-11-21T09:00:00Z');
    const withSecret = { ...proof, serviceAccount: 'CONTOSO\\svc-sync (typed Hunter2-Long-Secret)' };
    await new ProofHistory(dir).save(withSecret, ['Hunter2-Long-Secret']);
    const [name] = await readdir(join(dir, 'proofs'));
    const text = await readFile(join(dir, 'proofs', name ?? ''), 'utf8');
    expect(text).not.toContain('Hunter2-Long-Secret');
    expect(text).toContain('typed ********');
  });

  it('skips a file that is not a proof, refuses an id that climbs out, and reads an unreadable folder as none', async () => {
    const dir = await tempDir();
    const history = new ProofHistory(dir);
    const kept = await history.save(await remote('2026-11-21T09:00:00Z'));
    await writeFile(join(dir, 'proofs', 'broken.json'), '{"kind":"remote-powershell"');
    await writeFile(join(dir, 'proofs', 'other.json'), '{"kind":"something"}');
    expect((await history.list()).map((proof) => proof.proofId)).toEqual([kept.proofId]);
    await expect(history.open('../runs/x')).rejects.toBeInstanceOf(ProofNotFoundError);
    await expect(history.open('proof-missing')).rejects.toThrow('no kept proof "proof-missing"');
    // A file where the folder should be: the check runs without proofs and says why.
    const blocked = await tempDir();
    await writeFile(join(blocked, 'proofs'), 'not a folder');
    const warnings: string[] = [];
    expect(await keptProofsOrNone(blocked, (text) => warnings.push(text))).toEqual([]);
    expect(warnings[0]).toMatch(/^the proof history could not be read, so no proof is used: /);
  });
});
