import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import { startupNoticeText, type StartupNotice } from '../shared/domain/startup-notice';
import { appId, productName } from '../shared/product';
import { appVersion } from './app-version';
import { createEventSink } from './ipc/event-sink';
import { bindRouterToIpcMain, createWebContentsDelivery } from './ipc/ipc-main-binding';
import { createIpcRouter } from './ipc/router';
import { createAppLogger } from './logging/logger';
import { createRedactor } from './logging/redact';
import { HeldSecrets } from './logging/held-secrets';
import { defaultPowerShellCandidates } from './powershell/executable-locator';
import { locatePowerShellScripts } from './resource-paths';
import type { PdfLayout } from './reports/report-pdf';
import { contentSecurityPolicy } from './security/content-security-policy';
import {
  createTrustedUrlCheck,
  isAllowedNavigation,
  isOpenableDocumentationLink,
} from './security/trusted-sender';
import { secureWindowOptions } from './security/window-options';
import { createInvokeHandlers } from './services/app-services';
import { isSignInUrl } from './tenant/system-browser';
import { readInstanceState, secondInstanceMessage, writeInstanceState } from './startup/instance-state';
import { openSecretsSettingAsideUnreadable, setAsideUnreadableUserData } from './startup/user-data-recovery';

// One instance per user: a second launch focuses the first window, or says why it cannot.
if (!app.requestSingleInstanceLock()) {
  void refuseSecondInstance();
} else {
  app.enableSandbox();
  app.setAppUserModelId(appId);
  void app.whenReady().then(start).catch(failStart);
}

/** Where this instance is in its start-up, for a second launch to read (best effort: never blocks start-up). */
function markStartup(phase: 'starting' | 'window-open' | 'failed', step: string): Promise<void> {
  const state = { pid: process.pid, phase, step, since: new Date().toISOString() };
  return writeInstanceState(app.getPath('userData'), state).catch(() => undefined);
}

async function refuseSecondInstance(): Promise<void> {
  const state = await readInstanceState(app.getPath('userData'));
  const { text, needsDialog } = secondInstanceMessage(state, new Date());
  process.stderr.write(`${productName}: ${text}\n`);
  // showErrorBox works before 'ready'; no dialog when the first window came to the front.
  if (needsDialog) dialog.showErrorBox(productName, text);
  app.quit();
}

/** A start-up that throws says so and exits, so it never holds the single-instance lock with no window. */
function failStart(error: unknown): void {
  const text = `${productName} could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${text}\n`);
  void markStartup('failed', text).finally(() => {
    dialog.showErrorBox(productName, text);
    app.exit(1);
  });
}

function rendererUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServer !== undefined) return devServer;
  return pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData');
  const logDirectory = join(userDataDir, 'logs');
  await markStartup('starting', 'opening the secret store');
  // Secrets are encrypted with the Windows user's DPAPI key; the logger masks every stored value.
  // An unreadable secrets.json, inventory.json or run file is moved aside, and the window says so.
  const opened = await openSecretsSettingAsideUnreadable(userDataDir, safeStorage, new Date());
  const secrets = opened.secrets;
  await markStartup('starting', 'checking inventory.json and the saved runs');
  const startupNotices: StartupNotice[] = [
    ...opened.notices,
    ...(await setAsideUnreadableUserData(userDataDir, new Date())),
  ];
  // A proof's typed password is held here for its call only, and masked in the log like a stored secret.
  const heldSecrets = new HeldSecrets();
  const logger = createAppLogger({
    directory: logDirectory,
    redactor: createRedactor(() => [...secrets.knownSecrets(), ...heldSecrets.values()]),
  });
  for (const notice of startupNotices) {
    logger.warn('Unreadable user-data file moved aside', { ...notice });
    process.stderr.write(`${productName}: ${startupNoticeText(notice)}\n`);
  }
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
      startupNotices,
      heldSecrets,
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
      // Sign-in opens Entra's authorize page only, in the system browser; the token cache is sealed by safeStorage.
      tenant: {
        encryptor: safeStorage,
        openBrowser: (url) =>
          isSignInUrl(url)
            ? shell.openExternal(url)
            : Promise.reject(
                new Error('sign-in tried to open a page that is not Entra’s authorize endpoint'),
              ),
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
    window = new BrowserWindow(
      secureWindowOptions(join(__dirname, '../preload/index.cjs'), { packaged: app.isPackaged }),
    );
    window.once('ready-to-show', () => {
      window?.show();
      void markStartup('window-open', 'showing its window');
    });
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
  await markStartup('starting', 'opening its window');
  createWindow();
}

/** Prints a report's HTML with Chromium's PDF printer, in a hidden window that runs no script. */
async function printHtmlToPdf(html: string, layout: PdfLayout): Promise<Uint8Array> {
  const file = join(tmpdir(), `exready-report-${randomUUID()}.html`);
  const printer = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, javascript: false, devTools: false },
  });
  try {
    await writeFile(file, html, 'utf8');
    await printer.loadFile(file);
    const inches = (mm: number) => mm / 25.4;
    const { top, bottom, left, right } = layout.marginMm;
    const pdf = await printer.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: layout.headerTemplate,
      footerTemplate: layout.footerTemplate,
      margins: { top: inches(top), bottom: inches(bottom), left: inches(left), right: inches(right) },
    });
    return new Uint8Array(pdf);
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
