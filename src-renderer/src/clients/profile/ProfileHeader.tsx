import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconExternalLink } from '@tabler/icons-react';
import type { Client } from '../../../../src-shared/contract';
import { useArchiveClient } from '../../api/clients';
import { useOpenExternal, useOrganizationTimeZone } from '../../api/settings';
import { formatDateTime } from '../../format/time';
import { QuickBooksIcon } from '../../icons/QuickBooksIcon';
import { CustomClientBadge } from '../ClientSourceBadge';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { useFocusFallback } from '../../shell/focus-fallback';

export function ProfileHeader({ client }: { client: Client }) {
  const timeZone = useOrganizationTimeZone();
  const openExternal = useOpenExternal();
  const archive = useArchiveClient();
  const [confirming, setConfirming] = useState(false);
  const fromQuickBooks = client.source === 'quickbooks';
  // Archive and Restore each remove the button that was pressed.
  const nameRef = useRef<HTMLHeadingElement>(null);
  const armFocusFallback = useFocusFallback(nameRef);
  // Opening a client (Enter on a list row) removes the row that had focus: start here, not at the page top.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body)
      nameRef.current?.focus({ preventScroll: true });
  }, [client.id]);

  return (
    <Paper withBorder p="md" data-testid="client-header">
      <Stack gap="xs">
        {fromQuickBooks ? (
          <Group gap={6} data-testid="from-quickbooks-label">
            <QuickBooksIcon size={18} />
            <Text fw={700} c="green.8" size="sm">
              From QuickBooks
            </Text>
          </Group>
        ) : (
          <Group gap={6}>
            <CustomClientBadge />
          </Group>
        )}
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} data-testid="client-name" ref={nameRef} tabIndex={-1}>
                {client.displayName}
              </Title>
              {!client.active && (
                <Badge color="orange" variant="filled" data-testid="badge-inactive">
                  {fromQuickBooks ? 'Inactive in QuickBooks' : 'Inactive'}
                </Badge>
              )}
            </Group>
            {client.parentName && (
              <Text size="sm" c="dimmed">
                Sub-customer of {client.parentName}
              </Text>
            )}
            {!client.active && client.inactiveReason && (
              <Text size="sm" c="orange.8" data-testid="inactive-reason">
                {client.inactiveReason}
              </Text>
            )}
            {fromQuickBooks ? (
              <Group gap="lg">
                <Text size="sm" data-testid="quickbooks-id">
                  QuickBooks customer ID: {client.qbId}
                </Text>
                <Text size="sm" data-testid="last-sync">
                  Last sync:{' '}
                  {client.lastSyncedAt ? formatDateTime(client.lastSyncedAt, timeZone) : 'not yet'}
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed" data-testid="not-synced">
                Not synced to QuickBooks
              </Text>
            )}
          </Stack>
          <Group gap="sm">
            {fromQuickBooks && client.quickBooksUrl && (
              <Button
                variant="light"
                color="green"
                leftSection={<IconExternalLink size={16} aria-hidden />}
                loading={openExternal.isPending}
                onClick={() => client.quickBooksUrl && openExternal.mutate(client.quickBooksUrl)}
              >
                View in QuickBooks
              </Button>
            )}
            {!client.archivedAt && (
              <Button
                variant="default"
                leftSection={<IconArchive size={16} aria-hidden />}
                onClick={() => setConfirming(true)}
              >
                Archive
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={`Archive ${client.displayName}?`}
        confirmLabel="Archive client"
        loading={archive.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          archive.mutate(client.id, {
            onSuccess: () => {
              armFocusFallback();
              setConfirming(false);
              notifications.show({ color: 'teal', message: 'Client archived' });
            },
          })
        }
      >
        The client leaves the active lists but keeps its history: horses, staff notes and activity
        stay, and you can restore it at any time.
        {fromQuickBooks && ' Nothing changes in QuickBooks.'}
      </ConfirmDialog>
    </Paper>
  );
}
