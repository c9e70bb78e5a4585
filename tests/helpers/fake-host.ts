import type { PowerShellHost, PowerShellRunOptions } from '../../electron/powershell/powershell-host';

export interface FakeHostCall {
  scriptPath: string;
  parameters: Record<string, unknown>;
  timeoutMs: number;
}

/** Stands in for PowerShell: answers each call with the line(s) the script would print, or rejects with an error. */
export function fakeHost(answer: (parameters: Record<string, unknown>) => string | Error): {
  host: PowerShellHost;
  calls: FakeHostCall[];
} {
  const calls: FakeHostCall[] = [];
  const host: PowerShellHost = {
    run(scriptPath: string, parameters: Record<string, unknown>, options: PowerShellRunOptions) {
      calls.push({ scriptPath, parameters, timeoutMs: options.timeoutMs });
      const reply = answer(parameters);
      if (reply instanceof Error) return Promise.reject(reply);
      for (const line of reply.split('\n')) options.onLine(line);
      return Promise.resolve({ errors: [], warnings: [], durationMs: 5 });
    },
    dispose: () => Promise.resolve(),
  };
  return { host, calls };
}
