import { Anchor, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useSyncEvents, useSyncStatus } from '../api/sync';
import { routeHref } from '../routing/hash-route';

/** The header's small sign of a running sync (with its percentage) or of a last sync that failed. */
export function ShellSyncIndicator() {
  useSyncEvents();
  const status = useSyncStatus();
  const data = status.data;
  if (!data) return null;
  if (data.running) {
    const p = data.progress;
    const percent = p && p.total ? Math.min(100, Math.round((p.applied / p.total) * 100)) : null;
    return (
      <Anchor
        href={routeHref({ page: 'integrations' })}
        underline="never"
        data-testid="shell-sync-indicator"
      >
        <Group gap={6}>
          <Loader size={14} />
          <Text size="sm">Syncing customers{percent !== null ? ` ${percent}%` : '…'}</Text>
        </Group>
      </Anchor>
    );
  }
  if (data.lastRun?.result === 'failed') {
    return (
      <Anchor
        href={routeHref({ page: 'sync-run', id: data.lastRun.id })}
        c="red"
        size="sm"
        data-testid="shell-sync-indicator"
      >
        <Group gap={4}>
          <IconAlertTriangle size={16} aria-hidden />
          Last sync failed
        </Group>
      </Anchor>
    );
  }
  return null;
}
