import { relative, resolve } from 'node:path';
import {
  checkPowerShellFile,
  findPowerShellFiles,
  formatSyntaxProblem,
} from '../electron/powershell/syntax-check';

// Parses every .ps1 under resources/ (or the folders given) and fails with file:line:column.
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['resources'];
let files = 0;
let failures = 0;
for (const root of roots) {
  for (const file of await findPowerShellFiles(resolve(root))) {
    files += 1;
    const problems = await checkPowerShellFile(file);
    for (const problem of problems) {
      failures += 1;
      console.error(formatSyntaxProblem({ ...problem, file: relative(process.cwd(), problem.file) }));
    }
  }
}
console.log(`PowerShell syntax: ${files} file(s) parsed, ${failures} error(s)`);
process.exitCode = failures > 0 ? 1 : 0;
