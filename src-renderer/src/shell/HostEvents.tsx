import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { events } from '../../../src-shared/contract';
import { transport } from '../api';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../routing/hash-route';
import { openInNewTab } from './open-in-new-tab';

/**
 * Pushes from the host that are not data changes: the QuickBooks status, a page
 * to open in a browser tab (the browser host's "system browser"), a screen to
 * show (a clicked OS notification), and notifications, shown here as toasts.
 */
export function HostEvents() {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      transport.subscribe((event, payload) => {
        if (event === 'quickbooks.changed') {
          const status = events['quickbooks.changed'].safeParse(payload);
          if (status.success) queryClient.setQueryData(queryKeys.quickbooksStatus, status.data);
        } else if (event === 'app.openUrl') {
          const target = events['app.openUrl'].safeParse(payload);
          if (target.success) openInNewTab(target.data.url, window.open.bind(window));
        } else if (event === 'app.notification') {
          const note = events['app.notification'].safeParse(payload);
          if (!note.success) return;
          const { title, body, action } = note.data;
          notifications.show({
            title,
            message: body,
            color: action === 'reconnect' ? 'red' : 'teal',
            autoClose: action === 'reconnect' ? false : 8000,
            // The Sync Log for results; Integrations (the QuickBooks card) to reconnect.
            onClick: () =>
              navigate(
                action === 'open-sync-log' ? { page: 'sync-log' } : { page: 'integrations' },
              ),
          });
        } else if (event === 'app.navigate') {
          // The desktop app was brought forward by a click on a notification.
          const target = events['app.navigate'].safeParse(payload);
          if (target.success) window.location.hash = target.data.hash;
        }
      }),
    [queryClient],
  );
  return null;
}
