import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { events, type SyncRun } from '../../../src-shared/contract';
import { api, transport } from '../api';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../routing/hash-route';
import { SyncNoticeMatcher } from '../sync/sync-notice-matcher';
import { showSyncResultToast } from '../sync/sync-result-toast';
import { openInNewTab } from './open-in-new-tab';

/**
 * On a first sync, "5,000 created" counts inactive customers too while the list
 * shows active ones: say how many of this run's came in inactive.
 */
async function firstSyncNote(run: SyncRun): Promise<string | null> {
  if (run.trigger !== 'initial' || run.result === 'failed' || run.counts.created === 0) return null;
  const inactive = await api['sync.run.createdInactive']({ runId: run.id })
    .then((answer) => answer.inactive)
    .catch(() => 0);
  if (inactive === 0) return null;
  const active = Math.max(0, run.counts.created - inactive);
  return `${active.toLocaleString('en-US')} active · ${inactive.toLocaleString('en-US')} inactive in QuickBooks (listed under Clients → Inactive).`;
}

/**
 * Pushes from the host that are not data changes: the QuickBooks status, a page
 * to open in a browser tab (the browser host's "system browser"), a screen to
 * show (a clicked OS notification), and notifications, shown here as toasts.
 */
export function HostEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const matcher = new SyncNoticeMatcher<{ id: string; title: string; body: string }>();
    // "Reconnect QuickBooks" stays until closed, or until QuickBooks is connected again.
    const reconnectToasts = new Set<string>();
    return transport.subscribe((event, payload) => {
      if (event === 'quickbooks.changed') {
        const status = events['quickbooks.changed'].safeParse(payload);
        if (!status.success) return;
        queryClient.setQueryData(queryKeys.quickbooksStatus, status.data);
        if (status.data.state === 'connected' && !status.data.refreshExpiresSoon) {
          for (const id of reconnectToasts) notifications.hide(id);
          reconnectToasts.clear();
        }
      } else if (event === 'sync.progress') {
        const progress = events['sync.progress'].safeParse(payload);
        if (progress.success) matcher.progress(progress.data.runId);
      } else if (event === 'sync.finished') {
        const run = events['sync.finished'].safeParse(payload);
        if (!run.success) return;
        const raised = matcher.finish(run.data);
        if (raised && reconnectToasts.has(raised.id))
          showSyncResultToast({ ...raised, run: run.data, reconnect: true }, raised.id);
      } else if (event === 'app.openUrl') {
        const target = events['app.openUrl'].safeParse(payload);
        if (target.success) openInNewTab(target.data.url, window.open.bind(window));
      } else if (event === 'app.notification') {
        const note = events['app.notification'].safeParse(payload);
        if (!note.success) return;
        const { title, body, action } = note.data;
        const reconnect = action === 'reconnect';
        const run = matcher.notice(action);
        if (run) {
          void firstSyncNote(run).then((extra) => {
            const id = showSyncResultToast({ title, body, run, note: extra, reconnect });
            if (reconnect) reconnectToasts.add(id);
          });
        } else {
          const id = notifications.show({
            title,
            message: body,
            color: reconnect ? 'red' : 'teal',
            autoClose: reconnect ? false : 8000,
            // The Sync Log for results; Integrations (the QuickBooks card) to reconnect.
            onClick: () =>
              navigate(
                action === 'open-sync-log' ? { page: 'sync-log' } : { page: 'integrations' },
              ),
          });
          if (reconnect) reconnectToasts.add(id);
          if (reconnect) matcher.raised({ id, title, body });
        }
      } else if (event === 'app.navigate') {
        // The desktop app was brought forward by a click on a notification.
        const target = events['app.navigate'].safeParse(payload);
        if (target.success) window.location.hash = target.data.hash;
      }
    });
  }, [queryClient]);
  return null;
}
