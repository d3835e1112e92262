import type { Clock, Notifier, SystemNotification } from '../platform/ports';

/** A Notifier that also remembers when it last showed each kind of notification. */
export interface RememberingNotifier extends Notifier {
  /** True when a notification with this action was shown at or after `since`. */
  shownSince(action: NonNullable<SystemNotification['action']>, since: Date): boolean;
}

/**
 * Wraps the host's notifier so one problem is announced once: when QuickBooks
 * refuses the connection during a sync, the connection service already said
 * "Reconnect QuickBooks", and the sync's own failure notice would repeat it.
 */
export function rememberingNotifier(inner: Notifier, clock: Clock): RememberingNotifier {
  const lastShown = new Map<string, number>();
  return {
    notify(notification) {
      if (notification.action) lastShown.set(notification.action, clock.now().getTime());
      inner.notify(notification);
    },
    shownSince(action, since) {
      return (lastShown.get(action) ?? -Infinity) >= since.getTime();
    },
  };
}
