import { describe, expect, it } from 'vitest';
import { userDataDir } from '../../../electron/user-data-dir';

// The CLI keeps its runs where the app does, so `exready report` finds the runs the window made and back.
describe('userDataDir', () => {
  it('is %APPDATA%\\ExReady on Windows and ~/.config/ExReady on Linux', () => {
    expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toMatch(
      /AppData[\\/]Roaming[\\/]ExReady$/,
    );
    expect(userDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/ExReady');
    expect(userDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/a')).toBe('/xdg/ExReady');
  });
});
