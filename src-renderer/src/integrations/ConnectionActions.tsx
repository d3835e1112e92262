import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { QuickBooksStatus } from '../../../src-shared/contract';
import { ApiError, readableMessage } from '../api';
import { useConnectQuickBooks, useDisconnectQuickBooks } from '../api/quickbooks';
import { ConfirmDialog } from '../shell/ConfirmDialog';

export function ConnectionActions({ status }: { status: QuickBooksStatus }) {
  const connect = useConnectQuickBooks();
  const disconnect = useDisconnectQuickBooks();
  const [confirming, setConfirming] = useState(false);

  // A failure shows as a toast (titled by the hook) and stays on the card until the next try.
  const startConnect = () => connect.mutate();

  // Another computer holds the sign-in: SyncComputerNotice offers to take it over instead.
  if (!status.configured || status.syncComputer?.isThisComputer === false) return null;
  const connected = status.state === 'connected';
  const label =
    status.state === 'reconnect_required' || status.refreshExpiresSoon
      ? 'Reconnect QuickBooks'
      : 'Connect to QuickBooks';

  return (
    <Stack gap="sm">
      {connect.isError && !connected && (
        <ConnectFailed error={connect.error} onRetry={startConnect} />
      )}
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
            QuickBooks stay here, read-only and marked “From QuickBooks”, with their horses and
            notes.
          </Text>
        </ConfirmDialog>
      </Group>
    </Stack>
  );
}

/** Why connecting did not start, and what to do about it; nothing was changed. */
function ConnectFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const keychain = error instanceof ApiError && error.code === 'keychain_unavailable';
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title="QuickBooks was not connected"
      role="alert"
      data-testid="connect-error"
    >
      <Stack gap={6} align="flex-start">
        <Text size="sm">{readableMessage(error)}</Text>
        <Text size="sm">
          {keychain
            ? 'EquineOps keeps the QuickBooks sign-in only in the system keychain. Once it is unlocked or set up, click Try again. Your clients and sync history are not affected.'
            : 'Your clients and sync history are not affected. Check the connection and click Try again.'}
        </Text>
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
