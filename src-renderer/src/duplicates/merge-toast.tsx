import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MergeRecord } from '../../../src-shared/contract';
import { formatCount } from '../format/time';

/** Undone elsewhere (profile, history), the merge's toast must not offer the undo again. */
export function hideMergedToast(mergeId: number): void {
  notifications.hide(mergeToastId(mergeId));
}

function mergeToastId(mergeId: number): string {
  return `merge-${mergeId}`;
}

/**
 * The toast right after a merge, with "Undo merge". The toast lives outside
 * the page (it may outlast it), so it is handed the undo to run.
 */
export function showMergedToast(record: MergeRecord, undo: (mergeId: number) => Promise<unknown>) {
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
            void undo(record.id).then(() =>
              notifications.show({
                color: 'teal',
                message: `Merge undone: ${record.archivedClientName} is restored.`,
              }),
            );
          }}
        >
          Undo merge
        </Button>
      </Stack>
    ),
  });
}
