import { Alert, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconDeviceDesktop } from '@tabler/icons-react';
import type { QuickBooksStatus } from '../../../src-shared/contract';
import { useConnectQuickBooks } from '../api/quickbooks';
import { useOrganizationTimeZone } from '../api/settings';
import { formatDateTime } from '../format/time';

/**
 * On a shared database: which computer runs the syncs. Its keychain holds the
 * QuickBooks sign-in, so on the others Sync Now asks it, and connecting
 * QuickBooks here makes this computer the sync computer instead.
 */
export function SyncComputerNotice({ status }: { status: QuickBooksStatus }) {
  const connect = useConnectQuickBooks();
  const timeZone = useOrganizationTimeZone();
  const syncComputer = status.syncComputer;
  if (!syncComputer || status.state === 'not_connected') return null;
  if (syncComputer.isThisComputer)
    return (
      <Text size="sm" data-testid="sync-computer">
        This computer is the sync computer: the other computers’ syncs run here, so keep EquineOps
        open on it.
      </Text>
    );
  return (
    <Alert
      color={syncComputer.online ? 'blue' : 'yellow'}
      variant="light"
      icon={
        <ThemeIcon variant="transparent" size="sm">
          <IconDeviceDesktop size={18} />
        </ThemeIcon>
      }
      title={`Syncs run on ${syncComputer.name}`}
      data-testid="sync-computer"
    >
      <Stack gap={6} align="flex-start">
        <Text size="sm">
          {syncComputer.online
            ? `${syncComputer.name} is on. Sync Now here asks it to sync, and you see the result here.`
            : `${syncComputer.name} is off${
                syncComputer.lastSeenAt
                  ? ` (last seen ${formatDateTime(syncComputer.lastSeenAt, timeZone)})`
                  : ''
              }. Syncs wait until EquineOps is open there again.`}
        </Text>
        <Group>
          <Button
            size="xs"
            variant="light"
            loading={connect.isPending || status.state === 'connecting'}
            onClick={() => connect.mutate()}
          >
            Connect QuickBooks here to make this the sync computer
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
