import { BrowserWindow, shell } from 'electron';
import { isAppUrl, type RendererLocation } from './app-url';
import type { ExternalUrlPolicy } from './external-url-policy';
import { secureWebPreferences } from './window-security';

/**
 * The one app window: secure webPreferences, shown when painted, never
 * navigated away from the app, and no new windows (links open in the system
 * browser when the external-link policy allows them).
 */
export function createMainWindow(
  location: RendererLocation,
  preloadPath: string,
  isAllowedExternalUrl: ExternalUrlPolicy,
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'EquineOps Client Sync',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  });

  window.once('ready-to-show', () => window.show());

  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  void window.loadURL(location.url);
  return window;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
