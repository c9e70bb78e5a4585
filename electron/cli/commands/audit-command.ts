import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog, AuditLogError } from '../../audit/audit-log';
import { userDataDir } from '../../user-data-dir';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';

export const auditUsage = `Usage: exready audit verify [--audit FILE]

Checks the audit log: every line is read, every hash chain link and the head beside the log compared.
Prints OK, or each problem with its line (edited, removed, added or damaged lines, reused ids).
Lines written before the log was chained are accepted as unchained legacy lines and counted.

Options:
  --audit FILE   The log to verify (default: audit.jsonl in the user-data folder).
  -h, --help     Show this help.

Exit codes: 0 OK, 1 problems found (or the log cannot be read), 2 bad input.
`;

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: { audit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new CliUsageError(
      error instanceof Error ? (error.message.split('.')[0] ?? '') : 'invalid arguments',
    );
  }
}

/** `exready audit verify`: OK, or each problem of the audit log named by its line; non-zero on problems. */
export async function runAuditCommand(
  args: readonly string[],
  io: CliIo,
  defaultDir: () => string = userDataDir,
): Promise<ExitCode> {
  const { values, positionals } = parse(args);
  if (values.help === true) {
    io.stdout(auditUsage);
    return ExitCode.ok;
  }
  if (positionals.length !== 1 || positionals[0] !== 'verify')
    throw new CliUsageError(
      positionals.length === 0
        ? 'audit needs a subcommand: verify'
        : `unknown audit subcommand '${positionals.join(' ')}'`,
    );
  const path = resolve(values.audit ?? join(defaultDir(), 'audit.jsonl'));
  const log = new AuditLog(path);
  let read;
  try {
    read = await log.inspect();
  } catch (error) {
    if (!(error instanceof AuditLogError)) throw error;
    io.stderr(`${error.message}\n`);
    return ExitCode.failed;
  }
  const legacy =
    read.legacyLines === 0
      ? ''
      : `; ${read.legacyLines} unchained legacy line(s) from before chaining, accepted but not verifiable`;
  if (read.problems.length === 0) {
    io.stdout(`OK: ${path}: ${read.entries.length} entries, chain intact${legacy}\n`);
    return ExitCode.ok;
  }
  for (const problem of read.problems) io.stdout(`${path}:${problem.line}: ${problem.detail}\n`);
  io.stdout(
    `${read.problems.length} problem(s) in ${path}: ${read.entries.length} entries readable${legacy}\n`,
  );
  return ExitCode.failed;
}
