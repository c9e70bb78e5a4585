import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { locateCheckPwsh } from '../electron/powershell/check-scripts';
import {
  formatPs51Finding,
  lintForWindowsPowerShell51,
  runsOnWindowsPowerShell51,
} from '../electron/powershell/ps51-compatibility-lint';
import { checkPowerShellSyntax } from '../electron/powershell/pwsh-syntax-check';
import { findPowerShellFiles, formatSyntaxProblem } from '../electron/powershell/syntax-check';

// `npm run check:ps [--ps51 folder]... [folder]...`: parses every .ps1/.psm1 (resources/, the PowerShell tests and
// the check scripts by default) and lints those that run on Windows PowerShell 5.1; fails with file:line:column.
const repoRoot = process.cwd();
const folders: string[] = [];
const ps51Folders: string[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i] ?? '';
  if (arg === '--ps51') {
    ps51Folders.push(resolve(args[i + 1] ?? '.'));
    i += 1;
  } else {
    folders.push(resolve(arg));
  }
}
const roots =
  folders.length + ps51Folders.length > 0
    ? [...folders, ...ps51Folders]
    : ['resources', 'tests/powershell', 'scripts/powershell'].map((root) => resolve(root)).filter(existsSync);

const files = [...new Set((await Promise.all(roots.map((root) => findPowerShellFiles(root)))).flat())].sort();
const ps51Files = files.filter(
  (file) =>
    runsOnWindowsPowerShell51(file, repoRoot) ||
    ps51Folders.some((folder) => !relative(folder, file).startsWith('..')),
);
const shown = (file: string) => relative(repoRoot, file);

const pwsh = await locateCheckPwsh(repoRoot);
const syntax = await checkPowerShellSyntax(files, pwsh);
for (const problem of syntax.problems)
  console.error(formatSyntaxProblem({ ...problem, file: shown(problem.file) }));
console.log(
  `PowerShell syntax (${syntax.parser}): ${files.length} file(s) parsed, ${syntax.problems.length} error(s)`,
);

let failed = syntax.problems.length > 0;
if (pwsh === null) {
  // The lint walks PowerShell's own AST, so it needs pwsh; CI provisions it and must not pass without it.
  console.log(
    'Windows PowerShell 5.1 compatibility: not checked, pwsh not found (run npm run provision:pwsh)',
  );
  if (process.env.CI === 'true') failed = true;
} else {
  const findings = await lintForWindowsPowerShell51(pwsh, ps51Files);
  for (const finding of findings) console.error(formatPs51Finding({ ...finding, file: shown(finding.file) }));
  console.log(
    `Windows PowerShell 5.1 compatibility: ${ps51Files.length} file(s) linted, ${findings.length} finding(s)`,
  );
  failed ||= findings.length > 0;
}
process.exitCode = failed ? 1 : 0;
