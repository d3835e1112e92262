import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DeletedNote } from '../../../../src-shared/contract';
import { readableMessage } from '../../api';

/**
 * The toast right after a note is deleted, with "Undo". It may outlast the
 * profile, so it is handed the restore to run. `until` is the end of the
 * undo window, already formatted in the organization's time zone.
 */
export function showNoteDeletedToast(
  note: DeletedNote,
  until: string,
  restore: (noteId: number) => Promise<unknown>,
) {
  const id = `note-deleted-${note.id}`;
  notifications.show({
    id,
    color: 'gray',
    title: 'Note deleted',
    autoClose: 15_000,
    message: (
      <Stack gap={6} align="flex-start" data-testid="note-deleted-toast">
        <Text size="sm">
          You can also restore it from the client&apos;s Activity until {until}.
        </Text>
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            restore(note.id).then(
              () => notifications.show({ color: 'teal', message: 'Note restored.' }),
              (error: unknown) =>
                notifications.show({
                  color: 'red',
                  title: 'The note was not restored',
                  message: readableMessage(error),
                }),
            );
          }}
        >
          Undo
        </Button>
      </Stack>
    ),
  });
}
