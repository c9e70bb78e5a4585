import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Kills a process and everything it started: a stuck PowerShell may hold children (and their
 * pipes) open, and killing only the parent would leave them running and the call hanging.
 * POSIX children are started as their own process group (detached) so the group can be killed.
 */
export function killProcessTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Spawn options that make killProcessTree work on every platform. */
export const killableSpawnOptions = { detached: process.platform !== 'win32', windowsHide: true } as const;
