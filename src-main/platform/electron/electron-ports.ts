import { Notification, powerMonitor, shell } from 'electron';
import { AppError } from '../../errors';
import { createKeytarSecretStore } from '../keychain/keytar-secret-store';
import { systemClock } from '../node/system-clock';
import type {
  Clock,
  FolderOpener,
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
  /** Only tests pass one (a fake clock shared with the scheduler's timer). */
  clock?: Clock;
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
    power: powerMonitorEvents,
    window: { focus: () => options.focusWindow() },
    folders: fileManager,
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
