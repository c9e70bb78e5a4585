import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliOverOwnUserData } from '../../helpers/cli-run';
import { useTempDirs } from '../../helpers/temp-dir';

interface Verdict {
  integration: string;
  kind: string;
  text: string;
}
interface ReadinessDocument {
  simulated: boolean;
  servers: { fqdn: string }[];
  readiness: {
    servers: { fqdn: string; verdicts: Verdict[] }[];
    estate: { integration: string; text: string }[];
  };
}

/** The readiness block of the checklist: server name to its line, and the estate lines. */
function readinessBlock(stdout: string) {
  const lines = stdout.split('\n');
  const start = lines.indexOf('Readiness:');
  const estate = lines.indexOf('Estate:');
  const end = lines.indexOf('', estate);
  return {
    servers: new Map(
      lines
        .slice(start + 1, estate)
        .map((line) => /^ {2}(\S+)\s+(.*)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => [match[1] ?? '', match[2] ?? ''] as const),
    ),
    estate: lines.slice(estate + 1, end).map((line) => line.trim()),
    after: lines.slice(end + 1),
  };
}

// The first answer of `check` and `evaluate`: one readiness line per server and the estate line per integration.
describe('readiness lines in exready check and evaluate', () => {
  const { exready } = useCliOverOwnUserData('cli-readiness');
  const tempDir = useTempDirs('cli-readiness-facts');

  it('check --lab demo prints one readiness line per server and the estate summary, the same words as --json', async () => {
    const text = await exready('check', '--lab', 'demo');
    const json = await exready('check', '--lab', 'demo', '--json');
    const document = JSON.parse(json.stdout) as ReadinessDocument;
    const block = readinessBlock(text.stdout);

    expect([...block.servers.keys()]).toEqual(document.servers.map((server) => server.fqdn));
    for (const server of document.readiness.servers)
      expect(block.servers.get(server.fqdn)).toBe(
        server.verdicts.map((verdict) => `${verdict.integration}: ${verdict.text}`).join('; '),
      );
    expect(block.estate).toEqual(document.readiness.estate.map((line) => line.text));
    expect(block.estate).toEqual([
      'Remote PowerShell: 2 of 8 ready (1 with accepted risks), 3 not ready, 3 not checked',
      'MFA module: 2 of 8 ready, 3 not ready, 3 not checked',
    ]);
    expect(block.servers.get('exch01.contoso.com')).toBe(
      'Remote PowerShell: Ready with 2 accepted risks; MFA module: Ready',
    );
    // The totals still close the checklist, after the readiness block.
    expect(block.after[0]).toMatch(/^Total: 8 servers, 168 checks/);
  });

  it('an unreachable or silent server is "Not checked: unreachable: …", never ready', async () => {
    const document = JSON.parse(
      (await exready('check', '--lab', 'demo', '--json')).stdout,
    ) as ReadinessDocument;
    const verdicts = (fqdn: string) =>
      document.readiness.servers.find((server) => server.fqdn === fqdn)?.verdicts ?? [];
    for (const fqdn of ['exch05.contoso.com', 'exch06.contoso.com', 'exch07.contoso.com'])
      for (const verdict of verdicts(fqdn)) {
        expect(verdict.kind).toBe('not-checked');
        expect(verdict.text).toMatch(/^Not checked: unreachable: /);
      }
    expect(verdicts('exch06.contoso.com')[0]?.text).toBe(
      'Not checked: unreachable: the TCP connection timed out (tcp-timeout)',
    );
    expect(verdicts('exch07.contoso.com')[0]?.text).toBe(
      'Not checked: unreachable: an unrecognised error (unknown)',
    );
  });

  it('evaluate rebuilds the same readiness lines from the saved facts, text and --json', async () => {
    const factsFile = join(await tempDir(), 'facts.json');
    const checked = await exready('check', '--lab', 'demo', '--facts-out', factsFile);
    const evaluated = await exready('evaluate', '--facts', factsFile);
    const evaluatedJson = JSON.parse(
      (await exready('evaluate', '--facts', factsFile, '--json')).stdout,
    ) as ReadinessDocument;
    expect(readinessBlock(evaluated.stdout).servers).toEqual(readinessBlock(checked.stdout).servers);
    expect(readinessBlock(evaluated.stdout).estate).toEqual(readinessBlock(checked.stdout).estate);
    expect(evaluatedJson.readiness.estate.map((line) => line.text)).toEqual(
      readinessBlock(checked.stdout).estate,
    );
  });

  it('check --lab demo prints progress for every server, exch07 included, and never says "live check"', async () => {
    const run = await exready('check', '--lab', 'demo');
    const progress = run.stderr.split('\n').filter((line) => /^\[\d\/8\] /.test(line));
    expect(progress).toHaveLength(8);
    expect(progress.map((line) => /\] (\S+):/.exec(line)?.[1]).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `exch0${n}.contoso.com`),
    );
    expect(progress.at(-1)).toBe(
      '[8/8] exch07.contoso.com: no answer (the collection ended before it answered)',
    );
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'SIMULATED: lab facts, not collected from real servers',
      'Remote PowerShell readiness: lab demo (simulated check)',
    ]);
    expect(run.stdout).not.toContain('live check');
  });
});
