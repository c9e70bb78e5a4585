import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import { appId } from '../shared/product';
import { appVersion } from './app-version';
import { createEventSink } from './ipc/event-sink';
import { bindRouterToIpcMain, createWebContentsDelivery } from './ipc/ipc-main-binding';
import { createIpcRouter } from './ipc/router';
import { createAppLogger } from './logging/logger';
import { createRedactor } from './logging/redact';
import { openSecretStore } from './secrets/secret-store';
import { defaultPowerShellCandidates } from './powershell/executable-locator';
import { locatePowerShellScripts } from './resource-paths';
import { contentSecurityPolicy } from './security/content-security-policy';
import {
  createTrustedUrlCheck,
  isAllowedNavigation,
  isOpenableDocumentationLink,
} from './security/trusted-sender';
import { secureWindowOptions } from './security/window-options';
import { createInvokeHandlers } from './services/app-services';

// One instance per user: a second launch focuses the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.setAppUserModelId(appId);
  void app.whenReady().then(start);
}

function rendererUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServer !== undefined) return devServer;
  return pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData');
  const logDirectory = join(userDataDir, 'logs');
  // Secrets are encrypted with the Windows user's DPAPI key; the logger masks every stored value.
  const secrets = await openSecretStore(userDataDir, safeStorage);
  const logger = createAppLogger({
    directory: logDirectory,
    redactor: createRedactor(() => secrets.knownSecrets()),
  });
  const appUrl = rendererUrl();
  const isTrustedUrl = createTrustedUrlCheck(appUrl);
  let window: BrowserWindow | null = null;

  hardenSession(appUrl);
  hardenWebContents(appUrl);

  const router = createIpcRouter({
    handlers: createInvokeHandlers({
      userDataDir,
      logDirectory,
      version: appVersion,
      platform: process.platform,
      scriptsDir: locatePowerShellScripts(__dirname, app.isPackaged ? process.resourcesPath : undefined),
      powershellCandidates: defaultPowerShellCandidates(process.platform),
      mfa: {
        secrets,
        chooseModuleSource: async () => {
          const options = {
            title: 'The MFA module files (a folder, or a .zip)',
            properties: ['openFile', 'openDirectory'] as ('openFile' | 'openDirectory')[],
            filters: [{ name: 'Module package', extensions: ['zip'] }],
          };
          const choice =
            window === null
              ? await dialog.showOpenDialog(options)
              : await dialog.showOpenDialog(window, options);
          return choice.canceled ? null : (choice.filePaths[0] ?? null);
        },
      },
      checkRuns: {
        printToPdf: printHtmlToPdf,
        knownSecrets: () => secrets.knownSecrets(),
        chooseSaveFile: async (suggestedName, format) => {
          const options = {
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: `${format.toUpperCase()} report`, extensions: [format] }],
          };
          const choice =
            window === null
              ? await dialog.showSaveDialog(options)
              : await dialog.showSaveDialog(window, options);
          return choice.canceled || choice.filePath === undefined ? null : choice.filePath;
        },
      },
    }),
    events: createEventSink(createWebContentsDelivery(() => window?.webContents ?? null)),
    logger,
  });
  bindRouterToIpcMain({
    ipcMain,
    router,
    logger,
    isTrustedSender: (frame, sender) =>
      frame !== null &&
      sender === window?.webContents &&
      frame === sender.mainFrame &&
      isTrustedUrl(frame.url),
  });

  const createWindow = () => {
    window = new BrowserWindow(secureWindowOptions(join(__dirname, '../preload/index.cjs')));
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    void window.loadURL(appUrl);
  };

  app.on('second-instance', () => {
    if (window === null) return createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    router.operations.cancelAll();
    void logger.close();
  });
  logger.info('ExReady started', { version: appVersion, userDataDir });
  createWindow();
}

/** Prints a report's HTML with Chromium's PDF printer, in a hidden window that runs no script. */
async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const file = join(tmpdir(), `exready-report-${randomUUID()}.html`);
  const printer = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, javascript: false },
  });
  try {
    await writeFile(file, html, 'utf8');
    await printer.loadFile(file);
    return new Uint8Array(await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true }));
  } finally {
    printer.destroy();
    await rm(file, { force: true });
  }
}

function hardenSession(appUrl: string): void {
  const defaultSession = session.defaultSession;
  // No camera, notifications, geolocation or anything else: the app asks for nothing.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  if (!appUrl.startsWith('file:')) {
    defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
      });
    });
  }
}

function hardenWebContents(appUrl: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Documentation links open in the user's browser, never inside the app; others are dropped.
      if (isOpenableDocumentationLink(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(appUrl, url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(appUrl, url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
