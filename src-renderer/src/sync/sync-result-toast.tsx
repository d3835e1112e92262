import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SyncResult, SyncRun } from '../../../src-shared/contract';
import { navigate, routeHref } from '../routing/hash-route';

/** A toast's colour says the result before its words do: green, yellow or red. */
export const RESULT_TOAST_COLORS: Record<Exclude<SyncResult, 'running'>, string> = {
  success: 'teal',
  partial: 'yellow',
  failed: 'red',
};

export interface SyncResultNotice {
  title: string;
  body: string;
  /** The run it reports, when known: the toast then opens that run, not the whole log. */
  run: SyncRun | null;
  /** A further line, e.g. how many came in inactive on a first sync. */
  note?: string | null;
  /** The host asked for a reconnect rather than a look at the log. */
  reconnect?: boolean;
}

/**
 * Shows how a customer sync ended. Successes fade; a run with errors or a failure
 * stays until closed, since staff may need to act on it. With `id`, the toast
 * already on screen (a "Reconnect QuickBooks" raised during the run) gains the run.
 */
export function showSyncResultToast(notice: SyncResultNotice, id?: string): string {
  const { run } = notice;
  const result = run && run.result !== 'running' ? run.result : null;
  const color = notice.reconnect ? 'red' : result ? RESULT_TOAST_COLORS[result] : 'teal';
  const runHref = run ? routeHref({ page: 'sync-run', id: run.id }) : null;
  const data = {
    title: notice.title,
    color,
    autoClose: result === 'success' && !notice.reconnect ? 8000 : false,
    withCloseButton: true,
    'data-testid': 'sync-result-toast',
    'data-result': notice.reconnect ? 'reconnect' : (result ?? 'unknown'),
    message: (
      <Stack gap={4}>
        <Text size="sm">{notice.body}</Text>
        {notice.note && <Text size="sm">{notice.note}</Text>}
        {runHref && (
          <Anchor
            href={runHref}
            size="sm"
            fw={600}
            // The toast's own click goes elsewhere for a reconnect; this link always opens the run.
            onClick={(event) => event.stopPropagation()}
          >
            View run
          </Anchor>
        )}
      </Stack>
    ),
    onClick: () =>
      navigate(
        notice.reconnect
          ? { page: 'integrations' }
          : run
            ? { page: 'sync-run', id: run.id }
            : { page: 'sync-log' },
      ),
  };
  if (id === undefined) return notifications.show(data);
  notifications.update({ ...data, id });
  return id;
}
