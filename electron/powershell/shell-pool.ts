import { performance } from 'node:perf_hooks';
import {
  PowerShellCancelledError,
  PowerShellDisposedError,
  PowerShellShellError,
  PowerShellTimeoutError,
  type PowerShellHost,
  type PowerShellRunOptions,
  type PowerShellRunResult,
} from './powershell-host';
import { buildScriptCommand } from './script-command';

/** Where a running command's output goes, line by line. */
export interface ShellOutput {
  stdoutLine: (line: string) => void;
  stderrLine: (line: string) => void;
}

/** One long-lived shell process; the pool never runs two commands on one shell at once. */
export interface PooledShell {
  /** Runs one command; resolves when it has finished, rejects when the shell died under it. */
  execute(command: string, output: ShellOutput): Promise<void>;
  /** Stops the shell and every process it started, at once. */
  kill(): void;
  /** Ends an idle shell politely. */
  dispose(): Promise<void>;
}

export interface ShellPoolOptions {
  /** Shells kept alive; at most this many invocations run at once (default 2). */
  size?: number;
  createShell: () => PooledShell;
}

interface Waiter {
  resolve: (shell: PooledShell) => void;
  reject: (error: Error) => void;
}

const warningPrefix = 'WARNING: ';

/** A small pool of long-lived shells: queues invocations, kills and replaces a shell that timed out or was cancelled. */
export class PowerShellPool implements PowerShellHost {
  readonly size: number;
  private readonly idle: PooledShell[] = [];
  private readonly busy = new Map<PooledShell, (error: Error) => void>();
  private readonly waiters: Waiter[] = [];
  private disposed = false;

  constructor(private readonly options: ShellPoolOptions) {
    this.size = options.size ?? 2;
    if (!Number.isInteger(this.size) || this.size < 1)
      throw new RangeError('The pool needs at least one shell');
  }

  /** Shells alive now (idle or running). */
  get liveShells(): number {
    return this.idle.length + this.busy.size;
  }

  /** Invocations waiting for a free shell. */
  get queued(): number {
    return this.waiters.length;
  }

  async run(
    scriptPath: string,
    parameters: Record<string, unknown>,
    options: PowerShellRunOptions,
  ): Promise<PowerShellRunResult> {
    const command = buildScriptCommand(scriptPath, parameters);
    if (options.signal.aborted) throw new PowerShellCancelledError(scriptPath, options.signal.reason);
    const shell = await this.acquire(scriptPath, options.signal);
    return this.execute(shell, command, scriptPath, options);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new PowerShellDisposedError());
    for (const stop of [...this.busy.values()]) stop(new PowerShellDisposedError());
    await Promise.all(this.idle.splice(0).map((shell) => shell.dispose().catch(() => undefined)));
  }

  private acquire(scriptPath: string, signal: AbortSignal): Promise<PooledShell> {
    if (this.disposed) return Promise.reject(new PowerShellDisposedError());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new PowerShellCancelledError(scriptPath, signal.reason));
      };
      const waiter: Waiter = {
        resolve: (shell) => {
          signal.removeEventListener('abort', onAbort);
          resolve(shell);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  // Hands free or new shells to waiters in arrival order, never exceeding the pool size.
  private pump(): void {
    while (this.waiters.length > 0) {
      let shell = this.idle.pop();
      if (shell === undefined) {
        if (this.liveShells >= this.size) return;
        try {
          shell = this.options.createShell();
        } catch (error) {
          this.waiters
            .shift()
            ?.reject(new PowerShellShellError(`PowerShell could not start: ${message(error)}`));
          continue;
        }
      }
      const waiter = this.waiters.shift();
      if (waiter === undefined) {
        this.idle.push(shell);
        return;
      }
      this.busy.set(shell, () => undefined);
      waiter.resolve(shell);
    }
  }

  private release(shell: PooledShell, healthy: boolean): void {
    this.busy.delete(shell);
    if (!healthy) shell.kill();
    else if (this.disposed) void shell.dispose().catch(() => undefined);
    else this.idle.push(shell);
    if (!this.disposed) this.pump();
  }

  private execute(
    shell: PooledShell,
    command: string,
    scriptPath: string,
    options: PowerShellRunOptions,
  ): Promise<PowerShellRunResult> {
    const started = performance.now();
    const errors: string[] = [];
    const warnings: string[] = [];
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null, healthy: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.release(shell, healthy);
        if (error === null) resolve({ errors, warnings, durationMs: performance.now() - started });
        else reject(error);
      };
      // A shell that did not finish is in an unknown state: it is killed, never reused.
      const timer = setTimeout(
        () => finish(new PowerShellTimeoutError(scriptPath, options.timeoutMs), false),
        options.timeoutMs,
      );
      const onAbort = () => finish(new PowerShellCancelledError(scriptPath, options.signal.reason), false);
      options.signal.addEventListener('abort', onAbort, { once: true });
      this.busy.set(shell, (error) => finish(error, false));

      const output: ShellOutput = {
        stdoutLine: (line) => {
          if (settled) return;
          if (line.startsWith(warningPrefix)) {
            warnings.push(line.slice(warningPrefix.length));
            return;
          }
          try {
            options.onLine(line);
          } catch (error) {
            // The consumer gave up on this run; the script is still going, so the shell must go too.
            finish(error instanceof Error ? error : new Error(String(error)), false);
          }
        },
        stderrLine: (line) => {
          if (!settled && line.trim() !== '') errors.push(line);
        },
      };
      shell.execute(command, output).then(
        () => finish(null, true),
        (error: unknown) =>
          finish(
            new PowerShellShellError(`PowerShell stopped while running ${scriptPath}: ${message(error)}`, {
              cause: error,
            }),
            false,
          ),
      );
    });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
