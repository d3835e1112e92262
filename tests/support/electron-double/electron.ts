import { EventEmitter } from 'node:events';

/*
 * TEST DOUBLE of the `electron` module, for tests/electron-wiring: the real
 * host code (platform/electron/*) runs against it under plain Node, where no
 * Electron binary exists. It covers only what the host uses (app,
 * BrowserWindow, ipcMain, Tray, Menu, Notification, powerMonitor, shell,
 * dialog, session, protocol, nativeImage, screen) and records every call in
 * `recorded`. Behaviour that decides the host's wiring is kept faithful:
 * preventable events, the quit sequence (before-quit → will-quit → quit),
 * a window that hides instead of closing, the single-instance lock shared by
 * every copy in the process, and one ipcMain handler per channel.
 *
 * Each `vi.resetModules()` + import gives a fresh module, i.e. a new
 * "process"; the single-instance lock lives on globalThis like the OS's.
 */

export interface RecordedCall {
  api: string;
  method: string;
  args: unknown[];
}

export const recorded: RecordedCall[] = [];
const record = (api: string, method: string, args: unknown[]) =>
  recorded.push({ api, method, args });

/** What `recorded` holds for one API (e.g. "shell.openExternal"). */
export function callsTo(name: string): unknown[][] {
  return recorded.filter((c) => `${c.api}.${c.method}` === name).map((c) => c.args);
}

/** An event like Electron's: handlers call preventDefault() to stop the default. */
export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

interface OsState {
  lockHolder: FakeApp | null;
}
const os: OsState = ((globalThis as Record<string, unknown>).__electronDoubleOs ??= {
  lockHolder: null,
}) as OsState;

/** Test set-up only: forget the single-instance lock between tests. */
export function resetSingleInstanceLock(): void {
  os.lockHolder = null;
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  private readonly paths = new Map<string, string>();
  private ready = false;
  private quitRequested = false;
  /** Set once the quit sequence finished ('quit' emitted) or exit() was called. */
  hasQuit = false;
  exitCode: number | null = null;
  loginItem = { openAtLogin: false, wasOpenedAtLogin: false, args: [] as string[] };
  private readonly quitWaiters: (() => void)[] = [];

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path)
      throw new Error(`electron double: app.getPath('${name}') has no folder; set it first`);
    return path;
  }
  setPath(name: string, path: string): void {
    record('app', 'setPath', [name, path]);
    this.paths.set(name, path);
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'EquineOps Client Sync';
  }
  getAppPath(): string {
    return process.cwd();
  }
  requestSingleInstanceLock(): boolean {
    record('app', 'requestSingleInstanceLock', []);
    const holder = os.lockHolder;
    if (holder && holder !== this && !holder.hasQuit) {
      // The running copy hears about this launch, as Electron's does.
      setImmediate(() => holder.emit('second-instance', new PreventableEvent(), [], process.cwd()));
      return false;
    }
    os.lockHolder = this;
    return true;
  }
  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }
  isReady(): boolean {
    return this.ready;
  }
  getLoginItemSettings(_options?: { args?: string[] }) {
    return { ...this.loginItem };
  }
  setAppUserModelId(id: string): void {
    record('app', 'setAppUserModelId', [id]);
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    record('app', 'setLoginItemSettings', [settings]);
    this.loginItem = { ...this.loginItem, ...settings, args: settings.args ?? [] };
  }
  /** Electron's order: before-quit (preventable), the windows close, will-quit (preventable), quit. */
  quit(): void {
    record('app', 'quit', []);
    if (this.hasQuit) return;
    this.quitRequested = true;
    const before = new PreventableEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) {
        // A window refused to close (its page's beforeunload, kept by Stay): the quit is
        // called off without any app event, as Electron's Browser::OnWindowCloseCancelled does.
        this.quitRequested = false;
        return;
      }
    }
    const will = new PreventableEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.finish(0);
    this.emit('quit', new PreventableEvent(), 0);
  }
  exit(code = 0): void {
    record('app', 'exit', [code]);
    this.finish(code);
  }
  /** Resolves when this copy has quit (or exited). */
  whenQuit(): Promise<void> {
    return this.hasQuit
      ? Promise.resolve()
      : new Promise((resolve) => this.quitWaiters.push(resolve));
  }
  get quitting(): boolean {
    return this.quitRequested;
  }
  private finish(code: number): void {
    this.hasQuit = true;
    this.exitCode = code;
    if (os.lockHolder === this) os.lockHolder = null;
    for (const resolve of this.quitWaiters.splice(0)) resolve();
  }
}

export const app = new FakeApp();

let nextWebContentsId = 1;

class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** Test set-up: the page has a beforeunload handler (a form with unsaved edits). */
  refusesUnload = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  /** Test helper: the page's hash route changed (the user went to another screen). */
  navigateInPage(url: string): void {
    this.url = url;
    this.emit('did-navigate-in-page', new PreventableEvent(), url, true);
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  private bounds: { x: number; y: number; width: number; height: number };
  private visible = false;
  private destroyed = false;
  private minimized = false;
  private maximized = false;
  focused = false;
  progress: number | null = null;
  readonly progressHistory: number[] = [];
  loadedUrl: string | null = null;

  constructor(options: Record<string, unknown> = {}) {
    super();
    record('BrowserWindow', 'new', [options]);
    this.options = options;
    const n = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback;
    this.bounds = {
      x: n('x', 100),
      y: n('y', 100),
      width: n('width', 800),
      height: n('height', 600),
    };
    windows.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return windows.filter((w) => !w.isDestroyed());
  }
  loadURL(url: string): Promise<void> {
    record('BrowserWindow', 'loadURL', [url]);
    this.loadedUrl = url;
    this.webContents.url = url;
    setImmediate(() => {
      if (this.destroyed) return;
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
    return Promise.resolve();
  }
  show(): void {
    record('BrowserWindow', 'show', []);
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    record('BrowserWindow', 'hide', []);
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    record('BrowserWindow', 'focus', []);
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  minimize(): void {
    this.minimized = true;
    this.visible = false;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  /** Like a drag or a resize by the user: the window moves and says so. */
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('moved');
    this.emit('resized');
  }
  setProgressBar(progress: number): void {
    record('BrowserWindow', 'setProgressBar', [progress]);
    this.progress = progress;
    this.progressHistory.push(progress);
  }
  /** The user (or the app) closes it: 'close' can be prevented, as Electron's can. */
  close(): void {
    if (this.destroyed) return;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    // Electron's order: 'close', then the page's beforeunload; a refusal keeps the window
    // unless the main process overrides it (preventDefault on will-prevent-unload).
    if (this.webContents.refusesUnload) {
      const unload = new PreventableEvent();
      this.webContents.emit('will-prevent-unload', unload);
      if (!unload.defaultPrevented) return;
    }
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0 && !app.quitting) app.emit('window-all-closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    record('ipcMain', 'handle', [channel]);
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: what ipcRenderer.invoke from a page would reach. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export const ipcMain = new FakeIpcMain();

export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export class Menu {
  static applicationMenu: Menu | null = null;
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    record('Menu', 'buildFromTemplate', [template]);
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    record('Menu', 'setApplicationMenu', [menu]);
    Menu.applicationMenu = menu;
  }
  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu;
  }
}

export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    record('Tray', 'new', []);
    Tray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu): void {
    this.menu = menu;
  }
  destroy(): void {
    record('Tray', 'destroy', []);
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends EventEmitter {
  static readonly shown: Notification[] = [];
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    record('Notification', 'show', [this.options]);
    Notification.shown.push(this);
  }
  close(): void {
    this.emit('close');
  }
}

export const powerMonitor = new EventEmitter();

export const shell = {
  openExternal: async (url: string) => void record('shell', 'openExternal', [url]),
  openPath: async (path: string) => {
    record('shell', 'openPath', [path]);
    return '';
  },
  showItemInFolder: (path: string) => void record('shell', 'showItemInFolder', [path]),
};

export const dialog = {
  /** What the next save dialog answers; tests set it (undefined: cancelled). */
  nextSavePath: undefined as string | undefined,
  showSaveDialog: async (...args: unknown[]) => {
    record('dialog', 'showSaveDialog', args);
    const filePath = dialog.nextSavePath;
    return { canceled: filePath === undefined, filePath };
  },
  showErrorBox: (title: string, content: string) =>
    void record('dialog', 'showErrorBox', [title, content]),
  /** What the next message box answers (the index of the button clicked). */
  nextMessageBoxResponse: 0,
  showMessageBoxSync: (...args: unknown[]) => {
    record('dialog', 'showMessageBoxSync', args);
    return dialog.nextMessageBoxResponse;
  },
  showMessageBox: async (...args: unknown[]) => {
    record('dialog', 'showMessageBox', args);
    return { response: 0 };
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: null as unknown,
    permissionCheckHandler: null as unknown,
    setPermissionRequestHandler(handler: unknown) {
      record('session', 'setPermissionRequestHandler', [handler]);
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: unknown) {
      record('session', 'setPermissionCheckHandler', [handler]);
      this.permissionCheckHandler = handler;
    },
  },
};

export const protocol = {
  handlers: new Map<string, unknown>(),
  registerSchemesAsPrivileged: (schemes: unknown[]) =>
    void record('protocol', 'registerSchemesAsPrivileged', [schemes]),
  handle(scheme: string, handler: unknown) {
    record('protocol', 'handle', [scheme]);
    this.handlers.set(scheme, handler);
  },
};

class FakeNativeImage {
  template = false;
  constructor(readonly size: { width: number; height: number }) {}
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage = {
  createFromBitmap: (_buffer: Buffer, options: { width: number; height: number }) =>
    new FakeNativeImage(options),
  createEmpty: () => new FakeNativeImage({ width: 0, height: 0 }),
};

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

export const screen = {
  /** The displays attached; tests replace them (a monitor unplugged). */
  displays: [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ] as FakeDisplay[],
  getAllDisplays(): FakeDisplay[] {
    return screen.displays;
  },
  getPrimaryDisplay(): FakeDisplay {
    return screen.displays[0]!;
  },
};

const electron = {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  Tray,
  Notification,
  powerMonitor,
  shell,
  dialog,
  session,
  protocol,
  nativeImage,
  screen,
};
export default electron;
