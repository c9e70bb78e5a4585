import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder Electron's app.getPath('userData') names, for the CLI that runs without Electron. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  // An explicit folder wins: portable use on a jump host, and tests that must not touch the real one.
  if (env.EXREADY_USER_DATA !== undefined && env.EXREADY_USER_DATA !== '') return env.EXREADY_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'ExReady');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'ExReady');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'ExReady');
}
