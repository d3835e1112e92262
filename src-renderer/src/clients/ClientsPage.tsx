import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Group,
  Kbd,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import type { ClientSortField } from '../../../src-shared/contract';
import { useClientCount } from '../api/clients';
import { PossibleDuplicatesButton } from '../duplicates/PossibleDuplicatesButton';
import { QuickBooksDisconnectedNotice } from '../integrations/QuickBooksDisconnectedNotice';
import { routeHref } from '../routing/hash-route';
import { LoadError } from '../shell/LoadError';
import { ClientCountLine } from './ClientCountLine';
import { ClientsEmptyState } from './ClientsEmptyState';
import { ClientsTable, type ClientsTableHandle } from './ClientsTable';
import {
  defaultFilters,
  isUnfiltered,
  restoreRememberedSort,
  setListFilters,
  sortClientsBy,
  useListFilters,
} from './list-filters';
import { NewClientModal } from './NewClientModal';

export function ClientsPage() {
  const filters = useListFilters();
  const count = useClientCount(filters);
  // With no active client, "No clients yet" would be wrong while inactive ones exist.
  const inactive = useClientCount({ ...filters, status: 'inactive' });
  const [newClientOpen, newClient] = useDisclosure(false);

  const [searchText, setSearchText] = useState(filters.search);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<ClientsTableHandle>(null);
  const applySearch = useDebouncedCallback((search: string) => setListFilters({ search }), 150);
  const focusSearch = () => searchRef.current?.focus();
  useHotkeys([
    ['mod+K', focusSearch],
    ['/', focusSearch],
  ]);

  function clearSearch() {
    setSearchText('');
    setListFilters({ ...defaultFilters, sort: filters.sort, direction: filters.direction });
  }

  function sortBy(sort: ClientSortField) {
    const direction = filters.sort === sort && filters.direction === 'asc' ? 'desc' : 'asc';
    sortClientsBy(sort, direction);
  }
  useEffect(() => void restoreRememberedSort(), []);

  const page = count.data;
  return (
    <Stack
      h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-md))"
      gap="md"
    >
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Clients</Title>
          <ClientCountLine filters={filters} page={page} />
        </div>
        <Group gap="sm">
          <PossibleDuplicatesButton />
          <Button
            component="a"
            href={routeHref({ page: 'import' })}
            variant="default"
            leftSection={<IconUpload size={16} aria-hidden />}
          >
            Import
          </Button>
          {/* With no clients at all the empty state offers the same button. */}
          {!(page && page.total === 0 && isUnfiltered(filters)) && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={newClient.open}>
              New client
            </Button>
          )}
        </Group>
      </Group>

      <QuickBooksDisconnectedNotice />

      <Group gap="md" align="flex-end">
        <TextInput
          ref={searchRef}
          aria-label="Search clients"
          placeholder="Search by name, email or phone"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={<Kbd size="xs">/</Kbd>}
          w={340}
          value={searchText}
          onChange={(event) => {
            setSearchText(event.currentTarget.value);
            applySearch(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') clearSearch();
            // ↓ moves into the results, as in a search field with suggestions.
            if (event.key === 'ArrowDown' && page && page.total > 0) {
              event.preventDefault();
              tableRef.current?.focusRow(0);
            }
          }}
          type="search"
          data-testid="client-search"
        />
        <div>
          <Text size="xs" fw={600} mb={4} id="status-filter-label">
            Status
          </Text>
          <SegmentedControl
            aria-labelledby="status-filter-label"
            value={filters.status}
            onChange={(status) => setListFilters({ status: status as typeof filters.status })}
            data={[
              { value: 'active', label: <span data-testid="status-filter-active">Active</span> },
              {
                value: 'inactive',
                label: <span data-testid="status-filter-inactive">Inactive</span>,
              },
              {
                value: 'archived',
                label: <span data-testid="status-filter-archived">Archived</span>,
              },
            ]}
          />
        </div>
        <div>
          <Text size="xs" fw={600} mb={4} id="source-filter-label">
            Source
          </Text>
          <SegmentedControl
            aria-labelledby="source-filter-label"
            value={filters.source}
            onChange={(source) => setListFilters({ source: source as typeof filters.source })}
            data={[
              { value: 'all', label: <span data-testid="source-filter-all">All</span> },
              {
                value: 'quickbooks',
                label: <span data-testid="source-filter-quickbooks">QuickBooks</span>,
              },
              { value: 'manual', label: <span data-testid="source-filter-manual">Manual</span> },
            ]}
          />
        </div>
      </Group>

      {count.isError && !page ? (
        <LoadError
          title="Clients could not be loaded"
          error={count.error}
          onRetry={() => void count.refetch()}
        />
      ) : !page ? (
        <Stack gap="xs" data-testid="clients-loading" aria-busy>
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} height={40} radius="sm" />
          ))}
        </Stack>
      ) : page.total === 0 ? (
        <ClientsEmptyState
          filtered={!isUnfiltered(filters)}
          inactive={inactive.data?.total ?? 0}
          search={filters.search}
          onClear={clearSearch}
          onNewClient={newClient.open}
        />
      ) : (
        <ClientsTable
          ref={tableRef}
          filters={filters}
          firstPage={page}
          onSort={sortBy}
          onLeaveTop={focusSearch}
        />
      )}

      <NewClientModal opened={newClientOpen} onClose={newClient.close} />
    </Stack>
  );
}
