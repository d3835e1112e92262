import type { SystemNotification } from '../platform/ports';

export const SYNC_LOG_HASH = '#/settings/integrations/sync-log';
export const INTEGRATIONS_HASH = '#/settings/integrations';

/** Where clicking a notification takes staff in the app (the renderer's hash route). */
export function notificationTarget(action: SystemNotification['action']): string | null {
  switch (action) {
    case 'open-sync-log':
      return SYNC_LOG_HASH;
    case 'reconnect':
      // Reconnecting happens on the QuickBooks card of Settings → Integrations.
      return INTEGRATIONS_HASH;
    default:
      return null;
  }
}
