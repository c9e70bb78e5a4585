import { join } from 'node:path';
import { z } from 'zod';
import type { ExoLiveFailureCode } from '../../../shared/tenant/ews/ews-window-contract';
import type { ExoSettingsRead } from '../../../shared/tenant/ews/exo-settings';
import {
  runScriptProcess,
  ScriptTimeoutError,
  type ScriptOutput,
  type ScriptRun,
} from '../../powershell/script-process';
import { ExoSettingsError, parseExoSettings } from './exo-settings-file';

// Runs Get-ExoEwsSettings.ps1 through ExchangeOnlineManagement on this machine (issue #15) and reads its JSON with the
// parser the --exo-settings import uses: read-only, in its own process, bounded and cancellable.

/** Why the live read failed: module-missing comes from the script's coded answer, never from its prose. */
export type ExoLiveFailure = ExoLiveFailureCode;

export class ExoLiveReadError extends Error {
  constructor(
    readonly code: ExoLiveFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ExoLiveReadError';
  }
}

export interface ExoLiveRequest {
  /** The PowerShell to run; null when none was found (located or configured by the caller). */
  executable: string | null;
  scriptsDir: string;
  appId: string;
  mailbox: string;
  /** The Exchange Online admin to sign in as (Connect-ExchangeOnline -UserPrincipalName). */
  userPrincipalName?: string | null;
  /** The interactive sign-in takes minutes: 5 by default. */
  timeoutMs?: number;
  signal: AbortSignal;
  /** A stand-in in unit tests; the real one spawns the executable. */
  runScript?: (run: ScriptRun) => Promise<ScriptOutput>;
}

export const exoLiveDefaultTimeoutMs = 5 * 60 * 1000;

/** resources/powershell/exo/Get-ExoEwsSettings.ps1 */
export function exoSettingsScript(scriptsDir: string): string {
  return join(scriptsDir, 'exo', 'Get-ExoEwsSettings.ps1');
}

const ExoScriptError = z.object({
  format: z.literal('exready-exo-error/1'),
  code: z.literal('module-missing'),
  message: z.string(),
});

const origin = 'the output of Get-ExoEwsSettings.ps1';

/** The JSON document in what the script printed: from its first line that opens an object (a warning may precede). */
function jsonOf(stdout: string): string | null {
  const start = stdout.search(/^\{/m);
  return start < 0 ? null : stdout.slice(start).trim();
}

function firstLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 3)
    .join(' | ');
}

export async function readExoSettingsLive(request: ExoLiveRequest): Promise<ExoSettingsRead> {
  if (request.executable === null)
    throw new ExoLiveReadError('no-powershell', 'no PowerShell was found on this machine');
  const timeoutMs = request.timeoutMs ?? exoLiveDefaultTimeoutMs;
  let output: ScriptOutput;
  try {
    output = await (request.runScript ?? runScriptProcess)({
      executable: request.executable,
      scriptPath: exoSettingsScript(request.scriptsDir),
      parameters: {
        appId: request.appId,
        mailbox: request.mailbox,
        ...(request.userPrincipalName ? { userPrincipalName: request.userPrincipalName } : {}),
      },
      timeoutMs,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof ScriptTimeoutError)
      throw new ExoLiveReadError(
        'timeout',
        `Get-ExoEwsSettings.ps1 did not finish within ${Math.round(timeoutMs / 1000)} s (sign-in included) and was stopped`,
      );
    if (request.signal.aborted)
      throw new ExoLiveReadError('cancelled', 'the read with ExchangeOnlineManagement was cancelled');
    const why = error instanceof Error ? error.message : String(error);
    throw new ExoLiveReadError('failed', `${request.executable} could not be started: ${why}`);
  }
  const json = jsonOf(output.stdout);
  if (json !== null) {
    let coded: unknown = null;
    try {
      coded = JSON.parse(json);
    } catch {
      // not the coded answer: the settings parser below names the syntax error
    }
    const scriptError = ExoScriptError.safeParse(coded);
    if (scriptError.success) throw new ExoLiveReadError('module-missing', scriptError.data.message);
  }
  if (output.exitCode !== 0) {
    const why = firstLines(output.stderr) || firstLines(output.stdout);
    throw new ExoLiveReadError(
      'failed',
      `Get-ExoEwsSettings.ps1 failed (exit code ${String(output.exitCode)})${why === '' ? '' : `: ${why}`}`,
    );
  }
  if (json === null)
    throw new ExoLiveReadError('bad-output', `Get-ExoEwsSettings.ps1 printed no JSON document`);
  try {
    const read = parseExoSettings(json, origin);
    if (read.state !== 'read') return read;
    return { ...read, source: `read with ExchangeOnlineManagement at ${read.value.readAt}` };
  } catch (error) {
    if (error instanceof ExoSettingsError) throw new ExoLiveReadError('bad-output', error.message);
    throw error;
  }
}

/** For the checks: a failed read leaves them unknown, its cause naming what failed (never a pass). */
export async function readExoSettingsLiveOrUnknown(
  request: ExoLiveRequest,
  command?: string,
): Promise<ExoSettingsRead> {
  try {
    return await readExoSettingsLive(request);
  } catch (error) {
    if (!(error instanceof ExoLiveReadError)) throw error;
    return {
      state: 'unknown',
      cause: `Reading the Exchange Online settings with ExchangeOnlineManagement failed (${error.code}): ${error.message}`,
      ...(command === undefined ? {} : { command }),
    };
  }
}
