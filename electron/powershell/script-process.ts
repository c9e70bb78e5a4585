import { spawn } from 'node:child_process';
import { killableSpawnOptions, killProcessTree } from './process-tree';
import { powershellEnvironment } from './shell-environment';

export interface ScriptRun {
  executable: string;
  scriptPath: string;
  /** Travels as one base64 JSON argument, never spliced into script text. */
  parameters?: Record<string, unknown>;
  /** Written to the script's standard input, then closed: the one way a secret reaches a script (never argv or text). */
  standardInput?: string;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface ScriptOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export class ScriptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`PowerShell did not answer within ${timeoutMs} ms and was stopped`);
    this.name = 'ScriptTimeoutError';
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export function encodeScriptParameters(parameters: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(parameters), 'utf8').toString('base64');
}

/** Runs one .ps1 in a fresh process; the process is killed on cancel or timeout, never left behind. */
export function runScriptProcess(run: ScriptRun): Promise<ScriptOutput> {
  const args = [
    '-NoLogo',
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-File',
    run.scriptPath,
  ];
  if (run.parameters !== undefined) args.push('-ParametersBase64', encodeScriptParameters(run.parameters));

  return new Promise((resolve, reject) => {
    if (run.signal.aborted) {
      reject(asError(run.signal.reason));
      return;
    }
    const child = spawn(run.executable, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: powershellEnvironment(),
      ...killableSpawnOptions,
    });
    let stdout = '';
    let stderr = '';
    let failure: Error | null = null;
    // A script that exits before reading makes the write fail with EPIPE: its exit says why, not this.
    child.stdin.on('error', () => undefined);
    child.stdin.end(run.standardInput ?? '', 'utf8');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const stop = (reason: Error) => {
      failure ??= reason;
      killProcessTree(child);
    };
    const onAbort = () => stop(asError(run.signal.reason));
    run.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop(new ScriptTimeoutError(run.timeoutMs)), run.timeoutMs);

    const settle = () => {
      clearTimeout(timer);
      run.signal.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      settle();
      reject(failure ?? error);
    });
    // After a kill, answer as soon as the process is gone, without waiting for pipes to drain.
    child.on('exit', () => {
      if (failure === null) return;
      settle();
      child.stdout.destroy();
      child.stderr.destroy();
      reject(failure);
    });
    child.on('close', (exitCode) => {
      settle();
      if (failure !== null) reject(failure);
      else resolve({ exitCode, stdout, stderr });
    });
  });
}
