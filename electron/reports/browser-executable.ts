import { existsSync } from 'node:fs';
import { platform as osPlatform } from 'node:os';

// Debian's Chromium here and in CI; Edge or Chrome on Windows: prints PDF reports from the CLI and drives the e2e tier.
const candidates: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge',
  ],
  win32: [
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
};

/** The browser to print and test with: EXREADY_BROWSER if set, else the first one installed. */
export function findBrowserExecutable(): string {
  const override = process.env.EXREADY_BROWSER;
  if (override !== undefined && override !== '') {
    if (!existsSync(override)) throw new Error(`EXREADY_BROWSER points to ${override}, which does not exist`);
    return override;
  }
  const found = (candidates[process.platform] ?? []).find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'No Chromium, Chrome or Edge found to print PDF reports or run the e2e tests. On Debian: apt-get install -y chromium. ' +
        'Elsewhere set EXREADY_BROWSER to the browser executable.',
    );
  }
  return found;
}

/** Chromium's own switches; its sandbox is chosen by chromiumSandboxFor, never switched off here. */
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** What decides whether Chromium can keep its sandbox; the real process's by default. */
export interface SandboxHost {
  platform: NodeJS.Platform;
  uid: number | null;
  env: NodeJS.ProcessEnv;
  inContainer: boolean;
}

export function currentSandboxHost(): SandboxHost {
  return {
    platform: osPlatform(),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    env: process.env,
    inContainer: existsSync('/.dockerenv') || existsSync('/run/.containerenv'),
  };
}

/**
 * The browser keeps its sandbox, except as root in CI or a container, where Chromium refuses to
 * start sandboxed; that case is detected explicitly and named in `reason`, for the caller to say.
 */
export function chromiumSandboxFor(host: SandboxHost): { sandbox: boolean; reason: string | null } {
  const root = host.platform === 'linux' && host.uid === 0;
  const ci = host.env.CI === 'true' || host.env.CI === '1';
  if (!root || !(ci || host.inContainer)) return { sandbox: true, reason: null };
  const where = ci ? 'in CI (CI=true)' : 'in a container';
  return {
    sandbox: false,
    reason: `Chromium runs without its sandbox: this process is root ${where}, where Chromium refuses to start sandboxed.`,
  };
}
