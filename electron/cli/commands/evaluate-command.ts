import { countStatuses, evaluateSavedFacts } from '../../checks/evaluate-estate';
import { readSavedFacts } from '../../facts/saved-facts-reader';
import { FactsParseError } from '../../powershell/ps51-json';
import { CliUsageError, ExitCode, type CliIo } from '../cli-io';
import { printEvaluation } from './evaluation-text-report';

export const evaluateUsage = `Usage: exready evaluate --facts <file.json> [--json]

Evaluates saved facts (no server is contacted) and prints the Remote PowerShell checklist per server.

Options:
  --facts <file>   Facts saved by a collection run ({schemaVersion, collectedAt, context, servers}).
  --json           Print the results as JSON instead of the checklist.
  -h, --help       Show this help.

Exit codes: 0 nothing failed, 1 a check failed, 2 bad input.
`;

interface EvaluateOptions {
  factsPath: string;
  json: boolean;
}

function parseArguments(args: readonly string[]): EvaluateOptions | 'help' {
  let factsPath: string | null = null;
  let json = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json') json = true;
    else if (arg.startsWith('--facts=')) factsPath = arg.slice('--facts='.length);
    else if (arg === '--facts') {
      const value = args[index + 1];
      if (value === undefined || value.startsWith('--')) throw new CliUsageError('--facts needs a file name');
      factsPath = value;
      index += 1;
    } else
      throw new CliUsageError(
        arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`,
      );
  }
  if (factsPath === null || factsPath === '') throw new CliUsageError('--facts <file.json> is required');
  return { factsPath, json };
}

function describeReadError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EISDIR') return `${path}: is a folder, not a facts file`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}

/** `exready evaluate`: rebuilds the readiness checklist from saved facts, without touching a server. */
export async function runEvaluateCommand(
  args: readonly string[],
  io: CliIo,
  now: () => Date,
): Promise<ExitCode> {
  let options: EvaluateOptions | 'help';
  try {
    options = parseArguments(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr(`exready evaluate: ${error.message}\n\n${evaluateUsage}`);
    return ExitCode.badInput;
  }
  if (options === 'help') {
    io.stdout(evaluateUsage);
    return ExitCode.ok;
  }

  let saved;
  try {
    saved = await readSavedFacts(options.factsPath);
  } catch (error) {
    if (error instanceof FactsParseError) {
      const extra = error.issues
        .slice(1, 6)
        .map(
          (issue) =>
            `  ${issue.server === null ? '' : `server ${issue.server}, `}${issue.path}: ${issue.message}\n`,
        );
      io.stderr(`exready evaluate: ${error.message}\n${extra.join('')}`);
    } else {
      io.stderr(`exready evaluate: ${describeReadError(options.factsPath, error)}\n`);
    }
    return ExitCode.badInput;
  }

  const evaluatedAt = now();
  const servers = evaluateSavedFacts(saved, evaluatedAt);
  const totals = countStatuses(servers.flatMap((server) => server.results));
  printEvaluation(
    io,
    { json: options.json, source: options.factsPath, extra: { facts: options.factsPath } },
    saved,
    evaluatedAt,
    servers,
  );
  return totals.fail > 0 ? ExitCode.failed : ExitCode.ok;
}
