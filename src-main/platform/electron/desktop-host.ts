import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { createCore, type Core, type CoreOptions } from '../../core';
import { acquireDataFolderLock, type DataFolderLock } from '../../data-folder/data-folder-lock';
import { createSupportBundle } from '../../diagnostics/diagnostics-handlers';
import { captureConsole } from '../../logging/console-capture';
import { openFileLog, type FileLog } from '../../logging/file-log';
import { notificationTarget } from '../../notifications/notification-target';
import { runTrayAction } from '../../notifications/tray-commands';
import { taskbarProgress, type TrayState } from '../../notifications/tray-status';
import { TrayStatusSource } from '../../notifications/tray-status-source';
import { redactSecrets } from '../../secret-redaction';
import { readOrganizationSettings } from '../../settings/settings-repository';
import type { Clock, SecretStore, SystemNotification } from '../ports';
import { appMenuTemplate } from './app-menu';
import { rendererLocation } from './app-url';
import { loadElectronUpdater, startAutoUpdate, type Updater } from './auto-update';
import { followLaunchAtLogin, keepRunningInTrayOnClose, startedInTray } from './background-mode';
import { createElectronPorts } from './electron-ports';
import { createExternalUrlPolicy } from './external-url-policy';
import { forwardCoreEvents, registerContractIpc } from './ipc';
import { createMainWindow, focusWindow, WINDOW_MINIMUM } from './main-window';
import { resolvePreloadPath } from './preload-path';
import { registerAppScheme, secureSession } from './renderer-protocol';
import { isTrustedSender } from './sender-check';
import { createAppTray, type AppTray } from './tray';
import { openWindowState } from './window-state';

/*
 * The Electron host: lifecycle, the window, the tray, the menu and IPC wiring.
 * Everything the app does lives in the core (core.ts), which this file
 * reaches through the contract's calls and events. src-main/index.ts only
 * calls startDesktopHost; tests/electron-wiring drives it against a recording
 * double of the electron module.
 */

export const ABOUT_HASH = '#/settings/about';
/** electron-builder.json's appId: Windows groups notifications and names the login item by it. */
export const APP_USER_MODEL_ID = 'com.equineops.clientsync';

export interface DesktopHostOptions {
  /** The built main bundle's folder (out/main): the preload and renderer are beside it. */
  outDir: string;
  env: NodeJS.ProcessEnv;
  /** Core settings tests change: a fake scheduler timer, no daily backups. */
  core?: Pick<CoreOptions, 'scheduler' | 'dailyBackups' | 'lockWaitMs'>;
  /** Tests keep secrets in memory; the app always uses the OS keychain. */
  secrets?: SecretStore;
  /** Tests pass the fake scheduler timer's clock; the app uses the system clock. */
  clock?: Clock;
  /** electron-updater, loaded only when an update feed is configured. */
  loadUpdater?: () => Promise<Updater>;
}

/** What a started host exposes: to its test hooks and to tests/electron-wiring. */
export interface RunningDesktopHost {
  core: Core;
  window(): BrowserWindow | null;
  tray: AppTray;
  log: FileLog;
}

export interface DesktopHost {
  /** Resolves once started; null when another copy holds the lock and this one quit. */
  ready: Promise<RunningDesktopHost | null>;
}

export function startDesktopHost(options: DesktopHostOptions): DesktopHost {
  const location = rendererLocation(
    options.env.ELECTRON_RENDERER_URL,
    join(options.outDir, '../renderer'),
  );
  registerAppScheme();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  // Tests and e2e give each run its own data folder (like Actual's fixtures).
  if (options.env.EQUINEOPS_USER_DATA_DIR)
    app.setPath('userData', options.env.EQUINEOPS_USER_DATA_DIR);

  if (!app.requestSingleInstanceLock()) {
    // Another copy is running: it focuses its window (second-instance below) and this one leaves.
    app.quit();
    return { ready: Promise.resolve(null) };
  }
  const ready = runApp(options, location).catch((error: unknown) => {
    // Into the log file too (the console is captured from the start of runApp), for support.
    console.error(`Start-up failed: ${error instanceof Error ? error.stack : String(error)}`);
    dialog.showErrorBox(
      'EquineOps Client Sync could not start',
      redactSecrets(error instanceof Error ? error.message : String(error)),
    );
    app.exit(1);
    return null;
  });
  return { ready };
}

async function runApp(
  options: DesktopHostOptions,
  location: ReturnType<typeof rendererLocation>,
): Promise<RunningDesktopHost> {
  // Every console line from here on also lands, redacted, in the OS logs folder.
  const log = openFileLog(app.getPath('logs'));
  const stopCapture = captureConsole(log);
  console.info(`EquineOps Client Sync ${app.getVersion()} starting`);

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
  const preloadPath = resolvePreloadPath(join(options.outDir, '../preload'));
  const dataDir = app.getPath('userData');
  const windowState = openWindowState(dataDir);
  // Until the core has read the QuickBooks configuration, only Intuit's own pages may open.
  let externalUrlPolicy = createExternalUrlPolicy(null);
  // Electron's single-instance lock only sees other Electron copies; this one
  // also refuses a browser host already serving the folder (and is refused by it).
  const lock = await acquireDataFolderLock(dataDir, 'electron');
  const core = await createCore({
    ...options.core,
    dataDir,
    logDir: log.dir,
    warmWorker: true,
    ports: createElectronPorts({
      focusWindow: () => showWindow(),
      // Clicking a sync notification opens the Sync Log (or Integrations to reconnect).
      onNotificationClick: (notification: SystemNotification) =>
        showWindow(notificationTarget(notification.action) ?? undefined),
      externalUrlPolicy: () => externalUrlPolicy,
      secrets: options.secrets,
      clock: options.clock,
      dialogParent: () => mainWindow,
      layout: windowState.layout,
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

  const navigateTo = (hash: string) => core.events.emit('app.navigate', { hash });
  const openWindow = (hash?: string) => {
    let trayOnClose: ReturnType<typeof keepRunningInTrayOnClose> | null = null;
    const window = createMainWindow(
      location,
      preloadPath,
      (url) => externalUrlPolicy(url),
      {
        bounds: windowState.bounds(WINDOW_MINIMUM),
        maximized: windowState.maximized(),
        // A notification or the tray names the page; otherwise the one shown last time.
        page: hash ?? windowState.lastPage(),
      },
      () => {
        // "Discard changes?" → Stay also calls off a quit that asked: the app runs on, and
        // the next close of the window goes to the tray again instead of quitting.
        quitting = false;
        trayOnClose?.closeCancelled();
      },
    );
    mainWindow = window;
    windowState.follow(window);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    trayOnClose = keepRunningInTrayOnClose(window, core, () => quitting);
  };
  showWindow = (hash) => {
    if (!mainWindow || mainWindow.isDestroyed()) return openWindow(hash);
    focusWindow(mainWindow);
    if (hash) navigateTo(hash);
  };
  if (!startedInTray()) openWindow();

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, {
        saveDiagnostics: () => void saveDiagnostics(core, log),
        openLogFolder: () => void shell.openPath(log.dir),
        showAbout: () => showWindow(ABOUT_HASH),
      }),
    ),
  );
  showSyncProgressOnTaskbar(core, () => mainWindow);
  const tray = createTray(core, showWindow);
  const stopLoginItem = followLaunchAtLogin(core);
  const stopUpdates = await startAutoUpdate({
    env: options.env,
    configFile: join(dataDir, 'update.json'),
    loadUpdater: options.loadUpdater ?? loadElectronUpdater,
    log: (message) => console.warn(`[updates] ${message}`),
  });
  const running: RunningDesktopHost = { core, window: () => mainWindow, tray, log };
  exposeTestHooks(options.env, running);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
    else showWindow();
  });
  app.on('window-all-closed', () => {
    // Reached only when "Keep running in the tray" is off (otherwise closing hides the window).
    if (process.platform !== 'darwin') app.quit();
  });
  // once: will-quit comes twice (the database closes between the two, see closeCoreBeforeQuit).
  app.once('will-quit', () => {
    stopUpdates();
    stopLoginItem();
    tray.destroy();
  });
  app.on('quit', () => stopCapture());
  closeCoreBeforeQuit(core, lock);
  return running;
}

/** Help → Save diagnostics…: the support bundle, saved where staff choose, then shown in its folder. */
async function saveDiagnostics(core: Core, log: FileLog): Promise<void> {
  try {
    const { fileName, zip } = await createSupportBundle(core.context, {
      dataDir: app.getPath('userData'),
      logDir: log.dir,
    });
    const saved = await core.context.ports.files?.saveAs(fileName, zip);
    if (saved) shell.showItemInFolder(saved);
  } catch (error) {
    console.error(`Save diagnostics failed: ${String(error)}`);
    dialog.showErrorBox(
      'The diagnostics could not be saved',
      redactSecrets(error instanceof Error ? error.message : String(error)),
    );
  }
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
function exposeTestHooks(env: NodeJS.ProcessEnv, host: RunningDesktopHost): void {
  if (env.EQUINEOPS_TEST_HOOKS !== '1') return;
  (globalThis as Record<string, unknown>).__equineopsTest = {
    trayMenu: () => host.tray.menu(),
    nextRunAt: () => host.core.scheduler?.nextRunAt()?.toISOString() ?? null,
    notify: (notification: SystemNotification) =>
      host.core.context.ports.notifier.notify(notification),
  };
}

/**
 * Lets the database finish its last write and close its WAL before the process
 * ends. On will-quit, not before-quit: the windows close in between, and one
 * with unsaved edits may still cancel the quit ("Stay"), with the app running on.
 */
function closeCoreBeforeQuit(core: Core, lock: DataFolderLock): void {
  let closed = false;
  app.on('will-quit', (event) => {
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
