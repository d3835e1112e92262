import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { createCore, type Core } from './core';
import { rendererLocation } from './platform/electron/app-url';
import { createElectronPorts } from './platform/electron/electron-ports';
import { forwardCoreEvents, registerContractIpc } from './platform/electron/ipc';
import { createMainWindow, focusWindow } from './platform/electron/main-window';
import { resolvePreloadPath } from './platform/electron/preload-path';
import { isTrustedSender } from './platform/electron/sender-check';

/*
 * The Electron host only: lifecycle, the window and IPC wiring. Everything the
 * app does lives in the core (core.ts), which this file reaches through the
 * contract's calls and events.
 */

const outDir = dirname(fileURLToPath(import.meta.url)); // out/main
const location = rendererLocation(
  process.env.ELECTRON_RENDERER_URL,
  join(outDir, '../renderer/index.html'),
);

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
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}

async function runApp(): Promise<void> {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => focusWindow(mainWindow));

  // Refuse <webview> and any window the app did not create itself.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  await app.whenReady();
  const preloadPath = resolvePreloadPath(join(outDir, '../preload'));
  const core = await createCore({
    dataDir: app.getPath('userData'),
    ports: createElectronPorts({ focusWindow: () => focusWindow(mainWindow) }),
    host: 'electron',
    version: app.getVersion(),
  });

  registerContractIpc({
    ipcMain,
    dispatcher: core.dispatcher,
    isTrustedSender: (event) => isTrustedSender(event, mainWindow, location),
  });
  forwardCoreEvents(core.events, (channel, name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed())
      mainWindow.webContents.send(channel, name, payload);
  });

  const openWindow = () => {
    mainWindow = createMainWindow(location, preloadPath);
    mainWindow.on('closed', () => (mainWindow = null));
  };
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  closeCoreBeforeQuit(core);
}

/** Lets the database finish its last write and close its WAL before the process ends. */
function closeCoreBeforeQuit(core: Core): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    core.close().finally(() => app.quit());
  });
}
