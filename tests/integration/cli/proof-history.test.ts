import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeptProof } from '../../../shared/prove/kept-proof';
import { useCliOverOwnUserData } from '../../helpers/cli-run';

// The proof history through the real commands: prove keeps, prove --list shows, check and report use it.

interface CheckDocument {
  servers: { fqdn: string; results: { checkId: string; status: string; summary: string }[] }[];
}

const resultOf = (document: CheckDocument, server: string, checkId: string) =>
  document.servers.find((item) => item.fqdn === server)?.results.find((item) => item.checkId === checkId);

describe('the proof history through exready', () => {
  const { exready, userData } = useCliOverOwnUserData('cli-proofs');

  it('prove --list says when no proof is kept, and refuses an unknown option', async () => {
    const empty = await exready('prove', '--list');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain(`No proof is kept (${join(userData(), 'proofs')})`);
    const bad = await exready('prove', '--list', '--bogus');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("prove --list: Unknown option '--bogus'");
  });

  it('lists each kept proof newest first, Remote PowerShell and OWA/ECP, as text and JSON', async () => {
    expect((await exready('prove', '--lab', 'demo', '--server', 'exch02.contoso.com')).code).toBe(1);
    expect((await exready('prove', '--lab', 'demo', '--server', 'exch01.contoso.com')).code).toBe(0);
    const web = await exready('prove', '--web', '--lab', 'demo', '--server', 'exch01.contoso.com');
    expect(web.stdout).toContain('OWA/ECP probe of exch01.contoso.com');

    const listed = await exready('prove', '--list');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`3 kept proofs, newest first (${join(userData(), 'proofs')}):`);
    expect(lines.slice(1).every((line) => line.endsWith('SIMULATED'))).toBe(true);
    expect(listed.stdout).toMatch(
      /remote-powershell {2}sync01\.contoso\.com -> exch02\.contoso\.com {2}Proof failed at exchange-endpoint: double-hop-denied \(2026-11-22\) {2}\(audit 1\)/,
    );
    expect(listed.stdout).toContain(
      'sync01.contoso.com -> exch01.contoso.com  Proved 2026-11-22: both hops worked  (audit 2)',
    );
    expect(listed.stdout).toMatch(/web {16}exch01\.contoso\.com {2}(succeeded|failed): owa: /);

    const json = await exready('prove', '--list', '--json', '--server', 'EXCH02.contoso.com');
    const document = JSON.parse(json.stdout) as { folder: string; proofs: KeptProof[] };
    expect(document.folder).toBe(join(userData(), 'proofs'));
    expect(document.proofs.map((proof) => [proof.kind, proof.exchangeServer, proof.auditId])).toEqual([
      ['remote-powershell', 'exch02.contoso.com', 1],
    ]);
  });

  it('a later check uses the proof: ad.delegation fails citing it, and the report shows it in the Proved column', async () => {
    const before = JSON.parse((await exready('check', '--lab', 'demo', '--json')).stdout) as CheckDocument;
    expect(resultOf(before, 'exch02.contoso.com', 'ad.delegation')?.status).toBe('warn');

    expect((await exready('prove', '--lab', 'demo', '--server', 'exch02.contoso.com')).code).toBe(1);
    // exch01's listener certificate passes on its facts; a proof that fails on its name contradicts it.
    await exready(
      'prove',
      '--lab',
      'demo',
      '--server',
      'exch01.contoso.com',
      '--simulate',
      'tls-name-mismatch',
    );

    const after = JSON.parse((await exready('check', '--lab', 'demo', '--json')).stdout) as CheckDocument;
    const delegation = resultOf(after, 'exch02.contoso.com', 'ad.delegation');
    expect(delegation?.status).toBe('fail');
    expect(delegation?.summary).toContain('Proved: the sync service');
    const cert = resultOf(after, 'exch01.contoso.com', 'winrm.listener.cert');
    expect(cert?.status).toBe('pass');
    expect(cert?.summary).toContain(
      'Contradicted by the proof of 2026-11-22T10:00:00.000Z from sync01.contoso.com',
    );

    const out = join(userData(), 'report.json');
    const report = await exready('report', '--run', 'latest', '--format', 'json', '--out', out);
    expect(report.code).toBe(0);
    const written = JSON.parse(await readFile(out, 'utf8')) as {
      servers: { fqdn: string; proved: { outcome: string; text: string } }[];
    };
    const proved = Object.fromEntries(written.servers.map((server) => [server.fqdn, server.proved.text]));
    expect(proved['exch02.contoso.com']).toBe(
      'Proof failed at exchange-endpoint: double-hop-denied (2026-11-22) (SIMULATED)',
    );
    expect(proved['exch01.contoso.com']).toBe(
      'Proof failed at winrm-https: tls-name-mismatch (2026-11-22) (SIMULATED)',
    );
    expect(proved['exch03.contoso.com']).toBe('Not proved');
  });
});
