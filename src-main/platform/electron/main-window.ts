import { BrowserWindow, dialog, shell } from 'electron';
import { isAppUrl, type RendererLocation } from './app-url';
import type { ExternalUrlPolicy } from './external-url-policy';
import type { Rectangle } from './window-bounds';
import { secureWebPreferences } from './window-security';

export const WINDOW_MINIMUM = { width: 900, height: 600 } as const;

export interface MainWindowPlace {
  /** Where it was last time (already moved onto a visible display); null: default size, centred. */
  bounds: Rectangle | null;
  maximized: boolean;
  /** The hash route to open on, e.g. the page shown when the app was last closed. */
  page: string | null;
}

/**
 * The one app window: secure webPreferences, shown when painted, never
 * navigated away from the app, and no new windows (links open in the system
 * browser when the external-link policy allows them).
 */
export function createMainWindow(
  location: RendererLocation,
  preloadPath: string,
  isAllowedExternalUrl: ExternalUrlPolicy,
  place: MainWindowPlace = { bounds: null, maximized: false, page: null },
  /** Staff chose Stay: the close (or the quit) that asked is called off. */
  onCloseCancelled: () => void = () => undefined,
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    ...place.bounds,
    minWidth: WINDOW_MINIMUM.width,
    minHeight: WINDOW_MINIMUM.height,
    show: false,
    title: 'EquineOps Client Sync',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  });

  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    window.show();
  });

  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  // The page asks before unloading while a form has unsaved edits (its beforeunload);
  // Electron would otherwise refuse to close without a word.
  window.webContents.on('will-prevent-unload', (event) => {
    // A Quit from the tray reaches a hidden window: show what the question is about.
    focusWindow(window);
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Stay', 'Discard changes'],
      defaultId: 0,
      cancelId: 0,
      title: 'Discard changes?',
      message: 'Discard changes?',
      detail: 'Some changes are not saved yet. If the window closes now, they are lost.',
    });
    // preventDefault() here overrides the page's refusal: the window closes.
    if (choice === 1) event.preventDefault();
    // Electron says nothing else when a quit stops here, so the host hears it from us.
    else onCloseCancelled();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  void window.loadURL(`${location.url}${place.page ?? ''}`);
  return window;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
