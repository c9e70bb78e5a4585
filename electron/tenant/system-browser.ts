import { spawn } from 'node:child_process';

/** The program and arguments that open a URL in the default browser: the URL is one argument, no shell parses it. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): { file: string; args: string[] } {
  // rundll32's FileProtocolHandler rather than `cmd /c start`, whose parser would read & and ^ in the query.
  if (platform === 'win32') return { file: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { file: 'open', args: [url] };
  return { file: 'xdg-open', args: [url] };
}

/** Entra's authorize endpoint, the one page sign-in opens in the browser (the app's openExternal checks it). */
export function isSignInUrl(url: string, authorityHost = 'https://login.microsoftonline.com'): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.origin === new URL(authorityHost).origin && /\/oauth2\/v2\.0\/authorize$/.test(parsed.pathname)
    );
  } catch {
    return false;
  }
}

/** The CLI's openBrowser for MSAL: only an https URL (Entra's authorize endpoint), in a detached child. */
export function openInSystemBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  run: typeof spawn = spawn,
): Promise<void> {
  if (!/^https:\/\//i.test(url))
    return Promise.reject(new Error('only an https sign-in URL is opened in the browser'));
  const { file, args } = browserCommand(url, platform);
  return new Promise((resolve, reject) => {
    const child = run(file, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: true });
    child.once('error', (error) =>
      reject(new Error(`the browser could not be opened (${file}): ${error.message}`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
