import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  saveDiagnostics(): void;
  openLogFolder(): void;
  showAbout(): void;
}

/**
 * The application menu: the platform's usual File, Edit, View and Window
 * menus (roles, so copy and paste and the shortcuts work in every field) and
 * Help with "Save diagnostics…" for support.
 */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Save diagnostics…', click: () => actions.saveDiagnostics() },
        { label: 'Open log folder', click: () => actions.openLogFolder() },
        { type: 'separator' },
        { label: 'About EquineOps Client Sync', click: () => actions.showAbout() },
      ],
    },
  ];
}
