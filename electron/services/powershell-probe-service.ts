import { join } from 'node:path';
import { z } from 'zod';
import type { PowerShellProbe } from '../../shared/domain/app-info';
import type { EventSink } from '../ipc/event-sink';
import { locateExecutable } from '../powershell/executable-locator';
import { runScriptProcess, ScriptTimeoutError } from '../powershell/script-process';

const HostInfo = z.object({
  version: z.string(),
  edition: z.string(),
  os: z.string(),
  hasActiveDirectoryModule: z.boolean(),
});

export interface PowerShellProbeOptions {
  candidates: readonly string[];
  scriptsDir: string;
  timeoutMs: number;
}

/** Answers "which PowerShell will ExReady use here, and does it work?" for the UI and troubleshooting. */
export async function probePowerShell(
  options: PowerShellProbeOptions,
  operationId: string,
  signal: AbortSignal,
  events: EventSink,
): Promise<PowerShellProbe> {
  events.emit('operation:progress', { kind: 'started', operationId, title: 'Looking for PowerShell' });
  const executable = await locateExecutable(options.candidates);
  if (executable === null) {
    events.emit('operation:progress', { kind: 'finished', operationId });
    return {
      available: false,
      executable: null,
      reason: `None of ${options.candidates.join(', ')} was found on PATH.`,
      remedy:
        'Run ExReady on a Windows jump host (Windows PowerShell 5.1 is built in), or install PowerShell 7 and set its path in the settings.',
    };
  }
  events.emit('operation:progress', { kind: 'step', operationId, message: `Running ${executable}` });
  try {
    const output = await runScriptProcess({
      executable,
      scriptPath: join(options.scriptsDir, 'environment', 'Get-ExreadyHostInfo.ps1'),
      timeoutMs: options.timeoutMs,
      signal,
    });
    const info = HostInfo.safeParse(parseLastJsonLine(output.stdout));
    if (output.exitCode !== 0 || !info.success) {
      const detail = output.stderr.trim() || `exit code ${String(output.exitCode)}`;
      events.emit('operation:progress', { kind: 'failed', operationId, message: detail });
      return {
        available: false,
        executable,
        reason: `${executable} ran but did not report itself: ${detail}`,
        remedy:
          'Start it by hand with -NoProfile to see the error; an execution policy set by Group Policy can block scripts.',
      };
    }
    events.emit('operation:progress', { kind: 'finished', operationId });
    return { available: true, executable, ...info.data };
  } catch (error) {
    if (signal.aborted) {
      events.emit('operation:progress', { kind: 'cancelled', operationId });
      throw error;
    }
    const reason =
      error instanceof ScriptTimeoutError
        ? error.message
        : `${executable} could not be started: ${(error as Error).message}`;
    events.emit('operation:progress', { kind: 'failed', operationId, message: reason });
    return {
      available: false,
      executable,
      reason,
      remedy: 'Check that the executable runs for the account ExReady runs as.',
    };
  }
}

function parseLastJsonLine(stdout: string): unknown {
  const line = stdout.trim().split(/\r?\n/).pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
