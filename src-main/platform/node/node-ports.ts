import { createKeytarSecretStore } from '../keychain/keytar-secret-store';
import { DATABASE_KEYCHAIN_SERVICE } from '../../shared-database/database-password';
import type { Clock, Ports, SecretStore } from '../ports';
import { createInAppNotifier, type InAppNotifier } from './in-app-notifier';
import { noPowerEvents } from './no-power-events';
import { createSystemBrowser, type RecordingOpenExternal } from './system-browser';
import { systemClock } from './system-clock';

/** The ports of a plain Node process (the browser host, tests), with what they recorded. */
export interface NodePorts extends Ports {
  openExternal: RecordingOpenExternal;
  notifier: InAppNotifier;
}

export interface NodePortsOptions {
  clock?: Clock;
  /** Defaults to the OS keychain; tests pass createMemorySecretStoreForTests(). */
  secrets?: SecretStore;
  /** The shared database's password: the OS keychain by default; tests pass a memory store. */
  databaseSecrets?: SecretStore;
  /** false: record opened addresses without launching a browser (tests, e2e). Default true. */
  launchBrowser?: boolean;
}

export function createNodePorts(options: NodePortsOptions = {}): NodePorts {
  return {
    clock: options.clock ?? systemClock,
    openExternal: createSystemBrowser({ launch: options.launchBrowser ?? true }),
    notifier: createInAppNotifier(),
    secrets: options.secrets ?? createKeytarSecretStore(),
    databaseSecrets:
      options.databaseSecrets ?? createKeytarSecretStore({ service: DATABASE_KEYCHAIN_SERVICE }),
    power: noPowerEvents,
    // A server cannot bring a browser tab forward; the page notices the change through events.
    window: { focus: () => undefined },
  };
}
