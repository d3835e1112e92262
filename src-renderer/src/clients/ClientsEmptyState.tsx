import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlug, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { navigate } from '../routing/hash-route';
import { setListFilters } from './list-filters';

interface ClientsEmptyStateProps {
  /** A search or filter is hiding clients (as opposed to there being none). */
  filtered: boolean;
  /** Inactive clients with the same search and source, which the Active list leaves out. */
  inactive: number;
  search: string;
  onClear: () => void;
  onNewClient: () => void;
}

export function ClientsEmptyState({
  filtered,
  inactive,
  search,
  onClear,
  onNewClient,
}: ClientsEmptyStateProps) {
  if (!filtered && inactive > 0) {
    return (
      <Paper withBorder p="xl" data-testid="clients-only-inactive">
        <Stack align="center" gap="sm">
          <IconUsers size={40} aria-hidden color="var(--mantine-color-dimmed)" />
          <Title order={3}>No active clients</Title>
          <Text c="dimmed" ta="center" maw={520}>
            {inactive === 1
              ? 'The only client here is inactive.'
              : `All ${inactive.toLocaleString('en-US')} clients here are inactive.`}
          </Text>
          <Group>
            <Button variant="default" onClick={() => setListFilters({ status: 'inactive' })}>
              Show inactive clients
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNewClient}>
              New client
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }
  if (filtered) {
    return (
      <Paper withBorder p="xl" data-testid="clients-no-match">
        <Stack align="center" gap="sm">
          <IconSearch size={36} aria-hidden color="var(--mantine-color-dimmed)" />
          <Title order={3}>No clients found</Title>
          <Text c="dimmed" ta="center">
            {search.trim()
              ? `No clients match “${search.trim()}” with these filters.`
              : 'No clients match these filters.'}
          </Text>
          <Button variant="default" onClick={onClear}>
            {search.trim() ? 'Clear search' : 'Clear filters'}
          </Button>
        </Stack>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="xl" data-testid="clients-empty">
      <Stack align="center" gap="sm">
        <IconUsers size={40} aria-hidden color="var(--mantine-color-dimmed)" />
        <Title order={3}>No clients yet</Title>
        <Text c="dimmed" ta="center" maw={520}>
          Connect QuickBooks in Settings → Integrations to bring in your customers, or add a client
          by hand.
        </Text>
        <Group>
          <Button
            leftSection={<IconPlug size={16} aria-hidden />}
            onClick={() => navigate({ page: 'integrations' })}
          >
            Go to Integrations
          </Button>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={onNewClient}
          >
            New client
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
