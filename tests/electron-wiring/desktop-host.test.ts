import type { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcChannels, methods, type CallResult } from '../../src-shared/contract';
import { DATA_FILE_NAME } from '../../src-main/core';
import { BUNDLE_FILES } from '../../src-main/diagnostics/support-bundle';
import { LOCK_FILE_NAME } from '../../src-main/data-folder/data-folder-lock';
import { SYNC_LOG_HASH } from '../../src-main/notifications/notification-target';
import type { BrowserWindow, FakeMenuItem } from '../support/electron-double/electron';
import {
  CATCH_UP_DELAY_MS,
  createMachine,
  eventually,
  forgetSingleInstanceLock,
  launchDesktopHost,
  type LaunchedHost,
  type Machine,
} from './desktop-host-harness';

/*
 * The Electron host's wiring, proved without the Electron binary: the real
 * host code runs against a recording double of the electron module (see
 * tests/support/electron-double). What only a real Electron can show (the
 * page's globals, real navigation) stays in tests/electron.
 */

let machine: Machine;
const launched: LaunchedHost[] = [];

async function launch(
  options: Parameters<typeof launchDesktopHost>[1] = {},
): Promise<LaunchedHost> {
  const host = await launchDesktopHost(machine, options);
  launched.push(host);
  return host;
}

async function started(options: Parameters<typeof launchDesktopHost>[1] = {}) {
  const host = await launch(options);
  if (!host.running) throw new Error('the host did not start');
  const window = host.running.window() as unknown as BrowserWindow;
  await eventually(() => window.isVisible(), 'the window to show');
  return { ...host, running: host.running, window };
}

function trustedEvent(window: BrowserWindow, url = 'app://equineops/index.html#/clients') {
  return { sender: { id: window.webContents.id }, senderFrame: { url, parent: null } };
}

function menuItem(items: FakeMenuItem[], label: string): FakeMenuItem {
  const found = items.find((item) => item.label === label);
  if (!found) throw new Error(`No menu item "${label}" in ${items.map((i) => i.label).join(', ')}`);
  return found;
}

beforeEach(() => {
  forgetSingleInstanceLock();
  machine = createMachine();
});

afterEach(async () => {
  for (const host of launched.splice(0).reverse()) await host.quit();
  machine.remove();
});

describe('the window', () => {
  it('runs the page sandboxed, isolated and without Node, on the app:// page', async () => {
    const { electron, window } = await started();
    expect(window.options.webPreferences).toMatchObject({
      preload: join(machine.outDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(window.loadedUrl).toBe('app://equineops/index.html');
    expect(electron.protocol.handlers.has('app')).toBe(true);
    // Every browser permission (camera, location…) is refused.
    let granted: boolean | undefined;
    (
      electron.session.defaultSession.permissionRequestHandler as (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
      ) => void
    )({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    // Links that try to open a new window never do.
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(electron.callsTo('shell.openExternal')).toEqual([]);
  });

  it('reopens where it was, moved onto a display still attached, on the page shown last', async () => {
    const twoScreens = (e: typeof import('../support/electron-double/electron')) => {
      e.screen.displays = [
        {
          id: 1,
          bounds: { x: 0, y: 0, width: 1440, height: 900 },
          workArea: { x: 0, y: 0, width: 1440, height: 860 },
        },
        {
          id: 2,
          bounds: { x: 1440, y: 0, width: 2560, height: 1440 },
          workArea: { x: 1440, y: 0, width: 2560, height: 1400 },
        },
      ];
    };
    const first = await started({ before: twoScreens });
    first.window.setBounds({ x: 1600, y: 100, width: 1200, height: 800 });
    first.window.webContents.navigateInPage('app://equineops/index.html#/clients/7');
    await first.quit();

    // Back home: the laptop's screen only.
    const laptopOnly = (e: typeof import('../support/electron-double/electron')) => {
      e.screen.displays = [
        {
          id: 1,
          bounds: { x: 0, y: 0, width: 1440, height: 900 },
          workArea: { x: 0, y: 0, width: 1440, height: 860 },
        },
      ];
    };
    const second = await started({ before: laptopOnly });
    expect(second.window.getBounds()).toEqual({ x: 120, y: 30, width: 1200, height: 800 });
    expect(second.window.loadedUrl).toBe('app://equineops/index.html#/clients/7');
    second.window.maximize();
    await second.quit();

    const third = await started({ before: laptopOnly });
    // Table layouts are kept in the same file: the Clients list's widths and sort come back.
    await third.electron.ipcMain.invoke(
      ipcChannels.call('layout.save'),
      trustedEvent(third.window),
      {
        table: 'clients',
        columnWidths: { name: 320 },
        sort: { column: 'name', direction: 'desc' },
      },
    );
    await third.quit();
    const fourth = await started({ before: laptopOnly });
    await expect(
      fourth.electron.ipcMain.invoke(ipcChannels.call('layout.get'), trustedEvent(fourth.window), {
        table: 'clients',
      }),
    ).resolves.toEqual({
      ok: true,
      value: { columnWidths: { name: 320 }, sort: { column: 'name', direction: 'desc' } },
    });
    expect(fourth.window.isMaximized()).toBe(true);
    // The remembered file holds places and pages only.
    const state = readFileSync(join(machine.dataDir, 'window-state.json'), 'utf8');
    expect(Object.keys(JSON.parse(state)).sort()).toEqual([
      'bounds',
      'lastPage',
      'maximized',
      'tables',
    ]);
  });
});

describe('unsaved changes', () => {
  it('asks before a page with unsaved edits is closed, and closes only on Discard', async () => {
    const { electron, window } = await started();
    const unload = () => {
      const event = new electron.PreventableEvent();
      window.webContents.emit('will-prevent-unload', event);
      return event.defaultPrevented;
    };
    electron.dialog.nextMessageBoxResponse = 0; // Stay
    expect(unload()).toBe(false);
    electron.dialog.nextMessageBoxResponse = 1; // Discard changes
    expect(unload()).toBe(true);
    const [, box] = electron.callsTo('dialog.showMessageBoxSync')[0] as [
      unknown,
      { buttons: string[] },
    ];
    expect(box.buttons).toEqual(['Stay', 'Discard changes']);
  });

  it('a quit that the page holds back with Stay leaves the app and its database running', async () => {
    const { electron, window } = await started();
    window.webContents.refusesUnload = true;
    electron.dialog.nextMessageBoxResponse = 0; // Stay
    electron.app.quit();
    await eventually(
      () => electron.callsTo('dialog.showMessageBoxSync').length === 1,
      'the Discard changes? box',
    );
    expect(electron.app.hasQuit).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    await expect(
      electron.ipcMain.invoke(ipcChannels.call('settings.get'), trustedEvent(window), {}),
    ).resolves.toMatchObject({ ok: true });

    // The quit was called off: closing the window goes to the tray again, not out of the app.
    window.webContents.refusesUnload = false;
    window.close();
    await eventually(() => !window.isVisible(), 'the window to hide into the tray');
    expect(window.isDestroyed()).toBe(false);
    expect(electron.app.hasQuit).toBe(false);

    window.show();
    window.webContents.refusesUnload = true;
    electron.dialog.nextMessageBoxResponse = 1; // Discard changes
    electron.app.quit();
    await electron.app.whenQuit();
    expect(window.isDestroyed()).toBe(true);
  });

  it('Quit from the tray with unsaved edits in the hidden window shows it before asking', async () => {
    const { electron, window } = await started();
    window.close(); // into the tray
    await eventually(() => !window.isVisible(), 'the window to hide into the tray');
    window.webContents.refusesUnload = true;
    let visibleWhenAsked: boolean | null = null;
    const ask = electron.dialog.showMessageBoxSync;
    electron.dialog.showMessageBoxSync = (...args: unknown[]) => {
      visibleWhenAsked = window.isVisible();
      return ask(...args);
    };
    electron.dialog.nextMessageBoxResponse = 0; // Stay
    try {
      const tray = electron.Tray.instances[0]!;
      await eventually(() => tray.menu !== null, 'the tray menu');
      menuItem(tray.menu!.items, 'Quit').click?.();
    } finally {
      electron.dialog.showMessageBoxSync = ask;
    }
    const quit = electron.app.hasQuit;
    window.webContents.refusesUnload = false; // so the test's own quit goes through
    expect(visibleWhenAsked).toBe(true);
    expect(quit).toBe(false);
  });

  it('with the tray off, a close held back by Stay still asks the next time', async () => {
    const { electron, window } = await started();
    await electron.ipcMain.invoke(
      ipcChannels.call('settings.desktop.update'),
      trustedEvent(window),
      { keepRunningInTray: false },
    );
    window.webContents.refusesUnload = true;
    electron.dialog.nextMessageBoxResponse = 0; // Stay
    window.close();
    await eventually(
      () => electron.callsTo('dialog.showMessageBoxSync').length === 1,
      'the Discard changes? box',
    );
    expect(window.isDestroyed()).toBe(false);
    // Turned back on meanwhile: the next close hides into the tray instead of closing.
    await electron.ipcMain.invoke(
      ipcChannels.call('settings.desktop.update'),
      trustedEvent(window),
      { keepRunningInTray: true },
    );
    window.close();
    await eventually(() => !window.isVisible(), 'the window to hide into the tray');
    expect(window.isDestroyed()).toBe(false);
    expect(electron.app.hasQuit).toBe(false);
    window.webContents.refusesUnload = false; // the edits saved: the test's quit goes through
  });
});

describe('IPC', () => {
  it('has exactly one handler per contract method', async () => {
    const { electron } = await started();
    const channels = [...electron.ipcMain.handlers.keys()].filter((c) => c.startsWith('api:'));
    expect(channels.sort()).toEqual(methods.map((m) => ipcChannels.call(m)).sort());
  });

  it('answers the app window and refuses a foreign sender', async () => {
    const { electron, window } = await started();
    const answer = (await electron.ipcMain.invoke(
      ipcChannels.call('settings.get'),
      trustedEvent(window),
      {},
    )) as CallResult<{ organizationName: string }>;
    expect(answer.ok).toBe(true);

    const foreign = [
      {
        sender: { id: window.webContents.id + 100 },
        senderFrame: { url: 'app://equineops/index.html', parent: null },
      },
      trustedEvent(window, 'https://evil.example/'),
      {
        sender: { id: window.webContents.id },
        senderFrame: { url: 'app://equineops/index.html', parent: {} },
      },
    ];
    for (const event of foreign) {
      await expect(
        electron.ipcMain.invoke(ipcChannels.call('settings.get'), event, {}),
      ).rejects.toThrow(/Refused "settings.get"/);
    }
  });
  it('every method refuses a sender that is not the app window, before it runs', async () => {
    const { electron, window } = await started();
    const foreign = {
      sender: { id: window.webContents.id + 100 },
      senderFrame: { url: 'app://equineops/index.html', parent: null },
    };
    for (const method of methods) {
      await expect(
        electron.ipcMain.invoke(ipcChannels.call(method), foreign, {}),
        method,
      ).rejects.toThrow(`Refused "${method}"`);
    }
    // A refused write changed nothing.
    await electron.ipcMain
      .invoke(ipcChannels.call('settings.desktop.update'), foreign, { keepRunningInTray: false })
      .catch(() => undefined);
    await expect(
      electron.ipcMain.invoke(ipcChannels.call('settings.desktop.get'), trustedEvent(window), {}),
    ).resolves.toMatchObject({ ok: true, value: { keepRunningInTray: true } });
  });
});

describe('one copy at a time', () => {
  it('a second launch quits and brings the running window forward', async () => {
    const first = await started();
    first.window.hide();
    const second = await launch();
    expect(second.running).toBeNull();
    expect(second.electron.app.hasQuit).toBe(true);
    expect(second.electron.BrowserWindow.getAllWindows()).toEqual([]);
    await eventually(
      () => first.window.isVisible() && first.window.isFocused(),
      'the first window to come forward',
    );
    expect(first.electron.app.hasQuit).toBe(false);
  });
});

describe('the tray', () => {
  it('closing the window keeps the app running in the tray, and says so once', async () => {
    const { electron, window } = await started();
    window.close();
    await eventually(() => !window.isVisible(), 'the window to hide');
    expect(window.isDestroyed()).toBe(false);
    expect(electron.app.hasQuit).toBe(false);
    expect(electron.Tray.instances[0]?.isDestroyed()).toBe(false);
    await eventually(() => electron.Notification.shown.length === 1, 'the tray explanation');
    expect(electron.Notification.shown[0]?.options.title).toBe('EquineOps is still running');
  });

  it('lists the status and the actions, which open the window and quit', async () => {
    const { electron, window } = await started();
    const tray = electron.Tray.instances[0]!;
    await eventually(() => tray.menu !== null, 'the tray menu');
    const items = tray.menu!.items;
    expect(items[0]).toMatchObject({ enabled: false });
    expect(items[0]?.label).toMatch(/QuickBooks|sync/i);
    expect(items.filter((i) => i.label).map((i) => i.label)).toEqual(
      expect.arrayContaining(['Sync Customers Now', 'Open EquineOps', 'Quit']),
    );
    // Not connected to QuickBooks: syncing is offered but not clickable.
    expect(menuItem(items, 'Sync Customers Now').enabled).toBe(false);

    window.hide();
    menuItem(items, 'Open EquineOps').click?.();
    expect(window.isVisible()).toBe(true);

    menuItem(items, 'Quit').click?.();
    await electron.app.whenQuit();
    expect(tray.isDestroyed()).toBe(true);
  });
});

describe('notifications, sleep and the taskbar', () => {
  it('clicking a sync notification opens the Sync Log', async () => {
    const { electron, running, window } = await started();
    window.hide();
    running.core.context.ports.notifier.notify({
      title: 'QuickBooks sync failed',
      body: 'Open the Sync Log for details.',
      action: 'open-sync-log',
    });
    const shown = electron.Notification.shown.at(-1)!;
    expect(shown.options.title).toBe('QuickBooks sync failed');
    shown.emit('click');
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent).toContainEqual({
      channel: ipcChannels.events,
      args: ['app.navigate', { hash: SYNC_LOG_HASH }],
    });
  });

  it('waking from sleep plans the check for a missed nightly sync', async () => {
    const { electron, timer } = await started();
    // Past the start-up check: only tonight's run is planned.
    await timer.advance(CATCH_UP_DELAY_MS + 1);
    const before = timer.scheduled();
    const checkAt = new Date(timer.now().getTime() + CATCH_UP_DELAY_MS);
    expect(before).not.toContainEqual(checkAt);
    electron.powerMonitor.emit('resume');
    await eventually(() => timer.scheduled().length === before.length + 1, 'the catch-up check');
    expect(timer.scheduled()).toContainEqual(checkAt);
  });

  it('fills the taskbar while a sync runs and clears it at the end', async () => {
    const { running, window } = await started();
    const progress = (applied: number, total: number | null) => ({
      runId: 1,
      trigger: 'manual' as const,
      kind: null,
      phase: 'fetching' as const,
      fetched: total ?? 0,
      applied,
      total,
    });
    running.core.events.emit('sync.progress', progress(0, null));
    expect(window.progress).toBe(2); // indeterminate until the total is known
    running.core.events.emit('sync.progress', progress(30, 120));
    expect(window.progress).toBe(0.25);
    const run = (await running.core.sync.status()).lastRun;
    running.core.events.emit('sync.finished', run as never);
    expect(window.progress).toBe(-1);
  });
});

describe('quitting', () => {
  it('closes the database and frees the data folder before the app quits', async () => {
    const host = await started();
    const atQuit: { lockFile: boolean; wal: boolean }[] = [];
    host.electron.app.on('quit', () =>
      atQuit.push({
        lockFile: existsSync(join(machine.dataDir, LOCK_FILE_NAME)),
        wal: existsSync(join(machine.dataDir, `${DATA_FILE_NAME}-wal`)),
      }),
    );
    expect(existsSync(join(machine.dataDir, LOCK_FILE_NAME))).toBe(true);
    host.electron.app.quit();
    await host.electron.app.whenQuit();
    expect(atQuit).toEqual([{ lockFile: false, wal: false }]);
    expect(host.electron.callsTo('Tray.destroy')).toHaveLength(1);
  });
});

describe('desktop settings, updates, logs and diagnostics', () => {
  it('registers launch at login in an installed app when the setting is turned on', async () => {
    const { electron, window } = await started({ packaged: true });
    await electron.ipcMain.invoke(
      ipcChannels.call('settings.desktop.update'),
      trustedEvent(window),
      { launchAtLogin: true },
    );
    await eventually(() => electron.app.getLoginItemSettings().openAtLogin, 'the login item');
    expect(electron.callsTo('app.setLoginItemSettings').at(-1)).toEqual([
      { openAtLogin: true, args: ['--in-tray'] },
    ]);
  });

  it('keeps the login item the Windows installer registered on the first start', async () => {
    const { electron } = await started({
      packaged: true,
      before: (e) => (e.app.loginItem = { openAtLogin: true, wasOpenedAtLogin: false, args: [] }),
    });
    await eventually(
      () => electron.callsTo('app.setLoginItemSettings').length > 0,
      'the login item applied',
    );
    expect(electron.callsTo('app.setLoginItemSettings')).toEqual([
      [{ openAtLogin: true, args: ['--in-tray'] }],
    ]);
  });

  it('checks for updates only when an update address is configured', async () => {
    const off = await started();
    expect(off.updater.autoUpdater.checks).toBe(0);
    expect(off.updater.autoUpdater.feed).toBeNull();
    await off.quit();

    const on = await started({
      env: { EQUINEOPS_UPDATE_URL: 'https://updates.example.com/equineops/' },
    });
    expect(on.updater.autoUpdater.feed).toEqual({
      provider: 'generic',
      url: 'https://updates.example.com/equineops/',
    });
    expect(on.updater.autoUpdater.checks).toBe(1);
    expect(on.updater.autoUpdater.logger).toBe(console);
    // electron-updater's own lines reach the log file redacted, like every other line.
    const token = 'AB11700000000q9Zx7YkVtPw3LmNcRsTuVwXyZaBcDeFgHiJ';
    (on.updater.autoUpdater.logger as Console).info(
      `Downloading update from https://updates.example.com/equineops/x.exe with headers {"authorization":"Bearer ${token}"}`,
    );
    const text = readFileSync(join(machine.logsDir, 'main.log'), 'utf8');
    expect(text).toMatch(/\[info\] Downloading update from https:\/\/updates\.example\.com/);
    expect(text).not.toContain(token);
  });

  it('writes an uncaught error of the main process to the log file, redacted', async () => {
    await started();
    const token = 'AB11700000000q9Zx7YkVtPw3LmNcRsTuVwXyZaBcDeFgHiJ';
    (process as EventEmitter).emit(
      'uncaughtExceptionMonitor',
      new Error(`refresh crashed: refresh_token=${token}`),
      'uncaughtException',
    );
    const text = readFileSync(join(machine.logsDir, 'main.log'), 'utf8');
    expect(text).toMatch(
      /\[error\] Uncaught exception: Error: refresh crashed: refresh_token=\[redacted\]/,
    );
    expect(text).not.toContain(token);
  });

  it('writes a redacted log file in the OS logs folder', async () => {
    const { running } = await started();
    const token = 'AB11700000000q9Zx7YkVtPw3LmNcRsTuVwXyZaBcDeFgHiJ';
    console.error(`refresh failed: refresh_token=${token}`);
    expect(running.log.dir).toBe(machine.logsDir);
    const text = readFileSync(join(machine.logsDir, 'main.log'), 'utf8');
    expect(text).toMatch(/\[info\] EquineOps Client Sync 0\.1\.0 starting/);
    expect(text).toMatch(/\[error\] refresh failed: refresh_token=\[redacted\]/);
    expect(text).not.toContain(token);
  });

  it('opens a document in its usual app and saves one where staff choose, readable only by them', async () => {
    const { electron, running } = await started();
    const files = running.core.context.ports.files!;
    await files.openWithDefaultApp('/tmp/Coggins test.pdf');
    expect(electron.callsTo('shell.openPath')).toContainEqual(['/tmp/Coggins test.pdf']);

    const target = join(machine.documentsDir, 'Coggins test.pdf');
    electron.dialog.nextSavePath = target;
    await expect(files.saveAs('Coggins test.pdf', new Uint8Array([37, 80, 68, 70]))).resolves.toBe(
      target,
    );
    expect(readFileSync(target, 'utf8')).toBe('%PDF');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    electron.dialog.nextSavePath = undefined;
    await expect(files.saveAs('Coggins test.pdf', new Uint8Array([1]))).resolves.toBeNull();
  });

  it('Help → Save diagnostics… saves the support bundle where staff choose', async () => {
    const { electron, running } = await started();
    const help = electron.Menu.getApplicationMenu()!.items.find((item) => item.role === 'help')!;
    const target = join(machine.documentsDir, 'for-support.zip');
    electron.dialog.nextSavePath = target;
    menuItem(help.submenu!, 'Save diagnostics…').click?.();
    await eventually(
      () => electron.callsTo('shell.showItemInFolder').length === 1,
      'the saved bundle',
    );
    const files = unzipSync(readFileSync(target));
    expect(Object.keys(files).sort()).toEqual([...BUNDLE_FILES].sort());
    expect(strFromU8(files['log.txt']!)).toContain('starting');
    expect(strFromU8(files['database-check.txt']!).trim()).toBe('ok');
    const [, options] = electron.callsTo('dialog.showSaveDialog')[0] as [
      unknown,
      { defaultPath: string },
    ];
    expect(options.defaultPath).toMatch(/documents\/equineops-diagnostics-.*\.zip$/);

    // Settings → About's button asks the same way (diagnostics.save).
    const fromSettings = join(machine.documentsDir, 'from-settings.zip');
    electron.dialog.nextSavePath = fromSettings;
    await expect(
      electron.ipcMain.invoke(
        ipcChannels.call('diagnostics.save'),
        trustedEvent(running.window() as unknown as BrowserWindow),
        {},
      ),
    ).resolves.toEqual({ ok: true, value: { path: fromSettings } });
    expect(Object.keys(unzipSync(readFileSync(fromSettings)))).toContain('log.txt');
    rmSync(fromSettings);

    // Cancelled: nothing more is written.
    electron.dialog.nextSavePath = undefined;
    const dialogsBefore = electron.callsTo('dialog.showSaveDialog').length;
    menuItem(help.submenu!, 'Save diagnostics…').click?.();
    await eventually(
      () => electron.callsTo('dialog.showSaveDialog').length === dialogsBefore + 1,
      'the cancelled dialog',
    );
    // Give a wrongly written file the moment it would take to appear.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readdirSync(machine.documentsDir)).toEqual(['for-support.zip']);
  });

  it('Help opens the log folder and About', async () => {
    const { electron, window } = await started();
    const help = electron.Menu.getApplicationMenu()!.items.find((item) => item.role === 'help')!;
    menuItem(help.submenu!, 'Open log folder').click?.();
    expect(electron.callsTo('shell.openPath')).toContainEqual([machine.logsDir]);
    window.hide();
    menuItem(help.submenu!, 'About EquineOps Client Sync').click?.();
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent).toContainEqual({
      channel: ipcChannels.events,
      args: ['app.navigate', { hash: '#/settings/about' }],
    });
  });
});
