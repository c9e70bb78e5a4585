import { productName } from '../../shared/product';

/**
 * BrowserWindow options: the renderer is a sandboxed web page with no Node and an isolated preload.
 * DevTools exist only in development: a packaged build gives no one a console into the renderer.
 */
export function secureWindowOptions(preloadPath: string, build: { packaged: boolean }) {
  return {
    title: productName,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: !build.packaged,
    },
  } as const;
}
