import { EventEmitter } from 'node:events';
import type { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { browserCommand, openInSystemBrowser } from '../../../electron/tenant/system-browser';

const authorize =
  'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=14d8&scope=a%20b&state=x&code_challenge=y^z';

describe('system browser', () => {
  it.each([
    ['win32', 'rundll32.exe', ['url.dll,FileProtocolHandler', authorize]],
    ['darwin', 'open', [authorize]],
    ['linux', 'xdg-open', [authorize]],
  ] as const)('on %s passes the URL as one argument to %s', (platform, file, args) => {
    expect(browserCommand(authorize, platform)).toEqual({ file, args });
  });

  it('spawns without a shell, detached, and refuses anything but https', async () => {
    const calls: { file: string; args: readonly string[]; options: Record<string, unknown> }[] = [];
    const fakeSpawn = ((file: string, args: readonly string[], options: Record<string, unknown>) => {
      calls.push({ file, args, options });
      const child = Object.assign(new EventEmitter(), { unref: () => undefined });
      queueMicrotask(() => child.emit('spawn'));
      return child;
    }) as unknown as typeof spawn;
    await openInSystemBrowser(authorize, 'linux', fakeSpawn);
    expect(calls).toEqual([
      {
        file: 'xdg-open',
        args: [authorize],
        options: expect.objectContaining({ shell: false, detached: true }) as unknown,
      },
    ]);
    await expect(openInSystemBrowser('file:///etc/passwd', 'linux', fakeSpawn)).rejects.toThrow(/https/);
    expect(calls).toHaveLength(1);
  });
});
