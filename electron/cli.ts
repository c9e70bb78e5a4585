import { runCli } from './cli/run-cli';

// Entry point of the `exready` command (bundled to out/main/cli.cjs).
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`exready: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
