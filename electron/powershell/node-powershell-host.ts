import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PowerShell } from 'node-powershell';
import { defaultPowerShellCandidates, locateExecutable } from './executable-locator';
import { LineSplitter } from './line-splitter';
import { PowerShellShellError, type PowerShellHost } from './powershell-host';
import { killProcessTree } from './process-tree';
import { PowerShellPool, type PooledShell, type ShellOutput } from './shell-pool';
import { powershellEnvironment } from './shell-environment';

// Run once per shell: UTF-8 out so non-ASCII survives Windows PowerShell 5.1, no progress noise, no ANSI colour in errors.
const shellSetup = [
  "$ProgressPreference = 'SilentlyContinue'",
  // Without a console (a service account, some hosts) the setter throws; the default encoding then stays.
  'try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }',
  "if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }",
].join('; ');

/** The markers around one command's output; hex only, so they are constant-shaped script text. */
export function outputMarkers(): { begin: string; end: string } {
  const id = randomBytes(8).toString('hex');
  return { begin: `EXREADY-BEGIN-${id}`, end: `EXREADY-END-${id}` };
}

/**
 * Wraps a command so its output can be told from node-powershell's own delimiter lines, and so the end
 * marker is printed even when the script throws (a terminating error would otherwise skip the rest of the line).
 */
export function wrapWithMarkers(command: string, markers: { begin: string; end: string }): string {
  const write = (marker: string) =>
    `[Console]::Out.WriteLine('${marker}'); [Console]::Error.WriteLine('${marker}')`;
  return `${write(markers.begin)}; try { ${command} } finally { ${write(markers.end)} }`;
}

/** One long-lived PowerShell process driven through node-powershell; output is streamed, not awaited. */
export class NodePowerShellShell implements PooledShell {
  private readonly shell: PowerShell;
  private readonly ready: Promise<unknown>;

  constructor(executable: string) {
    this.shell = new PowerShell({
      executable,
      executableOptions: {
        '-NoLogo': true,
        '-NoProfile': true,
        '-NonInteractive': true,
        '-ExecutionPolicy': 'Bypass',
      },
      spawnOptions: { windowsHide: true, env: powershellEnvironment() },
      throwOnInvocationError: false,
    });
    // A shell that failed to start also fails writes to its stdin: keep that from crashing the app.
    this.shell.streams.stdin.on('error', () => undefined);
    this.ready = this.shell.invoke(shellSetup);
    this.ready.catch(() => undefined);
  }

  async execute(command: string, output: ShellOutput): Promise<void> {
    await this.ready;
    const markers = outputMarkers();
    const stdout = this.listen(this.shell.streams.stdout, markers, output.stdoutLine);
    const stderr = this.listen(this.shell.streams.stderr, markers, output.stderrLine);
    try {
      await this.shell.invoke(wrapWithMarkers(command, markers));
    } finally {
      stdout();
      stderr();
    }
  }

  kill(): void {
    // node-powershell keeps its child private; the process tree must go, not only the shell.
    const child = (this.shell as unknown as { process: ChildProcess }).process;
    killProcessTree(child);
  }

  async dispose(): Promise<void> {
    try {
      await this.shell.dispose();
    } catch {
      // it had already died; nothing left to stop
    }
  }

  // Forwards the lines between the markers as they arrive; returns the detach function.
  private listen(
    stream: NodeJS.ReadableStream,
    markers: { begin: string; end: string },
    onLine: (line: string) => void,
  ): () => void {
    let inside = false;
    const splitter = new LineSplitter((line) => {
      if (line === markers.begin) inside = true;
      else if (line === markers.end) inside = false;
      else if (inside) onLine(line);
    });
    const onData = (chunk: string | Buffer) => splitter.push(chunk.toString());
    stream.on('data', onData);
    return () => {
      splitter.flush();
      stream.removeListener('data', onData);
    };
  }
}

export interface NodePowerShellHostOptions {
  /** A configured PowerShell (e.g. pwsh); null: Windows PowerShell 5.1 on Windows, pwsh elsewhere. */
  executable: string | null;
  poolSize?: number;
  platform?: NodeJS.Platform;
}

/** The runner for the app and the CLI; throws PowerShellShellError when no PowerShell can be found. */
export async function openNodePowerShellHost(options: NodePowerShellHostOptions): Promise<PowerShellHost> {
  const candidates =
    options.executable === null
      ? defaultPowerShellCandidates(options.platform ?? process.platform)
      : [options.executable];
  const executable = await locateExecutable(candidates);
  if (executable === null)
    throw new PowerShellShellError(`PowerShell not found: tried ${candidates.join(', ')}`);
  return new PowerShellPool({
    size: options.poolSize ?? 2,
    createShell: () => new NodePowerShellShell(executable),
  });
}
