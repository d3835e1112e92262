import type { SyncRun } from '../../src-shared/contract';
import type { EventBus } from '../events';
import type { RememberingNotifier } from './remembering-notifier';
import { syncFinishedNotification } from './sync-notification';

export interface SyncNotificationsOptions {
  events: EventBus;
  notifier: RememberingNotifier;
  /** True when QuickBooks now needs a reconnect (the connection's state after the run). */
  connectionExpired(): Promise<boolean>;
}

/**
 * Tells staff when any customer sync ends, through the Notifier port: an OS
 * notification in Electron, a toast in the browser host. Returns a function
 * that stops listening, and `idle()` for tests to wait for the last notice.
 */
export function notifySyncResults(options: SyncNotificationsOptions): {
  stop(): void;
  idle(): Promise<void>;
} {
  let pending: Promise<void> = Promise.resolve();
  const stop = options.events.subscribe((event, payload) => {
    if (event !== 'sync.finished') return;
    const run = payload as SyncRun;
    pending = pending.then(() => announce(options, run)).catch(() => undefined);
  });
  return { stop, idle: () => pending };
}

async function announce(options: SyncNotificationsOptions, run: SyncRun): Promise<void> {
  const expired = run.result === 'failed' && (await options.connectionExpired());
  // The connection service already asked for a reconnect during this run: say it once.
  if (expired && options.notifier.shownSince('reconnect', new Date(run.startedAt))) return;
  options.notifier.notify(syncFinishedNotification(run, expired));
}
