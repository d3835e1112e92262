import {
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { TrayStatusSource } from '../../notifications/tray-status-source';
import { trayMenu, type TrayAction, type TrayMenuItem } from '../../notifications/tray-status';
import { trayIconBitmap } from './tray-icon-bitmap';

export interface AppTrayOptions {
  status: TrayStatusSource;
  now(): Date;
  onAction(action: TrayAction): void;
}

export interface AppTray {
  /** The menu as shown (labels and enabled), for the Electron tests. */
  menu(): TrayMenuItem[];
  destroy(): void;
}

/**
 * The tray icon and its menu. Only the Electron glue lives here: the menu's
 * items and status line come from notifications/tray-status.ts, and what each
 * item does from notifications/tray-commands.ts.
 */
export function createAppTray(options: AppTrayOptions): AppTray {
  const tray = new Tray(trayIcon());
  tray.setToolTip('EquineOps Client Sync');
  let items: TrayMenuItem[] = [];
  const render = () => {
    const state = options.status.current();
    if (!state) return;
    items = trayMenu(state, options.now());
    tray.setContextMenu(
      Menu.buildFromTemplate(items.map((item) => toElectron(item, options.onAction))),
    );
    const status = items.find((item) => item.kind === 'status');
    if (status) tray.setToolTip(`EquineOps Client Sync — ${status.label}`);
  };
  const stop = options.status.onChange(render);
  render();
  // Windows and Linux open the window on a click; macOS shows the menu, as menu-bar apps do.
  if (process.platform !== 'darwin') tray.on('click', () => options.onAction('open'));
  return {
    menu: () => items,
    destroy: () => {
      stop();
      tray.destroy();
    },
  };
}

function toElectron(
  item: TrayMenuItem,
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'status':
      return { label: item.label, enabled: false };
    case 'action':
      return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
  }
}

/** Black "template" image on macOS (the menu bar tints it); a mid grey elsewhere reads on light and dark taskbars. */
function trayIcon(): NativeImage {
  const mac = process.platform === 'darwin';
  const size = mac ? 16 : 32;
  const image = nativeImage.createFromBitmap(
    trayIconBitmap(size * 2, mac ? [0, 0, 0] : [120, 120, 120]),
    {
      width: size * 2,
      height: size * 2,
      scaleFactor: 2,
    },
  );
  if (mac) image.setTemplateImage(true);
  return image;
}
