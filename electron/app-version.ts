import packageJson from '../package.json' with { type: 'json' };

// One version for the window, the CLI and the reports: package.json's.
export const appVersion: string = packageJson.version;
