import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconRestore } from '@tabler/icons-react';
import type { Client } from '../../../../src-shared/contract';
import { useRestoreClient } from '../../api/clients';
import { useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';

export function ArchivedBanner({ client }: { client: Client }) {
  const timeZone = useOrganizationTimeZone();
  const restore = useRestoreClient();
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconArchive aria-hidden />}
      title="Archived"
      data-testid="archived-banner"
    >
      <Group justify="space-between">
        <Text size="sm">
          Archived {client.archivedAt ? formatDateTime(client.archivedAt, timeZone) : ''}. This
          client is hidden from active lists; its history is kept.
        </Text>
        <Button
          size="xs"
          leftSection={<IconRestore size={14} aria-hidden />}
          loading={restore.isPending}
          onClick={() =>
            restore.mutate(client.id, {
              onSuccess: () => notifications.show({ color: 'teal', message: 'Client restored' }),
            })
          }
        >
          Restore
        </Button>
      </Group>
    </Alert>
  );
}
