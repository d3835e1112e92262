import type { SyncRun } from '../../src-shared/contract';
import { INTEGRATIONS_HASH } from './notification-target';
import type { TrayAction } from './tray-status';

export interface TrayCommandTargets {
  /** SyncService.run: starts a sync or joins the one running. */
  runSync(trigger: 'tray'): Promise<SyncRun>;
  /** Shows the window, optionally on a screen (a hash route). */
  openWindow(hash?: string): void;
  quit(): void;
}

/** What each tray menu item does; the Electron tray only forwards clicks here. */
export async function runTrayAction(
  action: TrayAction,
  targets: TrayCommandTargets,
): Promise<void> {
  switch (action) {
    case 'sync-now':
      // The result arrives as a notification (and the tray's status line); a refusal too.
      await targets.runSync('tray').catch(() => undefined);
      return;
    case 'reconnect':
      targets.openWindow(INTEGRATIONS_HASH);
      return;
    case 'open':
      targets.openWindow();
      return;
    case 'quit':
      targets.quit();
      return;
  }
}
