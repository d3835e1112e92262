import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import {
  syncItemActionLabels,
  type SyncCounts,
  type SyncFieldChange,
} from '../../../src-shared/contract';
import { readableMessage } from '../api';
import { useOrganizationTimeZone } from '../api/settings';
import { downloadSyncLogCsv, useSyncItems, useSyncRun } from '../api/sync';
import { formatDateTime } from '../format/time';
import { routeHref } from '../routing/hash-route';
import { BackLink } from '../shell/BackLink';
import { LoadError } from '../shell/LoadError';
import { PageControls } from '../shell/PageControls';
import { RunResultBadge } from './RunResultBadge';
import { formatDuration, TRIGGER_LABELS } from './sync-labels';

const PAGE = 100;

const COUNT_LABELS: [keyof SyncCounts, string][] = [
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['deactivated', 'Made inactive'],
  ['reactivated', 'Reactivated'],
  ['deleted', 'Deleted in QuickBooks'],
  ['unchanged', 'Unchanged'],
  ['errors', 'Errors'],
];

/** One sync run: its counts, each customer it changed, its errors (filterable), and a CSV export. */
export function SyncRunDetail({ runId }: { runId: number }) {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const run = useSyncRun(runId);
  const items = useSyncItems(runId, { errorsOnly, search }, (page - 1) * PAGE, PAGE);
  const applySearch = useDebouncedCallback((text: string) => {
    setSearch(text.trim());
    setPage(1);
  }, 200);
  const timeZone = useOrganizationTimeZone();

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadSyncLogCsv(runId, { errorsOnly, search });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not exported', message: readableMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack maw={1000} gap="md">
      <BackLink to={{ page: 'sync-log' }} label="Back to the Sync Log" />
      {run.isPending && <Loader size="sm" aria-label="Loading the sync run" />}
      {run.isError && (
        <LoadError
          title="This sync could not be loaded"
          error={run.error}
          onRetry={() => void run.refetch()}
        />
      )}
      {run.data && (
        <>
          <Group justify="space-between">
            <Title order={2}>Sync of {formatDateTime(run.data.startedAt, timeZone)}</Title>
            <RunResultBadge size="lg" result={run.data.result} data-testid="sync-run-result" />
          </Group>
          <Text size="sm" c="dimmed">
            {TRIGGER_LABELS[run.data.trigger]} ·{' '}
            {run.data.kind === 'full'
              ? 'All customers read'
              : run.data.kind === 'incremental'
                ? 'Changes read'
                : 'Nothing read'}{' '}
            · {formatDuration(run.data)} · {run.data.fetched.toLocaleString('en-US')} customers read
            from QuickBooks
          </Text>
          {run.data.result === 'failed' && (
            <Alert color="red" title="This sync did not finish">
              <Text size="sm">{run.data.message}</Text>
              {run.data.detail && (
                <Text size="xs" mt={4}>
                  For support: <Code>{run.data.detail}</Code>
                </Text>
              )}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 4, md: 7 }} data-testid="sync-run-counts">
            {COUNT_LABELS.map(([key, label]) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                {key === 'errors' && run.data.result === 'failed' ? (
                  // "0" would read as "all went well": the run itself failed.
                  <Text fw={600} c="red">
                    Sync failed
                  </Text>
                ) : (
                  <Text fw={600}>{run.data.counts[key].toLocaleString('en-US')}</Text>
                )}
              </div>
            ))}
          </SimpleGrid>
        </>
      )}
      <Group justify="space-between">
        <Group gap="md">
          <TextInput
            aria-label="Search this sync"
            placeholder="Search by client, email or message"
            leftSection={<IconSearch size={16} aria-hidden />}
            type="search"
            w={300}
            value={searchText}
            onChange={(event) => {
              setSearchText(event.currentTarget.value);
              applySearch(event.currentTarget.value);
            }}
            data-testid="sync-items-search"
          />
          <Switch
            label="Errors only"
            checked={errorsOnly}
            onChange={(e) => {
              setErrorsOnly(e.currentTarget.checked);
              setPage(1);
            }}
          />
        </Group>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={exporting}
          onClick={() => void exportCsv()}
        >
          Export CSV
        </Button>
      </Group>
      {items.isError && (
        <LoadError
          title="The customers of this sync could not be loaded"
          error={items.error}
          onRetry={() => void items.refetch()}
        />
      )}
      {items.data && items.data.total === 0 && (
        <Text size="sm">
          {search
            ? `Nothing in this sync matches “${search}”${errorsOnly ? ' among its errors' : ''}.`
            : errorsOnly
              ? 'No errors in this sync.'
              : 'No customer changed in this sync.'}
        </Text>
      )}
      {items.data && items.data.total > 0 && (
        <>
          <Table data-testid="sync-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Client</Table.Th>
                <Table.Th>QuickBooks ID</Table.Th>
                <Table.Th>What happened</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {item.clientId !== null ? (
                      <Anchor href={routeHref({ page: 'client', id: item.clientId })}>
                        {item.clientName ?? `Client ${item.clientId}`}
                      </Anchor>
                    ) : (
                      (item.clientName ?? '—')
                    )}
                  </Table.Td>
                  <Table.Td>{item.qbId ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={
                        item.action === 'error'
                          ? 'red'
                          : item.action === 'possible_duplicate'
                            ? 'yellow'
                            : 'gray'
                      }
                    >
                      {syncItemActionLabels[item.action]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.message}</Text>
                    {item.changes.map((change) => (
                      <Text size="xs" key={change.label} data-testid="sync-item-change">
                        {describeFieldChange(change)}
                      </Text>
                    ))}
                    {item.detail && (
                      <Text size="xs" c="dimmed">
                        {item.detail}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <PageControls total={items.data.total} pageSize={PAGE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

/** "Phone: 555 0100 → 555 0199", as the client's Activity words it. */
function describeFieldChange(change: SyncFieldChange): string {
  const field = change.label.charAt(0).toUpperCase() + change.label.slice(1);
  if (change.before === null) return `${field} added: ${change.after ?? ''}`;
  if (change.after === null) return `${field} removed (was ${change.before})`;
  return `${field}: ${change.before} → ${change.after}`;
}
