import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunHistory } from '../../../electron/storage/run-history';
import { demoRun } from '../../helpers/demo-run';
import { useTempDirs } from '../../helpers/temp-dir';
import { repoRoot } from '../../helpers/test-router';

// The real `exready` process over a user-data folder with damaged files: it goes on, and stderr says what it moved.
describe('exready over unreadable user-data files', () => {
  const tempDir = useTempDirs('cli-startup-notices');

  it('moves a truncated secrets.json, inventory.json and run file aside, says so, and reports the kept run', async () => {
    const dir = await tempDir();
    const history = new RunHistory(dir);
    const kept = await history.save(await demoRun());
    await writeFile(join(history.folder, 'cut-short.json'), '{"schemaVersion":1,"runId":"cut');
    await writeFile(join(dir, 'inventory.json'), '{"schemaVersion":1,');
    await writeFile(join(dir, 'secrets.json'), '{"version":1,"secrets":{"MONOSIGN_API_KEY":"AQ');
    const out = join(dir, 'report.json');

    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli.ts', 'report', '--run', 'latest', '--format', 'json', '--out', out],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, EXREADY_USER_DATA: dir } },
    );

    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.includes('could not be read'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^exready: secrets\.json could not be read \(it is not valid JSON: cut short or damaged\)\. It was moved aside to secrets\.json\.unreadable-\d{8}T\d{6}Z; /,
    );
    expect(lines[1]).toMatch(
      /^exready: inventory\.json could not be read .*moved aside to inventory\.json\.unreadable-\d{8}T\d{6}Z; ExReady started with an empty inventory/,
    );
    expect(lines[2]).toMatch(
      /^exready: runs\/cut-short\.json could not be read .*the other saved run is kept in the history\.$/,
    );
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ runId: kept.runId });
    expect(
      (await readdir(history.folder)).filter((name) => name.startsWith('cut-short.json.unreadable-')),
    ).toHaveLength(1);
  });
});
