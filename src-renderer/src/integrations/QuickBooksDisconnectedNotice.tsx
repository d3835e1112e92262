import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useQuickBooksStatus } from '../api/quickbooks';
import { useSyncStatus } from '../api/sync';
import { routeHref } from '../routing/hash-route';

/**
 * Above the Clients list once QuickBooks has synced here but is no longer connected:
 * its clients stay, read-only, and stop updating until QuickBooks is connected again.
 */
export function QuickBooksDisconnectedNotice() {
  const status = useQuickBooksStatus().data;
  const everSynced = (useSyncStatus().data?.lastRun ?? null) !== null;
  if (!status?.configured || !everSynced) return null;
  if (status.state !== 'not_connected' && status.state !== 'reconnect_required') return null;
  const expired = status.state === 'reconnect_required';
  return (
    <Alert
      color={expired ? 'red' : 'gray'}
      variant="light"
      icon={<IconPlugConnectedX size={18} aria-hidden />}
      role="status"
      data-testid="quickbooks-disconnected"
      py="xs"
    >
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm">
          {expired
            ? 'QuickBooks needs to be reconnected. Clients from QuickBooks are kept but do not update until it is.'
            : 'QuickBooks is disconnected. Clients from QuickBooks are kept, read-only, and no longer update.'}
        </Text>
        <Button
          component="a"
          href={routeHref({ page: 'integrations' })}
          size="xs"
          variant="light"
          color={expired ? 'red' : 'green'}
        >
          {/* The words of the button it leads to on the card. */}
          {expired ? 'Reconnect QuickBooks' : 'Connect to QuickBooks'}
        </Button>
      </Group>
    </Alert>
  );
}
