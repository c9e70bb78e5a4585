import { closedPipeExitCode, pipeWriter } from './cli/closed-pipe';
import { runCli } from './cli/run-cli';

// The reader may close the pipe after the command is done: the exit code says so whenever it happens.
const stdout = pipeWriter(process.stdout, () => {
  process.exitCode = closedPipeExitCode;
});
const stderr = pipeWriter(process.stderr);

// Entry point of the `exready` command (bundled to out/main/cli.cjs).
runCli(process.argv.slice(2), { stdout: stdout.write, stderr: stderr.write }).then(
  (code) => {
    process.exitCode = stdout.closed() ? closedPipeExitCode : code;
  },
  (error: unknown) => {
    stderr.write(`exready: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
