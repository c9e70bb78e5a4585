import { productName } from '../../shared/product';
import { appVersion } from '../app-version';
import { CliUsageError, ExitCode, type CliIo } from './cli-io';

const helpText = `${productName} ${appVersion}: is this Exchange estate ready for its identity integrations?

Usage: exready <command> [options]

Commands:
  help                 Show this help.
  version              Print the version.

Options:
  -h, --help           Show this help.
  -v, --version        Print the version.

Exit codes: 0 nothing failed, 1 a check failed, 2 bad input.
`;

/** The `exready` command line: plain Node over the same services as the app. */
export function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return Promise.resolve(dispatch(argv, io));
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`exready: ${error.message}\nRun 'exready --help' for usage.\n`);
      return Promise.resolve(ExitCode.badInput);
    }
    throw error;
  }
}

function dispatch(argv: readonly string[], io: CliIo): ExitCode {
  const [command] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      io.stdout(helpText);
      return ExitCode.ok;
    case 'version':
    case '-v':
    case '--version':
      io.stdout(`${appVersion}\n`);
      return ExitCode.ok;
    default:
      throw new CliUsageError(
        command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`,
      );
  }
}
