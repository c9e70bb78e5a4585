/** Where the command line writes; the tests pass buffers, the entry point passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes every command keeps: 0 nothing failed, 1 a check or an edit failed, 2 bad input. */
export const ExitCode = { ok: 0, failed: 1, badInput: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
