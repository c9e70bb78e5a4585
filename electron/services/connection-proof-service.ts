import { join } from 'node:path';
import { ProofScriptResult, type SecondHopTarget } from '../../shared/prove/proof-result';
import type { PowerShellHost } from '../powershell/powershell-host';
import { encodeScriptParameters } from '../powershell/script-process';

// Runs Test-ExreadyConnectionPath.ps1 once: the password goes only into its base64 JSON argument, never into a log or error.

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
  const encoded = encodeScriptParameters({ ...request });
  const forms = [request.password, JSON.stringify(request.password).slice(1, -1), encoded].filter(
    (form) => form.length > 0,
  );
  return forms.reduce((clean, form) => clean.split(form).join('********'), text);
}

/** resources/powershell/prove/Test-ExreadyConnectionPath.ps1 */
export function connectionProofScript(scriptsDir: string): string {
  return join(scriptsDir, 'prove', 'Test-ExreadyConnectionPath.ps1');
}

export async function runConnectionProof(
  host: PowerShellHost,
  scriptPath: string,
  request: ConnectionProofRequest,
  signal: AbortSignal,
): Promise<ProofScriptResult> {
  const lines: string[] = [];
  const timeoutSeconds = request.timeoutSeconds ?? 60;
  const run = await host.run(
    scriptPath,
    { ...request, timeoutSeconds },
    // Three hops of the timeout each, and the shell's own start.
    { signal, timeoutMs: (timeoutSeconds * 3 + 30) * 1000, onLine: (line) => lines.push(line) },
  );
  const line = lines.find((candidate) => candidate.includes('"exreadyProof"'));
  if (line === undefined) {
    const why = run.errors.slice(0, 3).map((error) => withoutSecret(error, request));
    throw new ConnectionProofError(
      `the proof script printed no result${why.length > 0 ? `: ${why.join(' | ')}` : ''}`,
    );
  }
  const parsed = ProofScriptResult.safeParse(JSON.parse(line));
  if (!parsed.success)
    throw new ConnectionProofError(
      `the proof script's result is not as expected: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}
