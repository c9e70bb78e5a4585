/**
 * The environment every PowerShell process is started with: the caller's, with TERM=dumb, because
 * pwsh on a terminal type it knows writes cursor-key mode sequences (ESC[?1h ESC[?1l) around its
 * output, which would corrupt the JSON lines ExReady reads.
 */
export function powershellEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, TERM: 'dumb', NO_COLOR: '1' };
}
