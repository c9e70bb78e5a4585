import { existsSync } from 'node:fs';

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

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
