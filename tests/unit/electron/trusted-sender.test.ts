import { describe, expect, it } from 'vitest';
import {
  createTrustedUrlCheck,
  isAllowedNavigation,
  isOpenableDocumentationLink,
} from '../../../electron/security/trusted-sender';

describe('createTrustedUrlCheck', () => {
  const fileApp = 'file:///C:/Program%20Files/ExReady/resources/app.asar/out/renderer/index.html';

  it('trusts only the exact renderer file the app loaded', () => {
    const trusted = createTrustedUrlCheck(fileApp);
    expect(trusted(`${fileApp}#/servers`)).toBe(true);
    expect(trusted('file:///C:/Users/admin/Downloads/evil.html')).toBe(false);
    expect(trusted('https://evil.example/index.html')).toBe(false);
    expect(trusted('about:blank')).toBe(false);
    expect(trusted('not a url')).toBe(false);
  });

  it('trusts the dev server by origin only', () => {
    const trusted = createTrustedUrlCheck('http://localhost:5173/');
    expect(trusted('http://localhost:5173/index.html')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('http://127.0.0.1:5173/')).toBe(false);
  });

  it('allows navigation only back to the app page', () => {
    expect(isAllowedNavigation(fileApp, fileApp)).toBe(true);
    expect(isAllowedNavigation(fileApp, 'https://learn.microsoft.com/')).toBe(false);
  });

  it('opens only https documentation links in the browser', () => {
    expect(
      isOpenableDocumentationLink(
        'https://learn.microsoft.com/en-us/windows/win32/winrm/installation-and-configuration-for-windows-remote-management',
      ),
    ).toBe(true);
    expect(isOpenableDocumentationLink('http://learn.microsoft.com/')).toBe(false);
    expect(isOpenableDocumentationLink('https://learn.microsoft.com.evil.example/')).toBe(false);
    expect(isOpenableDocumentationLink('https://user@learn.microsoft.com/')).toBe(false);
    expect(isOpenableDocumentationLink('file:///C:/Windows/System32/cmd.exe')).toBe(false);
    expect(isOpenableDocumentationLink('ms-settings:network')).toBe(false);
  });
});
