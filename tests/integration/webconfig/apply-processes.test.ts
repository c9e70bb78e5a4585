import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDesiredSettings } from '../../../shared/integrations/desired-settings';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { applyFilePlan, planFile, sha256 } from '../../../electron/webconfig/local-webconfig-file';
import { copyWebconfig, readWebconfigFixture } from '../../helpers/webconfig-fixtures';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = 'exchange2016_DefaultWebSite-OWA_web.config';
let childScript = '';

// The child is bundled once (esbuild) so each process starts in milliseconds, not through a TypeScript loader.
beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'exready-apply-child-'));
  childScript = join(out, 'webconfig-apply-child.cjs');
  await build({
    entryPoints: ['tests/helpers/webconfig-apply-child.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childScript,
    logLevel: 'silent',
  });
  return () => rm(out, { recursive: true, force: true });
});

/** A child applying one plan; `until` resolves when it prints a line starting with the prefix. */
function startChild(file: string, secret: string, runId: string, stopAt = 'none') {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [childScript, file, secret, runId, stopAt],
    { stdio: 'pipe' },
  );
  const seen: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    seen.push(line);
    for (const waiter of waiters.filter((w) => line.startsWith(w.prefix))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    seen,
    exited,
    stderr: () => stderr,
    until: (prefix: string) =>
      new Promise<string>((resolve, reject) => {
        const already = seen.find((line) => line.startsWith(prefix));
        if (already !== undefined) return resolve(already);
        waiters.push({ prefix, resolve });
        void exited.then(() =>
          setImmediate(() => reject(new Error(`the child exited before "${prefix}": ${stderr}`))),
        );
      }),
    go: () => child.stdin.write('go\n'),
    result: async () =>
      JSON.parse((await startResult(seen, exited)) ?? 'null') as { kind: string; code?: string },
  };
}

async function startResult(seen: string[], exited: Promise<number | null>): Promise<string | null> {
  await exited;
  return seen.find((line) => line.startsWith('result:'))?.slice('result:'.length) ?? null;
}

async function planFor(file: string, secret: string) {
  const resolved = resolveDesiredSettings(monosignProfile, [
    { key: 'MONOSIGN_API_URL', value: 'https://mfa.contoso.com/' },
    { key: 'MONOSIGN_API_KEY', value: 'key-1' },
    { key: 'MONOSIGN_API_SECRET', value: secret },
  ]);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return planFile(file, { profile: monosignProfile, appId: 'owa', settings: resolved.settings });
}

// Each test starts real processes: bounded by state, with room for a slow machine.
async function plannedBytes(file: string, secret: string): Promise<Buffer> {
  return Buffer.from((await planFor(file, secret)).after);
}

describe('web.config apply across processes', { timeout: 90_000 }, () => {
  const tempDir = useTempDirs('apply-processes');

  it('kill -9 at every step of an apply: never a torn file, no temp file with the secret after the next apply', async () => {
    const steps = ['locked', 'backup-written', 'temp-written', 'renamed'];
    const rounds = 3;
    let torn = 0;
    let leftWithSecret = 0;
    for (const step of steps) {
      for (let round = 0; round < rounds; round++) {
        const dir = await tempDir();
        const file = await copyWebconfig(dir, await readWebconfigFixture(fixture));
        await chmod(file, 0o600);
        const original = await readFile(file);
        const secret = `killed-secret-${step}-${round}`;
        const planned = await plannedBytes(file, secret);
        const victim = startChild(file, secret, `run-${step}-${round}`, step);
        await victim.until('planned');
        victim.go();
        await victim.until(`step:${step}`);
        victim.child.kill('SIGKILL');
        await victim.exited;
        const after = await readFile(file);
        if (!after.equals(original) && !after.equals(planned)) torn += 1;
        // The next apply (another run, another secret) sweeps what the killed one left and takes its lock.
        const next = await applyFilePlan(await planFor(file, `next-secret-${round}`), () => new Date(), {
          runId: 'run-next',
        });
        expect(next.kind).toBe('applied');
        expect((await stat(file)).mode & 0o777).toBe(0o600);
        for (const name of await readdir(dir)) {
          if (name === 'web.config' || /\.exready-\d{8}-\d{6}\.bak$/.test(name)) continue;
          if ((await readFile(join(dir, name), 'utf8')).includes(secret)) leftWithSecret += 1;
          throw new Error(`${name} was left beside web.config after a kill at ${step}`);
        }
      }
    }
    expect({ torn, leftWithSecret }).toEqual({ torn: 0, leftWithSecret: 0 });
  });

  it('two applies at once: the one holding the lock writes, the other is refused, never "written"', async () => {
    const dir = await tempDir();
    const file = await copyWebconfig(dir, await readWebconfigFixture(fixture));
    const first = startChild(file, 'first-secret-1', 'run-first', 'locked');
    const second = startChild(file, 'second-secret-2', 'run-second');
    const stale = startChild(file, 'stale-secret-3', 'run-stale');
    await Promise.all([first.until('planned'), second.until('planned'), stale.until('planned')]);
    first.go();
    await first.until('step:locked');
    second.go();
    expect(await second.result()).toEqual({ kind: 'refused', code: 'locked' });
    first.go();
    expect((await first.result()).kind).toBe('applied');
    expect(await readFile(file, 'utf8')).toContain('value="first-secret-1"');
    // Planned on the file before the first apply: refused under the lock, leaving no backup of its own.
    const before = (await readdir(dir)).sort();
    stale.go();
    expect(await stale.result()).toEqual({ kind: 'refused', code: 'changed-on-disk' });
    expect((await readdir(dir)).sort()).toEqual(before);
    expect(await readFile(file, 'utf8')).toContain('value="first-secret-1"');
  });

  it('races two applies planned on the same file 10 times: exactly one written each time, its bytes on disk', async () => {
    let lostUpdates = 0;
    for (let round = 0; round < 10; round++) {
      const dir = await tempDir();
      const file = await copyWebconfig(dir, await readWebconfigFixture(fixture));
      const secrets = [`race-a-${round}`, `race-b-${round}`];
      const planned = await Promise.all(secrets.map((secret) => plannedBytes(file, secret)));
      const children = secrets.map((secret, index) => startChild(file, secret, `race-${index}`));
      await Promise.all(children.map((child) => child.until('planned')));
      for (const child of children) child.go();
      const results = await Promise.all(children.map((child) => child.result()));
      const written = results.flatMap((result, index) => (result.kind === 'applied' ? [index] : []));
      const onDisk = await readFile(file);
      // A lost update: reported as written while the file holds something else.
      for (const index of written) if (!onDisk.equals(planned[index] ?? Buffer.alloc(0))) lostUpdates += 1;
      expect(written).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'refused')).toHaveLength(1);
      expect(sha256(onDisk)).toBe(sha256(planned[written[0] ?? 0] ?? Buffer.alloc(0)));
    }
    expect(lostUpdates).toBe(0);
  });
});
