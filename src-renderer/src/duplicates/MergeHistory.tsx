import { Badge, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { MergeRecord } from '../../../src-shared/contract';
import { useMergeHistory, useUndoMerge } from '../api/duplicates';
import { useOrganizationTimeZone } from '../api/settings';
import { hideMergedToast, showMergeUndoneToast } from './merge-toast';
import { formatCount, formatDateTime } from '../format/time';

export function UndoMergeButton({ merge }: { merge: MergeRecord }) {
  const undo = useUndoMerge();
  const button = (
    <Button
      size="xs"
      variant="light"
      disabled={merge.undoBlockedBy !== null}
      loading={undo.isPending}
      onClick={() =>
        undo.mutate(merge.id, {
          onSuccess: (result) => {
            hideMergedToast(merge.id);
            showMergeUndoneToast(result);
          },
        })
      }
    >
      Undo merge
    </Button>
  );
  return merge.undoBlockedBy ? <Tooltip label={merge.undoBlockedBy}>{button}</Tooltip> : button;
}

/** Recent merges, newest first, each with "Undo merge" while it can still be undone. */
export function MergeHistory() {
  const history = useMergeHistory(null);
  const timeZone = useOrganizationTimeZone();
  if (!history.data || history.data.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="merge-history-title">
      <Title order={3} size="h4" id="merge-history-title">
        Merge history
      </Title>
      {history.data.map((merge) => (
        <Paper key={merge.id} withBorder p="xs" data-testid="merge-history-row">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm">
                {merge.archivedClientName} merged into {merge.keptClientName}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(merge.mergedAt, timeZone)} by {merge.mergedBy} ·{' '}
                {formatCount(merge.horsesMoved, 'horse', 'horses')} moved ·{' '}
                {formatCount(merge.notesCopied, 'note', 'notes')} copied
              </Text>
            </Stack>
            {merge.undoneAt ? (
              <Badge variant="light" color="gray">
                Undone {formatDateTime(merge.undoneAt, timeZone)}
              </Badge>
            ) : (
              <UndoMergeButton merge={merge} />
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
