import { Alert, Group, Loader, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import type { QuickBooksStatus } from '../../../src-shared/contract';
import { useOrganizationTimeZone } from '../api/settings';
import { formatDateTime } from '../format/time';

export function ConnectionStatusLine({ status }: { status: QuickBooksStatus }) {
  const timeZone = useOrganizationTimeZone();

  if (!status.configured) {
    return (
      <Alert
        color="yellow"
        icon={<IconAlertTriangle size={18} />}
        title="QuickBooks app keys are not set up"
      >
        This computer has no QuickBooks app keys yet. An administrator sets QBO_CLIENT_ID and
        QBO_CLIENT_SECRET (or a quickbooks.json file in the app&apos;s data folder); the README
        explains how.
      </Alert>
    );
  }
  switch (status.state) {
    case 'connecting':
      return (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>Waiting for QuickBooks… finish signing in in the browser window that opened.</Text>
        </Group>
      );
    case 'connected':
      return <ConnectedSummary status={status} timeZone={timeZone} />;
    case 'reconnect_required':
      return (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title="Reconnect QuickBooks"
          role="alert"
        >
          {status.detail ??
            'QuickBooks no longer accepts the connection. Reconnect to keep clients in sync; nothing has been lost.'}
        </Alert>
      );
    case 'not_connected':
      return (
        <Group gap="sm" role="status">
          <ThemeIcon variant="light" color="gray" radius="xl">
            <IconPlugConnectedX size={16} />
          </ThemeIcon>
          <div>
            <Text fw={600}>Not connected</Text>
            {status.detail && (
              <Text size="sm" c="red">
                {status.detail}
              </Text>
            )}
          </div>
        </Group>
      );
  }
}

function ConnectedSummary({ status, timeZone }: { status: QuickBooksStatus; timeZone: string }) {
  return (
    <div role="status">
      <Group gap="sm">
        <ThemeIcon variant="light" color="teal" radius="xl">
          <IconCircleCheck size={16} />
        </ThemeIcon>
        <div>
          <Text fw={600}>
            Connected to {status.companyName ?? `company ${status.realmId ?? ''}`}
          </Text>
          {status.connectedAt && (
            <Text size="sm" c="dimmed">
              since {formatDateTime(status.connectedAt, timeZone)}
            </Text>
          )}
        </div>
      </Group>
      {status.refreshExpiresSoon && (
        <Alert mt="sm" color="yellow" icon={<IconAlertTriangle size={18} />} title="Reconnect soon">
          QuickBooks asks apps to sign in again every 100 days. Reconnect QuickBooks before the
          connection ends so nightly syncs keep running.
        </Alert>
      )}
    </div>
  );
}
