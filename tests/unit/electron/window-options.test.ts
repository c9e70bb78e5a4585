import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/security/content-security-policy';
import { secureWindowOptions } from '../../../electron/security/window-options';

describe("the window's security settings", () => {
  it('isolate the renderer: sandbox, context isolation, no Node', () => {
    const { webPreferences } = secureWindowOptions('/app/out/preload/index.cjs', { packaged: true });
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('give DevTools to development builds only', () => {
    expect(secureWindowOptions('/p.cjs', { packaged: true }).webPreferences.devTools).toBe(false);
    expect(secureWindowOptions('/p.cjs', { packaged: false }).webPreferences.devTools).toBe(true);
  });

  it('allow no script but the app’s own and no remote connection', () => {
    const directives = new Map(
      contentSecurityPolicy.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
  });
});
