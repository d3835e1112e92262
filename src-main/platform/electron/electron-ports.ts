import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { app, dialog, Notification, powerMonitor, shell, type BrowserWindow } from 'electron';
import { AppError } from '../../errors';
import { createKeytarSecretStore } from '../keychain/keytar-secret-store';
import { DATABASE_KEYCHAIN_SERVICE } from '../../shared-database/database-password';
import { systemClock } from '../node/system-clock';
import type {
  Clock,
  FileHandoff,
  FolderOpener,
  LayoutStore,
  Notifier,
  OpenExternal,
  Ports,
  PowerEvents,
  SecretStore,
  SystemNotification,
} from '../ports';
import type { ExternalUrlPolicy } from './external-url-policy';

export interface ElectronPortsOptions {
  /** Brings the app window forward: after the QuickBooks sign-in returns, or a notification is clicked. */
  focusWindow(): void;
  /** A notification was clicked: show the screen its action names (the Sync Log, Integrations). */
  onNotificationClick?(notification: SystemNotification): void;
  /** Asked at each open: the policy knows the configured QuickBooks base only once the core has loaded it. */
  externalUrlPolicy(): ExternalUrlPolicy;
  /** Only tests pass one (tests/electron-wiring); the app keeps tokens in the OS keychain. */
  secrets?: SecretStore;
  /** Only tests pass one; the shared database's password is kept in the OS keychain. */
  databaseSecrets?: SecretStore;
  /** Only tests pass one (a fake clock shared with the scheduler's timer). */
  clock?: Clock;
  /** The window a save dialog belongs to, when one is open. */
  dialogParent?(): BrowserWindow | null;
  /** Table column widths and sort (electron-store, see window-state.ts). */
  layout?: LayoutStore;
}

export function createElectronPorts(options: ElectronPortsOptions): Ports {
  return {
    clock: options.clock ?? systemClock,
    openExternal: shellOpenExternal(options.externalUrlPolicy),
    notifier: osNotifier((notification) =>
      options.onNotificationClick
        ? options.onNotificationClick(notification)
        : options.focusWindow(),
    ),
    secrets: options.secrets ?? createKeytarSecretStore(),
    databaseSecrets:
      options.databaseSecrets ?? createKeytarSecretStore({ service: DATABASE_KEYCHAIN_SERVICE }),
    power: powerMonitorEvents,
    window: { focus: () => options.focusWindow() },
    folders: fileManager,
    files: fileHandoff(() => options.dialogParent?.() ?? null),
    layout: options.layout,
  };
}

/** Settings → Data's "Open data folder": the system file manager. */
const fileManager: FolderOpener = {
  async open(path) {
    // shell.openPath resolves with an error message instead of rejecting.
    const failure = await shell.openPath(path);
    if (failure) {
      throw new AppError(
        'internal',
        `The folder could not be opened (${failure}). Its path is ${path}.`,
      );
    }
  },
};

/** A client's document opened in its usual app, or saved where staff choose. */
function fileHandoff(parent: () => BrowserWindow | null): FileHandoff {
  return {
    async openWithDefaultApp(path) {
      const failure = await shell.openPath(path);
      if (failure) throw new AppError('internal', `The file could not be opened (${failure}).`);
    },
    async saveAs(suggestedName, bytes) {
      const extension = extname(suggestedName).slice(1);
      const options = {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: extension
          ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }]
          : [],
      };
      const window = parent();
      const choice =
        window && !window.isDestroyed()
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      // Only the signed-in user may read what may be a client's private document.
      await writeFile(choice.filePath, bytes, { mode: 0o600 });
      return choice.filePath;
    },
  };
}

function shellOpenExternal(policy: () => ExternalUrlPolicy): OpenExternal {
  return {
    async open(url) {
      if (!policy()(url)) {
        throw new AppError(
          'validation',
          'EquineOps only opens QuickBooks and Intuit pages in the browser; this address was not opened.',
        );
      }
      await shell.openExternal(url);
    },
  };
}

const showing = new Set<Notification>();

function osNotifier(onClick: (notification: SystemNotification) => void): Notifier {
  return {
    notify(notification) {
      // Some Linux desktops have no notification daemon; the Sync Log still has the result.
      if (!Notification.isSupported()) return;
      const shown = new Notification({ title: notification.title, body: notification.body });
      // Held until closed: a collected Notification no longer reports its click.
      showing.add(shown);
      shown.on('click', () => onClick(notification));
      shown.on('close', () => showing.delete(shown));
      shown.show();
    },
  };
}

const powerMonitorEvents: PowerEvents = {
  onResume(listener) {
    powerMonitor.on('resume', listener);
    return () => powerMonitor.off('resume', listener);
  },
};
