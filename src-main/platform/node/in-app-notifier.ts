import type { Notifier, SystemNotification } from '../ports';

/** A Notifier for the browser host: the page shows notifications as in-app toasts. */
export interface InAppNotifier extends Notifier {
  /** Notifications so far, oldest first (the last 50). */
  readonly sent: readonly SystemNotification[];
  /** Called for each notification; the browser host forwards them to open pages. */
  onNotify(listener: (notification: SystemNotification) => void): () => void;
}

const REMEMBERED = 50;

export function createInAppNotifier(): InAppNotifier {
  const sent: SystemNotification[] = [];
  const listeners = new Set<(notification: SystemNotification) => void>();
  return {
    sent,
    notify(notification) {
      sent.push(notification);
      if (sent.length > REMEMBERED) sent.shift();
      for (const listener of listeners) listener(notification);
    },
    onNotify(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
