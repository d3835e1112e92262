import { Button, Group, Stack, Switch, Text, Tooltip } from '@mantine/core';
import type { QuickBooksStatus } from '../../../src-shared/contract';
import { useSetCustomerSync } from '../api/quickbooks';
import { useRunSync, useSyncStatus } from '../api/sync';
import { useOrganizationTimeZone } from '../api/settings';
import { formatDateTime, formatRelative } from '../format/time';
import { navigate } from '../routing/hash-route';
import { SyncProgress } from '../sync/SyncProgress';
import { countsSummary, RESULT_LABELS } from '../sync/sync-labels';

export function CustomerSyncPanel({ status }: { status: QuickBooksStatus }) {
  const setCustomerSync = useSetCustomerSync();
  const sync = useSyncStatus();
  const runSync = useRunSync();
  const timeZone = useOrganizationTimeZone();
  const running = sync.data?.running ?? false;
  // Sync Now needs a working connection and Customer Sync on; while a sync runs, clicking it would only join.
  const blockedBecause =
    status.state !== 'connected'
      ? status.state === 'reconnect_required'
        ? 'Reconnect QuickBooks first'
        : 'Connect QuickBooks first'
      : !status.customerSyncEnabled
        ? 'Turn on Customer Sync first'
        : null;
  const lastRun = sync.data?.lastRun ?? null;
  const lastSuccessAt = sync.data?.lastSuccessAt ?? null;
  return (
    <Stack gap="sm">
      <Switch
        label="Customer Sync"
        description="Bring new and changed QuickBooks customers into EquineOps."
        checked={status.customerSyncEnabled}
        disabled={setCustomerSync.isPending}
        onChange={(event) => setCustomerSync.mutate(event.currentTarget.checked)}
      />
      <Text size="sm" data-testid="sync-schedule">
        Schedule:{' '}
        <strong>
          {!status.customerSyncEnabled
            ? 'Off — turn on Customer Sync to sync nightly'
            : status.state === 'connected'
              ? `${status.schedule.label} (${status.schedule.timeZone})`
              : status.state === 'reconnect_required'
                ? 'Paused — reconnect QuickBooks to resume nightly syncs'
                : 'Paused — connect QuickBooks to sync nightly'}
        </strong>
      </Text>
      {status.nextRunAt && status.state === 'connected' && (
        <Text size="sm" data-testid="next-sync">
          Next run: <strong>{formatDateTime(status.nextRunAt, status.schedule.timeZone)}</strong>
        </Text>
      )}
      <Text size="sm" data-testid="last-sync">
        Last sync:{' '}
        {lastSuccessAt ? (
          <strong title={formatDateTime(lastSuccessAt, timeZone)}>
            {formatRelative(lastSuccessAt)}
          </strong>
        ) : (
          <strong>never</strong>
        )}
        {lastRun && lastRun.result !== 'running' && (
          <>
            {' '}
            · {RESULT_LABELS[lastRun.result].label}
            {lastRun.result === 'failed'
              ? `: ${lastRun.message ?? ''}`
              : ` — ${countsSummary(lastRun.counts)}`}
          </>
        )}
      </Text>
      {running && sync.data?.progress && <SyncProgress progress={sync.data.progress} />}
      <Group>
        <Tooltip label={blockedBecause ?? ''} disabled={blockedBecause === null}>
          <Button
            loading={running || runSync.isPending}
            disabled={blockedBecause !== null}
            // The result arrives as the host's sync-finished notification (a toast here), like every run's.
            onClick={() => runSync.mutate('manual')}
          >
            Sync Customers Now
          </Button>
        </Tooltip>
        <Button variant="default" onClick={() => navigate({ page: 'sync-log' })}>
          View Sync Log
        </Button>
      </Group>
    </Stack>
  );
}
