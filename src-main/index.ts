import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { createCore, type Core } from './core';
import { acquireDataFolderLock, type DataFolderLock } from './data-folder/data-folder-lock';
import { notificationTarget } from './notifications/notification-target';
import { runTrayAction } from './notifications/tray-commands';
import { taskbarProgress, type TrayState } from './notifications/tray-status';
import { TrayStatusSource } from './notifications/tray-status-source';
import {
  followLaunchAtLogin,
  keepRunningInTrayOnClose,
  startedInTray,
} from './platform/electron/background-mode';
import { rendererLocation } from './platform/electron/app-url';
import { createElectronPorts } from './platform/electron/electron-ports';
import { createExternalUrlPolicy } from './platform/electron/external-url-policy';
import { forwardCoreEvents, registerContractIpc } from './platform/electron/ipc';
import { createMainWindow, focusWindow } from './platform/electron/main-window';
import { resolvePreloadPath } from './platform/electron/preload-path';
import { registerAppScheme, secureSession } from './platform/electron/renderer-protocol';
import { isTrustedSender } from './platform/electron/sender-check';
import { createAppTray, type AppTray } from './platform/electron/tray';
import type { SystemNotification } from './platform/ports';
import { redactSecrets } from './secret-redaction';
import { readOrganizationSettings } from './settings/settings-repository';

/*
 * The Electron host only: lifecycle, the window and IPC wiring. Everything the
 * app does lives in the core (core.ts), which this file reaches through the
 * contract's calls and events.
 */

const outDir = dirname(fileURLToPath(import.meta.url)); // out/main
const location = rendererLocation(process.env.ELECTRON_RENDERER_URL, join(outDir, '../renderer'));
registerAppScheme();

// Tests and e2e give each run its own data folder (like Actual's fixtures).
if (process.env.EQUINEOPS_USER_DATA_DIR)
  app.setPath('userData', process.env.EQUINEOPS_USER_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it focuses its window (second-instance below) and this one leaves.
  app.quit();
} else {
  void runApp().catch((error: unknown) => {
    dialog.showErrorBox(
      'EquineOps Client Sync could not start',
      redactSecrets(error instanceof Error ? error.message : String(error)),
    );
    app.exit(1);
  });
}

async function runApp(): Promise<void> {
  let mainWindow: BrowserWindow | null = null;
  let quitting = false;
  // Set once the core exists; before that a second launch or a click only shows the window.
  let showWindow: (hash?: string) => void = () => focusWindow(mainWindow);
  app.on('second-instance', () => showWindow());
  app.on('before-quit', () => (quitting = true));

  // Refuse <webview> and any window the app did not create itself.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  await app.whenReady();
  secureSession(location.kind === 'app' ? location.root : null);
  const preloadPath = resolvePreloadPath(join(outDir, '../preload'));
  // Until the core has read the QuickBooks configuration, only Intuit's own pages may open.
  let externalUrlPolicy = createExternalUrlPolicy(null);
  // Electron's single-instance lock only sees other Electron copies; this one
  // also refuses a browser host already serving the folder (and is refused by it).
  const lock = await acquireDataFolderLock(app.getPath('userData'), 'electron');
  const core = await createCore({
    dataDir: app.getPath('userData'),
    warmWorker: true,
    ports: createElectronPorts({
      focusWindow: () => showWindow(),
      // Clicking a sync notification opens the Sync Log (or Integrations to reconnect).
      onNotificationClick: (notification: SystemNotification) =>
        showWindow(notificationTarget(notification.action) ?? undefined),
      externalUrlPolicy: () => externalUrlPolicy,
    }),
    host: 'electron',
    version: app.getVersion(),
  }).catch((error: unknown) => {
    lock.release();
    throw error;
  });

  externalUrlPolicy = createExternalUrlPolicy(core.quickbooks.signInBase());

  registerContractIpc({
    ipcMain,
    dispatcher: core.dispatcher,
    isTrustedSender: (event) => isTrustedSender(event, mainWindow, location),
  });
  forwardCoreEvents(core.events, (channel, name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed())
      mainWindow.webContents.send(channel, name, payload);
  });

  const openWindow = (hash?: string) => {
    const window = createMainWindow(location, preloadPath, (url) => externalUrlPolicy(url));
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    keepRunningInTrayOnClose(window, core, () => quitting);
    if (hash) window.webContents.once('did-finish-load', () => navigateTo(hash));
  };
  const navigateTo = (hash: string) => core.events.emit('app.navigate', { hash });
  showWindow = (hash) => {
    if (!mainWindow || mainWindow.isDestroyed()) return openWindow(hash);
    focusWindow(mainWindow);
    if (hash) navigateTo(hash);
  };
  if (!startedInTray()) openWindow();

  showSyncProgressOnTaskbar(core, () => mainWindow);
  const tray = createTray(core, showWindow);
  const stopLoginItem = followLaunchAtLogin(core);
  exposeTestHooks(core, tray);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
    else showWindow();
  });
  app.on('window-all-closed', () => {
    // Reached only when "Keep running in the tray" is off (otherwise closing hides the window).
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    stopLoginItem();
    tray.destroy();
  });
  closeCoreBeforeQuit(core, lock);
}

/** The tray: status line and Sync Customers Now, Open EquineOps, Quit. */
function createTray(core: Core, showWindow: (hash?: string) => void): AppTray {
  const status = new TrayStatusSource(core.events, async (): Promise<TrayState> => {
    const [sync, quickbooks, settings] = await Promise.all([
      core.sync.status(),
      core.quickbooks.status(),
      readOrganizationSettings(core.db),
    ]);
    return {
      connection: quickbooks.state,
      customerSyncEnabled: quickbooks.customerSyncEnabled,
      progress: sync.progress,
      lastRun: sync.lastRun,
      timeZone: settings.timeZone,
    };
  });
  void status.refresh();
  return createAppTray({
    status,
    now: () => core.context.ports.clock.now(),
    onAction: (action) =>
      void runTrayAction(action, {
        runSync: (trigger) => core.sync.run(trigger),
        openWindow: showWindow,
        quit: () => app.quit(),
      }),
  });
}

/** The taskbar (Windows, Linux) or dock (macOS) fills while a sync runs and clears at the end. */
function showSyncProgressOnTaskbar(core: Core, window: () => BrowserWindow | null): void {
  core.events.subscribe((event, payload) => {
    const target = window();
    if (!target || target.isDestroyed()) return;
    if (event === 'sync.progress')
      target.setProgressBar(taskbarProgress(payload as Parameters<typeof taskbarProgress>[0]));
    else if (event === 'sync.finished') target.setProgressBar(-1);
  });
}

/** Lets tests/electron read the tray menu and drive the core; only with EQUINEOPS_TEST_HOOKS=1. */
function exposeTestHooks(core: Core, tray: AppTray): void {
  if (process.env.EQUINEOPS_TEST_HOOKS !== '1') return;
  (globalThis as Record<string, unknown>).__equineopsTest = {
    trayMenu: () => tray.menu(),
    nextRunAt: () => core.scheduler?.nextRunAt()?.toISOString() ?? null,
    notify: (notification: SystemNotification) => core.context.ports.notifier.notify(notification),
  };
}

/** Lets the database finish its last write and close its WAL before the process ends. */
function closeCoreBeforeQuit(core: Core, lock: DataFolderLock): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    // Quit even if closing failed; a rejection here would otherwise go unhandled.
    void core
      .close()
      .catch(() => undefined)
      .finally(() => {
        lock.release();
        app.quit();
      });
  });
}
