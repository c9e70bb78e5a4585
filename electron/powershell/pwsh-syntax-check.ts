import { z } from 'zod';
import { runCheckScript } from './check-scripts';
import { checkPowerShellFile, type SyntaxProblem } from './syntax-check';

export interface SyntaxCheckRun {
  /** Which parser ran, for the summary line. */
  parser: string;
  problems: SyntaxProblem[];
}

const ParseErrors = z.object({
  version: z.string(),
  problems: z.array(
    z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() }),
  ),
});

/** Parses every file with PowerShell's own parser ([Parser]::ParseFile) in one pwsh process. */
export async function parseWithPowerShell(pwsh: string, files: readonly string[]): Promise<SyntaxCheckRun> {
  const run = await runCheckScript(pwsh, 'Get-ExreadyParseErrors.ps1', files, ParseErrors);
  return { parser: `PowerShell ${run.version} parser`, problems: run.problems };
}

/** PowerShell's parser where pwsh exists; tree-sitter-powershell where it does not. */
export async function checkPowerShellSyntax(
  files: readonly string[],
  pwsh: string | null,
): Promise<SyntaxCheckRun> {
  if (pwsh !== null) return parseWithPowerShell(pwsh, files);
  const problems: SyntaxProblem[] = [];
  for (const file of files) problems.push(...(await checkPowerShellFile(file)));
  return { parser: 'tree-sitter-powershell, pwsh not found', problems };
}
