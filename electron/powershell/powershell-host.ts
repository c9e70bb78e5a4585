/** What one script invocation asks of the host. */
export interface PowerShellRunOptions {
  signal: AbortSignal;
  /** Budget for the invocation once a shell runs it; time waiting for a free shell does not count. */
  timeoutMs: number;
  /** Each stdout line as it arrives, so many servers' results stream in while the script still runs. */
  onLine: (line: string) => void;
}

/** What an invocation left besides its streamed lines: kept as data, never thrown. */
export interface PowerShellRunResult {
  /** Error records and anything else the script wrote to stderr, one entry per line. */
  errors: string[];
  /** Host warnings ("WARNING: ..." lines on stdout), without the prefix. */
  warnings: string[];
  durationMs: number;
}

/** Runs our own .ps1 files with one base64 JSON argument; services and tests depend on this, not on a shell. */
export interface PowerShellHost {
  run(
    scriptPath: string,
    parameters: Record<string, unknown>,
    options: PowerShellRunOptions,
  ): Promise<PowerShellRunResult>;
  dispose(): Promise<void>;
}

export class PowerShellTimeoutError extends Error {
  constructor(
    readonly scriptPath: string,
    readonly timeoutMs: number,
  ) {
    super(`PowerShell did not finish ${scriptPath} within ${timeoutMs} ms; its shell was stopped`);
    this.name = 'PowerShellTimeoutError';
  }
}

export class PowerShellCancelledError extends Error {
  constructor(
    readonly scriptPath: string,
    /** The abort reason, so callers can rethrow what their own signal carried. */
    readonly reason: unknown,
  ) {
    super(`${scriptPath} was cancelled`);
    this.name = 'PowerShellCancelledError';
  }
}

/** The shell died or could not start (missing executable, crash): the invocation has no result. */
export class PowerShellShellError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PowerShellShellError';
  }
}

export class PowerShellDisposedError extends Error {
  constructor() {
    super('The PowerShell host was shut down');
    this.name = 'PowerShellDisposedError';
  }
}
