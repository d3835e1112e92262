import { Alert, Badge, Card, Divider, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuickBooksStatus } from '../api/quickbooks';
import { QuickBooksIcon } from '../icons/QuickBooksIcon';
import { LoadError } from '../shell/LoadError';
import { ConnectionActions } from './ConnectionActions';
import { ConnectionStatusLine } from './ConnectionStatusLine';
import { CustomerSyncPanel } from './CustomerSyncPanel';
import { SyncComputerNotice } from './SyncComputerNotice';

/** Settings → Integrations → "QuickBooks Online": the connection and Customer Sync. */
export function QuickBooksCard() {
  const status = useQuickBooksStatus();

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="qbo-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <QuickBooksIcon size={32} />
            <div>
              <Title order={3} id="qbo-title">
                QuickBooks Online
              </Title>
              <Text size="sm" c="dimmed">
                Customers flow one way, from QuickBooks into EquineOps, as read-only clients.
              </Text>
            </div>
          </Group>
          {status.data?.environment === 'sandbox' && <Badge variant="light">Sandbox company</Badge>}
        </Group>

        {status.isPending && <Loader size="sm" aria-label="Loading QuickBooks status" />}
        {status.isError && (
          <LoadError
            title="The QuickBooks status could not be loaded"
            error={status.error}
            onRetry={() => void status.refetch()}
          />
        )}
        {status.data && (
          <>
            <ConnectionStatusLine status={status.data} />
            <SyncComputerNotice status={status.data} />
            {status.data.tokensKept === 'memory' && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                Demo: this computer has no keychain, so the sandbox company&apos;s tokens are kept
                in memory and forgotten when the demo stops.
              </Alert>
            )}
            <ConnectionActions status={status.data} />
            <Divider />
            <CustomerSyncPanel status={status.data} />
            <Divider />
            <div>
              <Text fw={600} size="sm" mb={4}>
                What EquineOps may do in QuickBooks
              </Text>
              <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: '1.2rem' }}>
                {status.data.permissions.map((permission) => (
                  <Text size="sm" component="li" key={permission}>
                    {permission}
                  </Text>
                ))}
              </Stack>
            </div>
          </>
        )}
      </Stack>
    </Card>
  );
}
