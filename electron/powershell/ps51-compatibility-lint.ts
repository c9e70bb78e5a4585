import { relative, sep } from 'node:path';
import { z } from 'zod';
import { runCheckScript } from './check-scripts';

const Ps51Finding = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  /** What was found, e.g. "ternary", "ps7-parameter", "convertto-json-depth". */
  construct: z.string(),
  /** The plain reason Windows PowerShell 5.1 cannot run it. */
  message: z.string(),
});
export type Ps51Finding = z.infer<typeof Ps51Finding>;

const LintOutput = z.object({ findings: z.array(Ps51Finding) });

/** Reports what Windows PowerShell 5.1 lacks in these scripts, walking PowerShell 7's AST in one pwsh process. */
export async function lintForWindowsPowerShell51(
  pwsh: string,
  files: readonly string[],
): Promise<Ps51Finding[]> {
  if (files.length === 0) return [];
  return (await runCheckScript(pwsh, 'Test-ExreadyPs51Compatibility.ps1', files, LintOutput)).findings;
}

/** Scripts under resources/powershell run on Exchange servers and the jump host; the lab runs only in pwsh tests. */
export function runsOnWindowsPowerShell51(file: string, repoRoot: string): boolean {
  const parts = relative(repoRoot, file).split(sep);
  return parts[0] === 'resources' && parts[1] === 'powershell' && parts[2] !== 'lab' && parts.length > 2;
}

export function formatPs51Finding(finding: Ps51Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message}`;
}
