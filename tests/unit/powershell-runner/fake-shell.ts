import type { PooledShell, ShellOutput } from '../../../electron/powershell/shell-pool';

/** A shell the test drives by hand: it prints, finishes or dies when told to. */
export class FakeShell implements PooledShell {
  readonly commands: string[] = [];

  constructor(private readonly log: string[] = []) {}

  killed = false;
  disposed = false;
  private current: { output: ShellOutput; resolve: () => void; reject: (error: Error) => void } | null = null;

  get running(): boolean {
    return this.current !== null;
  }

  execute(command: string, output: ShellOutput): Promise<void> {
    if (this.current !== null) throw new Error('two commands on one shell at once');
    this.commands.push(command);
    this.log.push(command);
    return new Promise((resolve, reject) => {
      this.current = { output, resolve, reject };
    });
  }

  print(line: string): void {
    this.current?.output.stdoutLine(line);
  }

  printError(line: string): void {
    this.current?.output.stderrLine(line);
  }

  finish(): void {
    const current = this.current;
    this.current = null;
    current?.resolve();
  }

  die(message: string): void {
    const current = this.current;
    this.current = null;
    current?.reject(new Error(message));
  }

  kill(): void {
    this.killed = true;
    this.die('killed');
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }
}

/** A factory that records every shell it made. */
export function fakeShellFactory(): { shells: FakeShell[]; started: string[]; createShell: () => FakeShell } {
  const shells: FakeShell[] = [];
  const started: string[] = [];
  return {
    shells,
    started,
    createShell: () => {
      const shell = new FakeShell(started);
      shells.push(shell);
      return shell;
    },
  };
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
