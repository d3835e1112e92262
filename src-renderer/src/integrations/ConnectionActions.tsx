import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QuickBooksStatus } from '../../../src-shared/contract';
import { useConnectQuickBooks, useDisconnectQuickBooks } from '../api/quickbooks';
import { ConfirmDialog } from '../shell/ConfirmDialog';

export function ConnectionActions({ status }: { status: QuickBooksStatus }) {
  const connect = useConnectQuickBooks();
  const disconnect = useDisconnectQuickBooks();
  const [confirming, setConfirming] = useState(false);

  // A failure shows as one toast, titled by the hooks ("QuickBooks was not connected").
  const startConnect = () => connect.mutate();

  if (!status.configured) return null;
  const connected = status.state === 'connected';
  const label =
    status.state === 'reconnect_required' || status.refreshExpiresSoon
      ? 'Reconnect QuickBooks'
      : 'Connect to QuickBooks';

  return (
    <Group>
      {(!connected || status.refreshExpiresSoon) && (
        <Button
          onClick={startConnect}
          loading={connect.isPending || status.state === 'connecting'}
          color="green"
        >
          {label}
        </Button>
      )}
      {status.state === 'connecting' && (
        <Button variant="subtle" onClick={startConnect}>
          Open the sign-in page again
        </Button>
      )}
      {(connected || status.state === 'reconnect_required') && (
        <Button
          variant="default"
          color="red"
          onClick={() => setConfirming(true)}
          loading={disconnect.isPending}
        >
          Disconnect
        </Button>
      )}
      <ConfirmDialog
        opened={confirming}
        title="Disconnect QuickBooks?"
        confirmLabel="Disconnect"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          disconnect.mutate(undefined, {
            onSuccess: () =>
              notifications.show({
                title: 'QuickBooks disconnected',
                message: 'Synced clients were kept.',
              }),
          });
        }}
      >
        <Text size="sm">
          EquineOps stops syncing and forgets its QuickBooks sign-in. Clients that came from
          QuickBooks stay here, read-only and marked “From QuickBooks”, with their horses and notes.
        </Text>
      </ConfirmDialog>
    </Group>
  );
}
