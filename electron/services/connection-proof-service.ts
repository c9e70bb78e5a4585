import { join } from 'node:path';
import { ProofScriptResult, type SecondHopTarget } from '../../shared/prove/proof-result';
import { runScriptProcess, type ScriptOutput, type ScriptRun } from '../powershell/script-process';

// Runs Test-ExreadyConnectionPath.ps1 once in its own process: the password goes only to its standard input.

export interface ConnectionProofRequest {
  syncServer: string;
  exchangeServer: string;
  serviceAccount: string;
  /** Held in memory for this call only. */
  password: string;
  secondHop: SecondHopTarget;
  timeoutSeconds?: number;
}

export class ConnectionProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionProofError';
  }
}

/** Text that may have echoed the request (a host error), with the password and its encodings taken out. */
export function withoutSecret(text: string, request: ConnectionProofRequest): string {
  const forms = [request.password, JSON.stringify(request.password).slice(1, -1)].filter(
    (form) => form.length > 0,
  );
  return forms.reduce((clean, form) => clean.split(form).join('********'), text);
}

/** resources/powershell/prove/Test-ExreadyConnectionPath.ps1 */
export function connectionProofScript(scriptsDir: string): string {
  return join(scriptsDir, 'prove', 'Test-ExreadyConnectionPath.ps1');
}

/** How the proof script is started: a fresh process, so its standard input can carry the password. */
export interface ProofProcess {
  executable: string;
  /** A stand-in in unit tests; the real one spawns the executable. */
  runScript?: (run: ScriptRun) => Promise<ScriptOutput>;
}

export async function runConnectionProof(
  proofProcess: ProofProcess,
  scriptPath: string,
  request: ConnectionProofRequest,
  signal: AbortSignal,
): Promise<ProofScriptResult> {
  const timeoutSeconds = request.timeoutSeconds ?? 60;
  const { password, ...parameters } = request;
  const output = await (proofProcess.runScript ?? runScriptProcess)({
    executable: proofProcess.executable,
    scriptPath,
    // The password never joins the parameters: a command line lands in process auditing and script block logging.
    parameters: { ...parameters, timeoutSeconds },
    standardInput: `${password}\n`,
    // Three hops of the timeout each, and the shell's own start.
    timeoutMs: (timeoutSeconds * 3 + 30) * 1000,
    signal,
  });
  const line = output.stdout.split(/\r?\n/).find((candidate) => candidate.includes('"exreadyProof"'));
  if (line === undefined) {
    const why = output.stderr
      .split(/\r?\n/)
      .filter((text) => text.trim() !== '')
      .slice(0, 3)
      .map((text) => withoutSecret(text, request));
    throw new ConnectionProofError(
      `the proof script printed no result (exit code ${String(output.exitCode)})${why.length > 0 ? `: ${why.join(' | ')}` : ''}`,
    );
  }
  const parsed = ProofScriptResult.safeParse(JSON.parse(line));
  if (!parsed.success)
    throw new ConnectionProofError(
      `the proof script's result is not as expected: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}
