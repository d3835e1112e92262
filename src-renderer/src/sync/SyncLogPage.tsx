import { useState } from 'react';
import { Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useOrganizationTimeZone } from '../api/settings';
import { useSyncRuns } from '../api/sync';
import { formatDateTime } from '../format/time';
import { navigate, routeHref } from '../routing/hash-route';
import { LoadError } from '../shell/LoadError';
import { PageControls } from '../shell/PageControls';
import { RunResultBadge } from './RunResultBadge';
import { countsSummary, formatDuration, TRIGGER_LABELS } from './sync-labels';

const PAGE = 25;

/** The sidebar's Sync Log: every run, newest first. */
export function SyncLogPage() {
  const [page, setPage] = useState(1);
  const runs = useSyncRuns((page - 1) * PAGE, PAGE);
  const timeZone = useOrganizationTimeZone();
  return (
    <Stack maw={1000} gap="md">
      <Title order={2}>Sync Log</Title>
      <Text size="sm" c="dimmed">
        Every customer sync from QuickBooks: when it ran, what started it, and what changed. Open a
        run to see each customer and any errors.
      </Text>
      {runs.isPending && <Loader size="sm" aria-label="Loading the Sync Log" />}
      {runs.isError && (
        <LoadError
          title="The Sync Log could not be loaded"
          error={runs.error}
          onRetry={() => void runs.refetch()}
        />
      )}
      {runs.data && runs.data.total === 0 && (
        <Text>No syncs yet. Connect QuickBooks or click “Sync Customers Now”.</Text>
      )}
      {runs.data && runs.data.total > 0 && (
        <>
          <Table highlightOnHover data-testid="sync-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Changes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.runs.map((run) => (
                <Table.Tr
                  key={run.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate({ page: 'sync-run', id: run.id })}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor
                      href={routeHref({ page: 'sync-run', id: run.id })}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {formatDateTime(run.startedAt, timeZone)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{TRIGGER_LABELS[run.trigger]}</Table.Td>
                  <Table.Td>{formatDuration(run)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <RunResultBadge result={run.result} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {run.result === 'failed'
                        ? (run.message ?? 'Failed')
                        : countsSummary(run.counts)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <PageControls total={runs.data.total} pageSize={PAGE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
