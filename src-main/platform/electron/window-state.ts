import Store from 'electron-store';
import { screen, type BrowserWindow } from 'electron';
import type { LayoutStore } from '../ports';
import { restoredBounds, type MinimumSize, type Rectangle } from './window-bounds';

/**
 * What the window remembers between launches on this computer: where it was,
 * whether it was maximized, and the page it showed. Kept in electron-store's
 * JSON file beside the database, never anything secret: the hash route holds
 * no more than a client's id or a tab.
 */
interface WindowStateSchema {
  bounds?: Rectangle;
  maximized?: boolean;
  /** The hash route, e.g. "#/clients/42"; only the app's own routes are kept. */
  lastPage?: string;
  /** Column widths and sort by table (layout.get / layout.save). */
  tables?: Record<string, unknown>;
}

export const WINDOW_STATE_FILE = 'window-state';

export interface WindowState {
  /** The bounds to open with (null: the default size), moved onto a display that is still there. */
  bounds(minimum: MinimumSize): Rectangle | null;
  maximized(): boolean;
  lastPage(): string | null;
  /** Saves the window's place and page as they change. */
  follow(window: BrowserWindow): void;
  /** Table column widths and sort, in the same file. */
  layout: LayoutStore;
}

export function openWindowState(folder: string): WindowState {
  const store = new Store<WindowStateSchema>({
    name: WINDOW_STATE_FILE,
    cwd: folder,
    // A damaged file (a power cut mid-write) starts over instead of stopping the app.
    clearInvalidConfig: true,
    schema: {
      bounds: {
        type: 'object',
        properties: {
          x: { type: 'number' },
          y: { type: 'number' },
          width: { type: 'number' },
          height: { type: 'number' },
        },
      },
      maximized: { type: 'boolean' },
      lastPage: { type: 'string', pattern: '^#/[A-Za-z0-9/_-]*$' },
      tables: { type: 'object' },
    },
  });
  return {
    bounds: (minimum) =>
      restoredBounds(
        store.get('bounds'),
        screen.getAllDisplays().map((display) => display.workArea),
        minimum,
      ),
    maximized: () => store.get('maximized') === true,
    lastPage: () => store.get('lastPage') ?? null,
    layout: {
      read: (table) => store.get('tables')?.[table] ?? null,
      write: (table, layout) => store.set('tables', { ...store.get('tables'), [table]: layout }),
    },
    follow(window) {
      const saveBounds = () => {
        if (window.isDestroyed()) return;
        // The size it returns to when un-maximized, not the maximized one.
        if (!window.isMaximized() && !window.isMinimized()) store.set('bounds', window.getBounds());
        store.set('maximized', window.isMaximized());
      };
      window.on('resized', saveBounds);
      window.on('moved', saveBounds);
      window.on('maximize', saveBounds);
      window.on('unmaximize', saveBounds);
      window.on('close', saveBounds);
      window.webContents.on('did-navigate-in-page', (_event, url) => {
        const hash = pageOf(url);
        if (hash) store.set('lastPage', hash);
      });
    },
  };
}

/** The hash route of an app URL, when it is one the app can reopen. */
export function pageOf(url: string): string | null {
  try {
    const hash = new URL(url).hash;
    return /^#\/[A-Za-z0-9/_-]*$/.test(hash) ? hash : null;
  } catch {
    return null;
  }
}
