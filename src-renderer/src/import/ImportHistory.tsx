import { useRef, useState } from 'react';
import { Alert, Badge, Button, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportBatch, ImportUndoResult } from '../../../src-shared/contract';
import { readableMessage } from '../api';
import { useImportHistory, useUndoImport } from '../api/import';
import { useOrganizationTimeZone } from '../api/settings';
import { formatDateTime } from '../format/time';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { useFocusFallback } from '../shell/focus-fallback';

/** Past imports, newest first; each can be undone once. */
export function ImportHistory() {
  const history = useImportHistory();
  const undo = useUndoImport();
  const timeZone = useOrganizationTimeZone();
  const [confirming, setConfirming] = useState<ImportBatch | null>(null);
  const [result, setResult] = useState<{ batch: ImportBatch; undo: ImportUndoResult } | null>(null);
  // An undone batch's "Undo" button becomes a badge.
  const titleRef = useRef<HTMLHeadingElement>(null);
  const armFocusFallback = useFocusFallback(titleRef);

  function confirmUndo() {
    const batch = confirming;
    if (!batch) return;
    undo.mutate(batch.id, {
      onSuccess: (value) => {
        armFocusFallback();
        setResult({ batch, undo: value });
        setConfirming(null);
      },
    });
  }

  const batches = history.data ?? [];
  return (
    <Stack gap="sm" data-testid="import-history">
      <Title order={3} size="h4" ref={titleRef} tabIndex={-1}>
        Import history
      </Title>
      {result && (
        <Alert
          color="blue"
          title={`Undid the import of ${result.batch.fileName}`}
          withCloseButton
          onClose={() => setResult(null)}
          role="status"
        >
          <Text size="sm">
            Removed {result.undo.removed} clients, {result.undo.linksRemoved} horse links and{' '}
            {result.undo.notesRemoved} notes.
          </Text>
          {result.undo.kept.length > 0 && (
            <>
              <Text size="sm" mt="xs">
                Kept {result.undo.kept.length} clients that staff have worked on since:
              </Text>
              <List size="sm" data-testid="undo-kept-clients">
                {result.undo.kept.map((k) => (
                  <List.Item key={k.clientId}>
                    <a href={`#/clients/${k.clientId}`}>{k.name}</a> — {k.reason}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {result.undo.keptLinks.length > 0 && (
            <>
              <Text size="sm" mt="xs">
                Kept {result.undo.keptLinks.length} horse links staff changed since:
              </Text>
              <List size="sm" data-testid="undo-kept-links">
                {result.undo.keptLinks.map((k) => (
                  <List.Item key={`${k.clientId}-${k.what}`}>
                    <a href={`#/clients/${k.clientId}`}>{k.clientName}</a> — {k.reason}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
      {history.isError && <Text c="red">{readableMessage(history.error)}</Text>}
      {batches.length === 0 && !history.isLoading ? (
        <Text size="sm" c="dimmed">
          No imports yet.
        </Text>
      ) : (
        <Table withTableBorder aria-label="Import history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Linked</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Skipped</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batches.map((batch) => (
              <Table.Tr key={batch.id} data-testid="import-batch">
                <Table.Td>{formatDateTime(batch.importedAt, timeZone)}</Table.Td>
                <Table.Td>{batch.fileName}</Table.Td>
                <Table.Td>{batch.actor}</Table.Td>
                <Table.Td>{batch.linked}</Table.Td>
                <Table.Td>{batch.created}</Table.Td>
                <Table.Td>{batch.skipped + batch.excluded}</Table.Td>
                <Table.Td>
                  {batch.undoneAt ? (
                    <Badge color="gray" variant="light">
                      Undone
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      onClick={() => setConfirming(batch)}
                    >
                      Undo
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDialog
        opened={confirming !== null}
        title="Undo this import?"
        confirmLabel="Undo import"
        loading={undo.isPending}
        onConfirm={confirmUndo}
        onCancel={() => setConfirming(null)}
      >
        Removes the {confirming?.created ?? 0} clients it created and the horses and notes it added
        to QuickBooks clients. Anything staff have worked on since the import stays as it is (a
        client with a contact fix, portal or preference change, horse, note or merge; a horse link
        changed since), and is listed. QuickBooks clients themselves stay.
        {undo.isError && <Text c="red">{readableMessage(undo.error)}</Text>}
      </ConfirmDialog>
    </Stack>
  );
}
