import { Button, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MergeRecord, MergeUndoResult } from '../../../src-shared/contract';
import { formatCount } from '../format/time';

/** Undone elsewhere (profile, history), the merge's toast must not offer the undo again. */
export function hideMergedToast(mergeId: number): void {
  notifications.hide(mergeToastId(mergeId));
}

function mergeToastId(mergeId: number): string {
  return `merge-${mergeId}`;
}

/**
 * Says the merge is undone and, when staff changed things after the merge,
 * what stayed as they left it and why. It stays up until closed when there
 * is such a list to read.
 */
export function showMergeUndoneToast(result: MergeUndoResult) {
  const restored = `Merge undone: ${result.archivedClientName} is restored.`;
  if (result.kept.length === 0) {
    notifications.show({ color: 'teal', message: restored });
    return;
  }
  notifications.show({
    color: 'teal',
    title: restored,
    autoClose: false,
    message: (
      <Stack gap={4} data-testid="merge-undo-kept">
        <Text size="sm">Kept as changed since the merge:</Text>
        <List size="sm">
          {result.kept.map((k) => (
            <List.Item key={`${k.clientId}-${k.what}`}>{k.reason}</List.Item>
          ))}
        </List>
      </Stack>
    ),
  });
}

/**
 * The toast right after a merge, with "Undo merge". The toast lives outside
 * the page (it may outlast it), so it is handed the undo to run.
 */
export function showMergedToast(
  record: MergeRecord,
  undo: (mergeId: number) => Promise<MergeUndoResult>,
) {
  const id = mergeToastId(record.id);
  notifications.show({
    id,
    color: 'teal',
    title: 'Clients merged',
    autoClose: 20_000,
    message: (
      <Stack gap={6} align="flex-start" data-testid="merge-toast">
        <Text size="sm">
          {record.archivedClientName} was merged into {record.keptClientName}:{' '}
          {formatCount(record.horsesMoved, 'horse', 'horses')} moved,{' '}
          {formatCount(record.notesCopied, 'note', 'notes')} copied.
        </Text>
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            void undo(record.id).then(showMergeUndoneToast);
          }}
        >
          Undo merge
        </Button>
      </Stack>
    ),
  });
}
