import { describe, expect, it } from 'vitest';
import {
  PowerShellCancelledError,
  PowerShellDisposedError,
  PowerShellShellError,
  PowerShellTimeoutError,
  type PowerShellRunOptions,
} from '../../../electron/powershell/powershell-host';
import { decodeScriptParameters } from '../../../electron/powershell/script-command';
import { encodeScriptParameters } from '../../../electron/powershell/script-process';
import { PowerShellPool } from '../../../electron/powershell/shell-pool';
import { fakeShellFactory, settle } from './fake-shell';

const script = 'C:\\Program Files\\ExReady\\resources\\powershell\\collect\\Invoke-ExreadyCollection.ps1';

function options(overrides: Partial<PowerShellRunOptions> = {}): PowerShellRunOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    signal: new AbortController().signal,
    timeoutMs: 10_000,
    onLine: (line) => lines.push(line),
    ...overrides,
  };
}

describe('PowerShellPool', () => {
  it('sends constant command text with the base64 parameters and streams lines before the end', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ createShell: factory.createShell });
    const run = options();
    const result = pool.run(script, { runId: 'r1' }, run);
    await settle();
    const shell = factory.shells[0];
    expect(shell?.commands).toEqual([
      `& '${script}' -ParametersBase64 '${encodeScriptParameters({ runId: 'r1' })}'`,
    ]);
    shell?.print('{"a":1}');
    expect(run.lines).toEqual(['{"a":1}']);
    shell?.print('WARNING: slow server');
    shell?.printError('Invoke-Command : access denied');
    shell?.print('{"a":2}');
    shell?.finish();
    const outcome = await result;
    expect(run.lines).toEqual(['{"a":1}', '{"a":2}']);
    expect(outcome.warnings).toEqual(['slow server']);
    expect(outcome.errors).toEqual(['Invoke-Command : access denied']);
    expect(factory.shells[0]?.killed).toBe(false);
  });

  it('never runs more invocations than shells and queues the rest in order', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 2, createShell: factory.createShell });
    const runs = [0, 1, 2, 3, 4].map((index) => pool.run(script, { index }, options()));
    await settle();
    expect(factory.shells).toHaveLength(2);
    expect(pool.queued).toBe(3);
    expect(factory.shells.filter((shell) => shell.running)).toHaveLength(2);

    for (let round = 0; round < 3; round += 1) {
      factory.shells.find((shell) => shell.running)?.finish();
      await settle();
      expect(factory.shells.filter((shell) => shell.running).length).toBeLessThanOrEqual(2);
    }
    factory.shells.forEach((shell) => shell.finish());
    await settle();
    factory.shells.forEach((shell) => shell.finish());
    await Promise.all(runs);
    expect(factory.shells).toHaveLength(2);
    const startedIndexes = factory.started.map(
      (command) => (decodeScriptParameters(/'([^']*)'$/.exec(command)?.[1] ?? '') as { index: number }).index,
    );
    expect(startedIndexes).toEqual([0, 1, 2, 3, 4]);
    expect(pool.liveShells).toBe(2);
  });

  it('kills a shell that times out, reports a typed error and replaces it', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 1, createShell: factory.createShell });
    await expect(pool.run(script, {}, options({ timeoutMs: 20 }))).rejects.toBeInstanceOf(
      PowerShellTimeoutError,
    );
    expect(factory.shells[0]?.killed).toBe(true);
    expect(pool.liveShells).toBe(0);

    const next = pool.run(script, {}, options());
    await settle();
    expect(factory.shells).toHaveLength(2);
    factory.shells[1]?.finish();
    await expect(next).resolves.toMatchObject({ errors: [] });
  });

  it('hands the queue a fresh shell when the running one is killed on timeout', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 1, createShell: factory.createShell });
    const stuck = pool.run(script, {}, options({ timeoutMs: 20 }));
    const waiting = pool.run(script, {}, options());
    await expect(stuck).rejects.toBeInstanceOf(PowerShellTimeoutError);
    await settle();
    expect(factory.shells).toHaveLength(2);
    expect(factory.shells[1]?.running).toBe(true);
    factory.shells[1]?.finish();
    await expect(waiting).resolves.toBeDefined();
  });

  it('kills the shell on cancel and rejects with the abort reason attached', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 1, createShell: factory.createShell });
    const controller = new AbortController();
    const run = pool.run(script, {}, options({ signal: controller.signal }));
    await settle();
    factory.shells[0]?.print('{"early":true}');
    const reason = new Error('user cancelled');
    controller.abort(reason);
    const error: unknown = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PowerShellCancelledError);
    expect((error as PowerShellCancelledError).reason).toBe(reason);
    expect(factory.shells[0]?.killed).toBe(true);
    expect(pool.liveShells).toBe(0);
  });

  it('drops a queued invocation on cancel without touching any shell', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 1, createShell: factory.createShell });
    const first = pool.run(script, {}, options());
    const controller = new AbortController();
    const queued = pool.run(script, { queued: true }, options({ signal: controller.signal }));
    await settle();
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(PowerShellCancelledError);
    expect(pool.queued).toBe(0);
    factory.shells[0]?.finish();
    await first;
    expect(factory.shells).toHaveLength(1);
    expect(factory.shells[0]?.commands).toHaveLength(1);
    expect(factory.shells[0]?.killed).toBe(false);
  });

  it('refuses an already aborted signal before starting any shell', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ createShell: factory.createShell });
    await expect(pool.run(script, {}, options({ signal: AbortSignal.abort() }))).rejects.toBeInstanceOf(
      PowerShellCancelledError,
    );
    expect(factory.shells).toHaveLength(0);
  });

  it('turns a shell that dies mid-run into a typed error and does not reuse it', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 1, createShell: factory.createShell });
    const run = pool.run(script, {}, options());
    await settle();
    factory.shells[0]?.die('Shell process exited.');
    await expect(run).rejects.toBeInstanceOf(PowerShellShellError);
    const next = pool.run(script, {}, options());
    await settle();
    expect(factory.shells).toHaveLength(2);
    factory.shells[1]?.finish();
    await next;
  });

  it('reports a shell that cannot start as a typed error', async () => {
    const pool = new PowerShellPool({
      createShell: () => {
        throw new Error('spawn powershell.exe ENOENT');
      },
    });
    await expect(pool.run(script, {}, options())).rejects.toThrow(/could not start.*ENOENT/);
  });

  it('stops the shell when the line consumer throws', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 1, createShell: factory.createShell });
    const run = pool.run(
      script,
      {},
      options({
        onLine: () => {
          throw new Error('bad line');
        },
      }),
    );
    await settle();
    factory.shells[0]?.print('garbage');
    await expect(run).rejects.toThrow('bad line');
    expect(factory.shells[0]?.killed).toBe(true);
  });

  it('on dispose rejects the queue, kills running shells, disposes idle ones and refuses new runs', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ size: 2, createShell: factory.createShell });
    const done = pool.run(script, {}, options());
    await settle();
    factory.shells[0]?.finish();
    await done;
    const running = pool.run(script, {}, options());
    const second = pool.run(script, {}, options());
    const queued = pool.run(script, {}, options());
    await settle();
    await pool.dispose();
    await expect(running).rejects.toBeInstanceOf(PowerShellDisposedError);
    await expect(second).rejects.toBeInstanceOf(PowerShellDisposedError);
    await expect(queued).rejects.toBeInstanceOf(PowerShellDisposedError);
    expect(factory.shells.every((shell) => shell.killed)).toBe(true);
    await expect(pool.run(script, {}, options())).rejects.toBeInstanceOf(PowerShellDisposedError);
    expect(pool.liveShells).toBe(0);
  });

  it('disposes idle shells politely', async () => {
    const factory = fakeShellFactory();
    const pool = new PowerShellPool({ createShell: factory.createShell });
    const run = pool.run(script, {}, options());
    await settle();
    factory.shells[0]?.finish();
    await run;
    await pool.dispose();
    expect(factory.shells[0]?.disposed).toBe(true);
    expect(factory.shells[0]?.killed).toBe(false);
  });
});
