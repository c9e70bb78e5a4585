import { describe, expect, it } from 'vitest';
import {
  chromiumArgs,
  chromiumSandboxFor,
  type SandboxHost,
} from '../../../electron/reports/browser-executable';
import { pdfBrowserLaunchOptions } from '../../../electron/reports/report-pdf';

const host = (overrides: Partial<SandboxHost>): SandboxHost => ({
  platform: 'linux',
  uid: 1000,
  env: {},
  inContainer: false,
  ...overrides,
});

describe("the PDF printer's Chromium sandbox", () => {
  it('is never switched off by a fixed switch', () => {
    expect(chromiumArgs).not.toContain('--no-sandbox');
  });

  it('stays on for an ordinary user, on Windows and on Linux, and for root outside CI or a container', () => {
    expect(chromiumSandboxFor(host({}))).toEqual({ sandbox: true, reason: null });
    expect(chromiumSandboxFor(host({ platform: 'win32', uid: null, env: { CI: 'true' } }))).toEqual({
      sandbox: true,
      reason: null,
    });
    expect(chromiumSandboxFor(host({ uid: 0 })).sandbox).toBe(true);
  });

  it('is off only as root in CI or a container, and the reason says so', () => {
    expect(chromiumSandboxFor(host({ uid: 0, env: { CI: 'true' } }))).toEqual({
      sandbox: false,
      reason: expect.stringContaining('root in CI') as string,
    });
    expect(chromiumSandboxFor(host({ uid: 0, inContainer: true })).reason).toContain('root in a container');
  });

  it('is asked of Playwright explicitly (its default adds --no-sandbox), and the exception is said', () => {
    process.env.EXREADY_BROWSER = process.execPath; // any existing file: the browser is not started here
    try {
      const said: string[] = [];
      expect(pdfBrowserLaunchOptions(host({}), (text) => said.push(text))).toMatchObject({
        chromiumSandbox: true,
      });
      expect(said).toEqual([]);
      const asRootInCi = pdfBrowserLaunchOptions(host({ uid: 0, env: { CI: 'true' } }), (text) =>
        said.push(text),
      );
      expect(asRootInCi.chromiumSandbox).toBe(false);
      expect(said).toEqual([expect.stringContaining('without its sandbox')]);
    } finally {
      delete process.env.EXREADY_BROWSER;
    }
  });
});
